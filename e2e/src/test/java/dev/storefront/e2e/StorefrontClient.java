package dev.storefront.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.common.testing.CheckoutLoad.Order;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

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

    /**
     * One answer: HTTP status (0 for a transport error), the order it carries (a 2xx answer with an
     * order body), the body as text, time taken.
     */
    record Answer(int status, Optional<Order> order, String text, Duration elapsed) {

        /** The order's status; empty if the answer carries no order. */
        String orderStatus() {
            return order.map(Order::status).orElse("");
        }

        /** The order's id; empty if the answer carries no order. */
        String orderId() {
            return order.map(Order::orderId).orElse("");
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
            return new Answer(response.statusCode(), order(response), response.body(), since(start));
        } catch (IOException e) {
            return new Answer(0, Optional.empty(), e.toString(), since(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, Optional.empty(), "interrupted", since(start));
        }
    }

    /** The order of a 2xx answer; empty for other answers and bodies that are no order (a product list). */
    private static Optional<Order> order(HttpResponse<String> response) {
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(response.body(), Order.class));
        } catch (IOException notAnOrder) {
            return Optional.empty();
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
