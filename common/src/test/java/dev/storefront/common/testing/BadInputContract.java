package dev.storefront.common.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input rules of DESIGN.md §3, the same for every service: malformed JSON 400, invalid
 * fields 400 with {@code errors}, body over 64 KiB 413, wrong content type 415, unknown path
 * 404; each an RFC 9457 problem without a stack trace, and nothing written. A service's test
 * implements the hooks and inherits the tests. Requests are raw (JDK HTTP client), so the bytes
 * and headers are exactly what a careless client would send.
 */
public interface BadInputContract {

    /**
     * A body that breaks a field rule, and the field the {@code errors} member must name.
     *
     * @param json the request body
     * @param field the expected field path, e.g. {@code items[0].quantity}
     */
    record InvalidBody(String json, String field) {
    }

    /** Base URL of the service under test, e.g. {@code http://127.0.0.1:43567}. */
    String serviceUrl();

    /** The write endpoint's method: POST or PUT. */
    String writeMethod();

    /** The write endpoint's path. */
    String writePath();

    /** A body the write endpoint accepts. */
    String validBody();

    /** Bodies that break one rule each. */
    List<InvalidBody> invalidBodies();

    /** How many writes the service has made so far (rows, items, or forwarded requests). */
    long writes();

    @Test
    default void malformedJsonIs400ProblemAndWritesNothing() {
        long before = writes();

        HttpResponse<String> answer = send(writeMethod(), writePath(), "application/json", "{\"customerEmail\": ");

        assertProblem(answer, 400);
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    default void invalidFieldsAre400WithErrorsNamingTheFieldAndWriteNothing() {
        long before = writes();
        for (InvalidBody invalid : invalidBodies()) {
            HttpResponse<String> answer = send(writeMethod(), writePath(), "application/json", invalid.json());

            assertProblem(answer, 400);
            assertThat(answer.body()).as("errors of %s", invalid.json())
                    .contains("\"errors\":[").contains("\"field\":\"" + invalid.field() + "\"");
        }
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    default void bodyOver64KiBIs413AndWritesNothing() {
        long before = writes();
        String padding = "x".repeat(65 * 1024);

        HttpResponse<String> answer = send(writeMethod(), writePath(), "application/json",
                validBody().replaceFirst("\\{", "{\"padding\":\"" + padding + "\","));

        assertProblem(answer, 413);
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    default void wrongContentTypeIs415AndWritesNothing() {
        long before = writes();

        HttpResponse<String> answer = send(writeMethod(), writePath(), "text/plain", validBody());

        assertProblem(answer, 415);
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    default void unknownPathIs404Problem() {
        assertProblem(send("GET", "/no/such/path", null, null), 404);
    }

    /** Sends one raw request to the service; never follows redirects. */
    default HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serviceUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("no answer from " + serviceUrl() + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 9457 problem of that status, with the members clients rely on, and no internals. */
    static void assertProblem(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body())
                .contains("\"type\":").contains("\"title\":").contains("\"status\":" + status).contains("\"detail\":")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("stackTrace");
    }
}
