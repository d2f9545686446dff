package dev.storefront.frontend;

import dev.storefront.common.config.ShippedSettings;
import dev.storefront.common.testing.CheckoutLoad.Order;
import dev.storefront.common.testing.HttpAnswers;
import dev.storefront.common.testing.HttpStandIn;
import dev.storefront.common.testing.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    private HttpResponse<?> checkout(String idempotencyKey) {
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

        HttpResponse<?> answer = checkout("client-key-1");

        assertStatus(answer, 201);
        Order order = order(answer);
        assertThat(order.orderId()).isEqualTo(orderId);
        assertThat(order.status()).isEqualTo("PAID");
        assertThat(order.totalCents()).isEqualTo(9000);
        assertThat(order.createdAt()).isEqualTo("2026-01-02T03:04:05.678Z");
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

        HttpResponse<?> answer = checkout(null);

        assertStatus(answer, 202);
        assertThat(order(answer).status()).isEqualTo("PENDING");
        assertThat(order(answer).paymentId()).isNull();
        // A PENDING order shows paymentId as null (docs/api.md), not without it: the record reads
        // both as null, the member names tell them apart.
        assertThat(HttpAnswers.members(answer)).contains("paymentId");
        String minted = orders.requests().get(0).headers().get("idempotency-key");
        assertThat(UUID.fromString(minted)).isNotNull();
        assertThat(answer.header("Idempotency-Key")).isEqualTo(minted);
    }

    @Test
    void ordersProblemIsRelayedUnchanged() {
        String problem = "{\"type\":\"urn:problem-type:storefront:unknown-sku\",\"title\":\"Unknown SKU\","
                + "\"status\":422,\"detail\":\"SKU is not for sale: SKU-1\",\"skus\":[\"SKU-1\"]}";
        orders.respond(request -> new HttpStandIn.Answer(422, "application/problem+json", problem));

        HttpResponse<?> answer = checkout("k-422");

        assertStatus(answer, 422);
        assertThat(answer.getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        assertThat(problem(answer)).isEqualTo(new Problem("urn:problem-type:storefront:unknown-sku",
                "Unknown SKU", 422, "SKU is not for sale: SKU-1", null, List.of("SKU-1")));
        // Unchanged means no member added either, which a record (blind to undeclared members) cannot show.
        assertThat(HttpAnswers.members(answer)).containsExactlyInAnyOrder("type", "title", "status", "detail", "skus");
    }

    @Test
    void ordersFailureIs503WithRetryAfter() {
        orders.respond(request -> new HttpStandIn.Answer(500, null, null));

        HttpResponse<?> answer = checkout("k-500");

        assertStatus(answer, 503);
        assertThat(answer.header("Retry-After")).isEqualTo("1");
        assertThat(problem(answer).detail()).contains("orders service");
    }

    @Test
    void ordersFailureOnACheckoutCarriesTheKeyAndSaysToRetryWithIt() {
        orders.respond(request -> new HttpStandIn.Answer(500, null, null));

        HttpResponse<?> withKey = checkout("k-retry-with-it");
        HttpResponse<?> withoutKey = checkout(null);

        assertStatus(withKey, 503);
        assertThat(withKey.header("Idempotency-Key")).isEqualTo("k-retry-with-it");
        assertThat(problem(withKey).detail())
                .contains("may have been stored").contains("k-retry-with-it").doesNotContain("nothing was lost");
        assertStatus(withoutKey, 503);
        String minted = withoutKey.header("Idempotency-Key");
        assertThat(UUID.fromString(minted)).isNotNull();
        assertThat(orders.requests()).extracting(r -> r.headers().get("idempotency-key")).contains(minted);
        assertThat(problem(withoutKey).detail()).contains(minted);
    }

    @Test
    void catalogFailureSaysNothingWasLostAndCarriesNoKey() {
        orders.respond(request -> new HttpStandIn.Answer(500, null, null));

        HttpResponse<?> answer = exchange(HttpRequest.GET("/api/products"));

        assertStatus(answer, 503);
        assertThat(answer.header("Idempotency-Key")).isNull();
        assertThat(problem(answer).detail()).contains("nothing was lost");
    }

    @Test
    void ordersKeyInFlightIsRelayedAs409WithRetryAfter() {
        orders.respond(request -> new HttpStandIn.Answer(409, "application/problem+json",
                "{\"type\":\"urn:problem-type:storefront:idempotency-key-in-flight\",\"title\":\"Request in progress\","
                        + "\"status\":409,\"detail\":\"A request with this Idempotency-Key is still being processed.\"}",
                Map.of("Retry-After", "7")));

        HttpResponse<?> answer = checkout("k-in-flight");

        assertStatus(answer, 409);
        assertThat(answer.header("Retry-After")).isEqualTo("7");
        Problem problem = problem(answer);
        assertThat(problem.type()).isEqualTo("urn:problem-type:storefront:idempotency-key-in-flight");
        assertThat(problem.title()).isEqualTo("Request in progress");
        assertThat(problem.status()).isEqualTo(409);
    }

    @Test
    void slowOrdersIsCutAtTheReadTimeoutWith503() {
        orders.respond(request -> HttpStandIn.Answer.json(201, order(UUID.randomUUID().toString(), "PAID")));
        orders.hold();
        long start = System.nanoTime();

        HttpResponse<?> answer = checkout("k-slow");

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        orders.releaseHeld();
        assertStatus(answer, 503);
        // frontend's read timeout towards orders as its configuration ships it (docs/timing-ladder.md)
        Duration readTimeout = ShippedSettings.of(Path.of(".."), "frontend")
                .duration("micronaut.http.services.orders.read-timeout");
        assertThat(took).isBetween(readTimeout.minusMillis(100), readTimeout.plusSeconds(2));
    }

    @Test
    void unknownOrderIs404AndKnownOrderIsRelayed() {
        String orderId = UUID.randomUUID().toString();
        orders.respond(request -> request.path().endsWith(orderId)
                ? HttpStandIn.Answer.json(200, order(orderId, "PAID"))
                : new HttpStandIn.Answer(404, "application/problem+json",
                "{\"type\":\"urn:problem-type:storefront:order-not-found\",\"title\":\"Order not found\","
                        + "\"status\":404,\"detail\":\"There is no order " + orderId + ".\"}"));

        HttpResponse<?> found = exchange(HttpRequest.GET("/api/orders/" + orderId));
        HttpResponse<?> missing = exchange(HttpRequest.GET("/api/orders/" + UUID.randomUUID()));

        assertStatus(found, 200);
        assertThat(order(found).orderId()).isEqualTo(orderId);
        assertStatus(missing, 404);
        assertThat(missing.getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        assertThat(problem(missing).type()).isEqualTo("urn:problem-type:storefront:order-not-found");
    }

    @Test
    void readinessDoesNotDependOnOrders() {
        orders.respond(request -> new HttpStandIn.Answer(503, null, null));

        assertStatus(exchange(HttpRequest.GET("/health/readiness")), 200);
        assertStatus(exchange(HttpRequest.GET("/health/liveness")), 200);
        assertThat(orders.requests()).isEmpty();
    }
}
