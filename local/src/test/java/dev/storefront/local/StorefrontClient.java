package dev.storefront.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.common.testing.CheckoutLoad;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a user of the public API does, over real HTTP to 127.0.0.1. */
final class StorefrontClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    StorefrontClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> checkout(String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/checkout"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(15)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("no answer to " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The order of an answer from checkout or {@code GET /api/orders/{id}} (docs/api.md). */
    static CheckoutLoad.Order order(HttpResponse<String> answer) {
        return order(answer.body());
    }

    /** The order in a JSON answer body. */
    static CheckoutLoad.Order order(String json) {
        try {
            return JSON.readValue(json, CheckoutLoad.Order.class);
        } catch (IOException e) {
            throw new AssertionError("not an order: " + json, e);
        }
    }

    static String checkoutJson(String email, String sku, int quantity) {
        return "{\"customerEmail\":\"" + email + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]}";
    }
}
