package dev.storefront.common.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests to a service under test that return every answer, error statuses included, as JSON maps. */
public final class HttpAnswers {

    private HttpAnswers() {
    }

    /** Sends the request and returns the answer whatever its status, with a JSON map body. */
    public static HttpResponse<Map> exchange(HttpClient http, HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, Argument.of(Map.class), Argument.of(Map.class));
        } catch (HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<Map> response = (HttpResponse<Map>) e.getResponse();
            return response;
        }
    }

    /** Asserts the status code, showing the body (a problem, usually) when it differs. */
    public static void assertStatus(HttpResponse<Map> response, int expected) {
        assertThat(response.code())
                .as("status of an answer with body %s", response.getBody().orElse(null))
                .isEqualTo(expected);
    }
}
