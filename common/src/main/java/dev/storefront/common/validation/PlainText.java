package dev.storefront.common.validation;

/**
 * Patterns for the {@code @Pattern} constraints of request fields, so that a value the service
 * accepts is one PostgreSQL, DynamoDB and HTTP headers can hold and give back unchanged.
 */
public final class PlainText {

    /**
     * Text without control characters (Unicode category Cc: NUL, which PostgreSQL rejects in text,
     * CR and LF, which would split a log line or a header, DEL, C1 controls) and without unpaired
     * surrogates (category Cs: not encodable in UTF-8, stored as {@code ?}). Letters of every
     * script and emoji (paired surrogates) are fine.
     */
    public static final String REGEX = "[^\\p{Cc}\\p{Cs}]*";

    /** The violation message of {@link #REGEX}. */
    public static final String MESSAGE = "must not contain control characters or unpaired surrogates";

    /**
     * An Idempotency-Key: printable US-ASCII (0x20 to 0x7E), starting and ending with a visible
     * character, as HTTP header values (RFC 9110 §5.5) are echoed and stored byte for byte.
     */
    public static final String IDEMPOTENCY_KEY_REGEX = "[\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?";

    /** The violation message of {@link #IDEMPOTENCY_KEY_REGEX}. */
    public static final String IDEMPOTENCY_KEY_MESSAGE =
            "must be printable ASCII (letters, digits, punctuation), for example a UUID";

    private PlainText() {
    }
}
