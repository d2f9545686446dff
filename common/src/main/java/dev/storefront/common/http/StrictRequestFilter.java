package dev.storefront.common.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.storefront.common.problem.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.filter.ServerFilterPhase;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Rejects a request body the services must not guess about, before any controller sees it:
 * <ul>
 *   <li>a {@code Content-Encoding} other than {@code identity}: 415 with {@code Accept-Encoding:
 *       identity} (RFC 9110 §15.5.16; bodies are small, 64 KiB at most, and never compressed by
 *       the callers);</li>
 *   <li>a POST, PUT or PATCH without {@code Content-Type}, with one that cannot be parsed, or
 *       with a charset other than UTF-8: 415, instead of guessing;</li>
 *   <li>a JSON body that is not exactly one JSON value (trailing content, a second document) or
 *       that repeats a member name (RFC 8259 §4 leaves duplicates to the parser; the first or last
 *       silently winning would change the order): 400.</li>
 * </ul>
 * Jackson has {@code StreamReadFeature.STRICT_DUPLICATE_DETECTION} but no streaming switch for
 * trailing tokens (that is databind's {@code FAIL_ON_TRAILING_TOKENS}, which Micronaut Serde does
 * not use), so the body is read once here with jackson-core; it is at most 64 KiB.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class StrictRequestFilter implements Ordered {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    @Override
    public int getOrder() {
        // After tracing and the drain filter, before any body is bound.
        return ServerFilterPhase.FIRST.after();
    }

    /**
     * Completes with the request itself to let it through (an async filter result of null would
     * end the exchange without an answer), or fails with the 400 or 415 problem.
     */
    @RequestFilter
    CompletionStage<HttpRequest<?>> check(HttpRequest<?> request) {
        if (!carriesBody(request.getMethod())) {
            return CompletableFuture.completedFuture(request);
        }
        Optional<String> encoding = Optional.ofNullable(request.getHeaders().get(HttpHeaders.CONTENT_ENCODING))
                .map(String::trim);
        if (encoding.isPresent() && !encoding.get().equalsIgnoreCase("identity")) {
            throw new UnsupportedContentException("Content-Encoding " + printable(encoding.get())
                    + " is not supported: send the body uncompressed (Content-Encoding identity or none).",
                    Map.of(HttpHeaders.ACCEPT_ENCODING, "identity"));
        }
        Optional<MediaType> contentType;
        try {
            contentType = request.getContentType();
        } catch (RuntimeException unparseable) {
            throw new UnsupportedContentException(
                    "The Content-Type header cannot be read: send the body as application/json.", Map.of());
        }
        if (contentType.isEmpty()) {
            throw new UnsupportedContentException(
                    "A Content-Type header is required: send the body as application/json.", Map.of());
        }
        String charset = contentType.get().getParameters().get("charset").orElse("utf-8");
        if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
            // RFC 8259 §8.1: JSON exchanged between systems is UTF-8.
            throw new UnsupportedContentException("Charset " + printable(charset)
                    + " is not supported: JSON bodies are UTF-8.", Map.of());
        }
        if (!contentType.get().matchesExtension(MediaType.EXTENSION_JSON)
                || !(request instanceof ServerHttpRequest<?> serverRequest)) {
            return CompletableFuture.completedFuture(request);
        }
        try (CloseableByteBody body = serverRequest.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST)) {
            return body.buffer().thenApply(buffered -> {
                checkSingleJsonValue(buffered.toByteArray());
                return request;
            });
        }
    }

    private static boolean carriesBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    /**
     * Reads every token: exactly one JSON value, no repeated member names.
     *
     * @throws MalformedJsonException saying what is wrong and where (line and column)
     */
    static void checkSingleJsonValue(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                throw new MalformedJsonException("The body is empty: send one JSON object.");
            }
            parser.skipChildren();
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new MalformedJsonException("The body holds more than one JSON value: unexpected content after "
                        + "the end of the first one, at " + where(parser.currentTokenLocation()) + ".");
            }
        } catch (JsonParseException e) {
            String reason = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "member " + duplicateName(e.getOriginalMessage()) + " appears more than once"
                    : "it is not valid JSON";
            throw new MalformedJsonException("The body cannot be read: " + reason + ", at "
                    + where(e.getLocation()) + ".");
        } catch (IOException e) {
            throw new MalformedJsonException("The body cannot be read as JSON.");
        }
    }

    /** {@code Duplicate field 'quantity'} → {@code "quantity"}. */
    private static String duplicateName(String message) {
        int first = message.indexOf('\'');
        int last = message.lastIndexOf('\'');
        return first >= 0 && last > first ? "\"" + printable(message.substring(first + 1, last)) + "\"" : "a member";
    }

    private static String where(@Nullable JsonLocation location) {
        return location == null ? "an unknown position"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** At most 40 printable ASCII characters of a client's value, to quote it back safely. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 40; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }

    /** 400: the body is not exactly one well-formed JSON value. */
    static final class MalformedJsonException extends DomainException {
        MalformedJsonException(String detail) {
            super(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON", detail);
        }
    }

    /** 415: a body this service does not take (no Content-Type, or a content coding). */
    static final class UnsupportedContentException extends DomainException {

        private final Map<String, String> headers;

        UnsupportedContentException(String detail, Map<String, String> headers) {
            super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported Media Type", detail);
            this.headers = headers;
        }

        @Override
        public Map<String, String> headers() {
            return headers;
        }
    }
}
