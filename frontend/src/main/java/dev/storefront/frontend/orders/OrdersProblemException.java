package dev.storefront.frontend.orders;

import dev.storefront.common.problem.DomainException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A client error that orders answered (400, 404, 409, 422), relayed to the caller as the same RFC
 * 9457 problem: its type, title, detail and extension members as orders wrote them, and its
 * {@code Retry-After} header (409 while a request with the key is in flight).
 */
public final class OrdersProblemException extends DomainException {

    private static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

    private final URI typeUri;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    private OrdersProblemException(HttpStatus status, URI typeUri, String title, String detail,
                                   Map<String, Object> extensions, Map<String, String> headers) {
        super(status, typeUri.toString(), title, detail);
        this.typeUri = typeUri;
        this.extensions = extensions;
        this.headers = headers;
    }

    /** Orders' problem answer, member by member. */
    static OrdersProblemException from(HttpResponse<?> response) {
        Map<String, Object> body = response.getBody(Argument.mapOf(String.class, Object.class)).orElse(Map.of());
        Map<String, Object> extensions = new LinkedHashMap<>();
        body.forEach((name, value) -> {
            if (!PROBLEM_MEMBERS.contains(name) && value != null) {
                extensions.put(name, value);
            }
        });
        Map<String, String> headers = response.getHeaders().findFirst("Retry-After")
                .map(value -> Map.of("Retry-After", value)).orElse(Map.of());
        Object type = body.get("type");
        return new OrdersProblemException(response.getStatus(),
                URI.create(type != null ? type.toString() : "about:blank"),
                String.valueOf(body.getOrDefault("title", response.getStatus().getReason())),
                body.get("detail") != null ? body.get("detail").toString() : null,
                Map.copyOf(extensions), headers);
    }

    @Override
    public URI typeUri() {
        return typeUri;
    }

    @Override
    public Map<String, Object> extensions() {
        return extensions;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }
}
