package dev.storefront.common.problem;

import io.micronaut.http.HttpStatus;

import java.net.URI;
import java.util.Map;

/**
 * Base of every typed domain error. Each subclass names one rule that a request broke; {@link
 * DomainExceptionHandler} maps it once to an RFC 9457 {@code application/problem+json} answer, so
 * domain code never builds HTTP responses itself.
 */
public abstract class DomainException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;

    /**
     * @param status the HTTP status of the problem answer (a 4xx)
     * @param type short, stable problem type, e.g. {@code "unknown-sku"}; rendered as the URI
     *     {@code urn:problem-type:storefront:unknown-sku}
     * @param title short, constant summary of the problem type (RFC 9457 §3.1.3)
     * @param detail what was wrong with this request, for the client (RFC 9457 §3.1.4)
     */
    protected DomainException(HttpStatus status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    /** The HTTP status of the problem answer. */
    public HttpStatus status() {
        return status;
    }

    /** The problem type slug, e.g. {@code "unknown-sku"}. */
    public String type() {
        return type;
    }

    /**
     * The problem type URI (RFC 9457 §3.1.1): {@code urn:problem-type:storefront:<type>}. A problem
     * relayed from another service overrides it to keep that service's own type.
     */
    public URI typeUri() {
        return URI.create(DomainExceptionHandler.TYPE_PREFIX + type);
    }

    /** The constant title of this problem type. */
    public String title() {
        return title;
    }

    /** Extension members added to the problem body (RFC 9457 §3.2); none by default. */
    public Map<String, Object> extensions() {
        return Map.of();
    }

    /** Headers the answer carries, e.g. {@code Retry-After} on a 409, {@code Accept-Encoding} on a 415; none by default. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
