package dev.storefront.common.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.tree.JsonNode;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests to a service under test that return every answer, error statuses included; the body is
 * bound to a record on demand ({@link #body}, {@link #problem}) with the service's own serde.
 */
public final class HttpAnswers {

    private HttpAnswers() {
    }

    /** Sends the request and returns the answer whatever its status; read the body with {@link #body}. */
    public static HttpResponse<?> exchange(HttpClient http, HttpRequest<?> request) {
        try {
            // Bound as text first, so that any answer (JSON or not) comes back; the client keeps the
            // bytes, and binds them again to each type asked of getBody.
            return http.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
        } catch (HttpClientResponseException e) {
            return e.getResponse();
        }
    }

    /** The answer's JSON body bound to {@code type}; fails the test if there is none or it does not bind. */
    public static <T> T body(HttpResponse<?> answer, Class<T> type) {
        return answer.getBody(type).orElseThrow(() -> new AssertionError(
                "no " + type.getSimpleName() + " in the answer " + answer.code() + ": " + text(answer)));
    }

    /** The answer's RFC 9457 problem. */
    public static Problem problem(HttpResponse<?> answer) {
        return body(answer, Problem.class);
    }

    /**
     * The names of the top-level members of the answer's JSON object. A record cannot tell a member
     * sent as null from one not sent at all, nor show a member it does not declare; this can.
     */
    public static Set<String> members(HttpResponse<?> answer) {
        JsonNode json = body(answer, JsonNode.class);
        assertThat(json.isObject()).as("a JSON object: %s", text(answer)).isTrue();
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> member : json.entries()) {
            names.add(member.getKey());
        }
        return names;
    }

    /** Asserts the status code, showing the body (a problem, usually) when it differs. */
    public static void assertStatus(HttpResponse<?> response, int expected) {
        assertThat(response.code())
                .as("status of an answer with body %s", text(response))
                .isEqualTo(expected);
    }

    private static String text(HttpResponse<?> answer) {
        return answer.getBody(String.class).orElse("");
    }
}
