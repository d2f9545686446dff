package dev.storefront.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a user of the public API does, over real HTTP to 127.0.0.1. */
final class StorefrontClient {

    private static final Pattern STRING_MEMBER = Pattern.compile("\"%s\":\"([^\"]*)\"");

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

    /** A string member of a flat JSON answer, e.g. {@code orderId}. */
    static String member(HttpResponse<String> answer, String name) {
        return member(answer.body(), name);
    }

    /** A string member of a flat JSON object, e.g. {@code orderId}. */
    static String member(String json, String name) {
        Matcher matcher = Pattern.compile(String.format(STRING_MEMBER.pattern(), name)).matcher(json);
        if (!matcher.find()) {
            throw new AssertionError("no \"" + name + "\" in " + json);
        }
        return matcher.group(1);
    }

    static String checkoutJson(String email, String sku, int quantity) {
        return "{\"customerEmail\":\"" + email + "\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]}";
    }
}
