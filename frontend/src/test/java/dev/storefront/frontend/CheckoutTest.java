package dev.storefront.frontend;

import dev.storefront.common.testing.HttpStandIn;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class CheckoutTest extends FrontendTestBase {

    private static final String CHECKOUT = "{\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2}]}";

    private static String order(String orderId, String status) {
        return "{\"orderId\":\"" + orderId + "\",\"status\":\"" + status + "\",\"customerEmail\":\"a@example.com\","
                + "\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPriceCents\":4500}],\"totalCents\":9000,"
                + "\"currency\":\"USD\",\"paymentId\":" + ("PENDING".equals(status) ? "null" : "\"p-1\"")
                + ",\"createdAt\":\"2026-01-02T03:04:05.678Z\"}";
    }

    private HttpResponse<Map> checkout(String idempotencyKey) {
        var request = HttpRequest.POST("/api/checkout", CHECKOUT).contentType("application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return exchange(request);
    }

    @Test
    void checkoutForwardsTheClientsIdempotencyKeyAndAnswersAsOrdersDid() {
        String orderId = UUID.randomUUID().toString();
        orders.respond(request -> HttpStandIn.Answer.json(201, order(orderId, "PAID")));

        HttpResponse<Map> answer = checkout("client-key-1");

        assertStatus(answer, 201);
        assertThat(answer.body()).containsEntry("orderId", orderId).containsEntry("status", "PAID")
                .containsEntry("totalCents", 9000).containsEntry("createdAt", "2026-01-02T03:04:05.678Z");
        assertThat(answer.header("Location")).isEqualTo("/api/orders/" + orderId);
        assertThat(answer.header("Idempotency-Key")).isEqualTo("client-key-1");
        HttpStandIn.Request forwarded = orders.requests().get(0);
        assertThat(forwarded.method()).isEqualTo("POST");
        assertThat(forwarded.path()).isEqualTo("/orders");
        assertThat(forwarded.headers()).containsEntry("idempotency-key", "client-key-1");
        assertThat(forwarded.body()).contains("\"sku\":\"SKU-1\"").doesNotContain("Cents");
    }

    @Test
    void checkoutWithoutAKeyMintsOneForOrdersAndEchoesIt() {
        orders.respond(request -> HttpStandIn.Answer.json(202, order(UUID.randomUUID().toString(), "PENDING")));

        HttpResponse<Map> answer = checkout(null);

        assertStatus(answer, 202);
        assertThat(answer.body()).containsEntry("status", "PENDING").containsEntry("paymentId", null);
        String minted = orders.requests().get(0).headers().get("idempotency-key");
        assertThat(UUID.fromString(minted)).isNotNull();
        assertThat(answer.header("Idempotency-Key")).isEqualTo(minted);
    }

    @Test
    void ordersProblemIsRelayedUnchanged() {
        String problem = "{\"type\":\"urn:problem-type:storefront:unknown-sku\",\"title\":\"Unknown SKU\","
                + "\"status\":422,\"detail\":\"SKU is not for sale: SKU-1\",\"skus\":[\"SKU-1\"]}";
        orders.respond(request -> new HttpStandIn.Answer(422, "application/problem+json", problem));

        HttpResponse<Map> answer = checkout("k-422");

        assertStatus(answer, 422);
        assertThat(answer.getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        assertThat(answer.body()).isEqualTo(Map.of("type", "urn:problem-type:storefront:unknown-sku",
                "title", "Unknown SKU", "status", 422, "detail", "SKU is not for sale: SKU-1",
                "skus", java.util.List.of("SKU-1")));
    }

    @Test
    void ordersFailureIs503WithRetryAfter() {
        orders.respond(request -> new HttpStandIn.Answer(500, null, null));

        HttpResponse<Map> answer = checkout("k-500");

        assertStatus(answer, 503);
        assertThat(answer.header("Retry-After")).isEqualTo("1");
        assertThat(answer.body().get("detail").toString()).contains("orders service");
    }

    @Test
    void ordersFailureOnACheckoutCarriesTheKeyAndSaysToRetryWithIt() {
        orders.respond(request -> new HttpStandIn.Answer(500, null, null));

        HttpResponse<Map> withKey = checkout("k-retry-with-it");
        HttpResponse<Map> withoutKey = checkout(null);

        assertStatus(withKey, 503);
        assertThat(withKey.header("Idempotency-Key")).isEqualTo("k-retry-with-it");
        assertThat(withKey.body().get("detail").toString())
                .contains("may have been stored").contains("k-retry-with-it").doesNotContain("nothing was lost");
        assertStatus(withoutKey, 503);
        String minted = withoutKey.header("Idempotency-Key");
        assertThat(UUID.fromString(minted)).isNotNull();
        assertThat(orders.requests()).extracting(r -> r.headers().get("idempotency-key")).contains(minted);
        assertThat(withoutKey.body().get("detail").toString()).contains(minted);
    }

    @Test
    void catalogFailureSaysNothingWasLostAndCarriesNoKey() {
        orders.respond(request -> new HttpStandIn.Answer(500, null, null));

        HttpResponse<Map> answer = exchange(HttpRequest.GET("/api/products"));

        assertStatus(answer, 503);
        assertThat(answer.header("Idempotency-Key")).isNull();
        assertThat(answer.body().get("detail").toString()).contains("nothing was lost");
    }

    @Test
    void ordersKeyInFlightIsRelayedAs409WithRetryAfter() {
        orders.respond(request -> new HttpStandIn.Answer(409, "application/problem+json",
                "{\"type\":\"urn:problem-type:storefront:idempotency-key-in-flight\",\"title\":\"Request in progress\","
                        + "\"status\":409,\"detail\":\"A request with this Idempotency-Key is still being processed.\"}",
                Map.of("Retry-After", "7")));

        HttpResponse<Map> answer = checkout("k-in-flight");

        assertStatus(answer, 409);
        assertThat(answer.header("Retry-After")).isEqualTo("7");
        assertThat(answer.body()).containsEntry("type", "urn:problem-type:storefront:idempotency-key-in-flight")
                .containsEntry("title", "Request in progress").containsEntry("status", 409);
    }

    @Test
    void slowOrdersIsCutAtTheReadTimeoutWith503() {
        orders.respond(request -> HttpStandIn.Answer.json(201, order(UUID.randomUUID().toString(), "PAID")));
        orders.hold();
        long start = System.nanoTime();

        HttpResponse<Map> answer = checkout("k-slow");

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        orders.releaseHeld();
        assertStatus(answer, 503);
        // frontend -> orders read timeout is 6 s (docs/timing-ladder.md)
        assertThat(took).isBetween(Duration.ofMillis(5_900), Duration.ofMillis(8_000));
    }

    @Test
    void unknownOrderIs404AndKnownOrderIsRelayed() {
        String orderId = UUID.randomUUID().toString();
        orders.respond(request -> request.path().endsWith(orderId)
                ? HttpStandIn.Answer.json(200, order(orderId, "PAID"))
                : new HttpStandIn.Answer(404, "application/problem+json",
                "{\"type\":\"urn:problem-type:storefront:order-not-found\",\"title\":\"Order not found\","
                        + "\"status\":404,\"detail\":\"There is no order " + orderId + ".\"}"));

        HttpResponse<Map> found = exchange(HttpRequest.GET("/api/orders/" + orderId));
        HttpResponse<Map> missing = exchange(HttpRequest.GET("/api/orders/" + UUID.randomUUID()));

        assertStatus(found, 200);
        assertThat(found.body()).containsEntry("orderId", orderId);
        assertStatus(missing, 404);
        assertThat(missing.getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        assertThat(missing.body().get("type")).isEqualTo("urn:problem-type:storefront:order-not-found");
    }

    @Test
    void readinessDoesNotDependOnOrders() {
        orders.respond(request -> new HttpStandIn.Answer(503, null, null));

        assertStatus(exchange(HttpRequest.GET("/health/readiness")), 200);
        assertStatus(exchange(HttpRequest.GET("/health/liveness")), 200);
        assertThat(orders.requests()).isEmpty();
    }
}
