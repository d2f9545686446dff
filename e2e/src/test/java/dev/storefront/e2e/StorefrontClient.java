package dev.storefront.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The public API of frontend (docs/api.md), the only way the tests drive the stack. Answers are
 * returned, never thrown, so a test can count failures; a transport error is status 0.
 */
final class StorefrontClient {

    /** Above frontend's 6 s read timeout towards orders: a hang shows as a slow answer, not ours. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    StorefrontClient(URI base) {
        this.base = base;
    }

    /** One answer: HTTP status (0 for a transport error), body as JSON (missing if not JSON), time taken. */
    record Answer(int status, JsonNode body, String text, Duration elapsed) {

        String orderStatus() {
            return body.path("status").asText();
        }

        String orderId() {
            return body.path("orderId").asText();
        }

        @Override
        public String toString() {
            return status + " in " + elapsed.toMillis() + " ms: " + text;
        }
    }

    /** {@code POST /api/checkout} with the given items JSON, e.g. {@code [{"sku":"SKU-1","quantity":2}]}. */
    Answer checkout(String itemsJson) {
        String body = "{\"customerEmail\":\"e2e@example.com\",\"items\":" + itemsJson + "}";
        return send(HttpRequest.newBuilder(base.resolve("/api/checkout"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** {@code GET} of a public path, e.g. {@code /api/products}. */
    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private Answer send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()), response.body(), since(start));
        } catch (IOException e) {
            return new Answer(0, MissingNode.getInstance(), e.toString(), since(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, MissingNode.getInstance(), "interrupted", since(start));
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text.isEmpty() ? MissingNode.getInstance() : JSON.readTree(text);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
