package dev.storefront.common.http;

/**
 * The {@code Idempotency-Key} request header (IETF draft-ietf-httpapi-idempotency-key-header):
 * a client-chosen unique string that makes a retried POST return the first answer instead of
 * creating a second resource.
 */
public final class IdempotencyKey {

    /** The header name. */
    public static final String HEADER = "Idempotency-Key";

    /** Longest key accepted, in characters. */
    public static final int MAX_LENGTH = 255;

    private IdempotencyKey() {
    }
}
