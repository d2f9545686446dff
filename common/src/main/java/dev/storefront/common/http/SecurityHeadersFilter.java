package dev.storefront.common.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Browser security headers on every answer, the page and the API alike (OWASP Secure Headers
 * Project): the page loads its script and style sheet from its own files, never inline, so
 * {@code default-src 'self'} suffices and injected markup cannot run script; no framing
 * ({@code frame-ancestors 'none'}, and {@code X-Frame-Options} for browsers without CSP level 2);
 * no MIME sniffing of JSON or problem bodies into HTML; no referrer leaves the site.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeadersFilter implements Ordered {

    /** The Content-Security-Policy of every answer. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public int getOrder() {
        // Outermost, so that error answers made by inner filters get the headers too.
        return ServerFilterPhase.FIRST.before();
    }

    @ResponseFilter
    void addHeaders(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
    }
}
