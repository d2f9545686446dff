package dev.storefront.orders;

import dev.storefront.common.testing.HttpStandIn;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class PlaceOrderTest extends OrdersTestBase {

    @Test
    void orderIsPricedFromTheCatalogAndThatAmountIsCharged() {
        HttpResponse<Map> answer = postOrder("""
                {"customerEmail":"pricing@example.com","items":[
                  {"sku":"SKU-1","quantity":2,"unitPriceCents":1},
                  {"sku":"SKU-3","quantity":1}],
                 "totalCents":1}""", null);

        assertStatus(answer, 201);
        Map<?, ?> order = answer.body();
        assertThat(order.get("status")).isEqualTo("PAID");
        assertThat(((Number) order.get("totalCents")).longValue()).isEqualTo(2 * 4500 + 12900);
        assertThat(order.get("currency")).isEqualTo("USD");
        assertThat(order.get("paymentId")).isNotNull();
        assertThat((List<?>) order.get("items")).hasSize(2);
        assertThat(answer.header("Location")).isEqualTo("/orders/" + order.get("orderId"));
        assertThat(payments.requests()).singleElement().extracting(HttpStandIn.Request::body).asString()
                .contains("\"amountCents\":21900").contains("\"currency\":\"USD\"");

        HttpResponse<Map> read = exchange(HttpRequest.GET("/orders/" + order.get("orderId")));
        assertStatus(read, 200);
        assertThat(read.body()).isEqualTo(order);
    }

    @Test
    void declinedPaymentIsRecordedAsDeclined() {
        payments.respond(PaymentsAnswers.decline());

        HttpResponse<Map> answer = postOrder(orderJson("declined@example.com", "SKU-5", "3"), null);

        assertStatus(answer, 201);
        assertThat(answer.body().get("status")).isEqualTo("DECLINED");
        assertThat(exchange(HttpRequest.GET("/orders/" + answer.body().get("orderId"))).body().get("status"))
                .isEqualTo("DECLINED");
    }

    @Test
    void failingPaymentsLeavesTheOrderPendingWith202() {
        payments.respond(PaymentsAnswers.fail());

        HttpResponse<Map> answer = postOrder(orderJson("pending@example.com", "SKU-2", "1"), null);

        assertStatus(answer, 202);
        assertThat(answer.body().get("status")).isEqualTo("PENDING");
        assertThat(answer.body().get("paymentId")).isNull();
        assertThat(exchange(HttpRequest.GET("/orders/" + answer.body().get("orderId"))).body().get("status"))
                .isEqualTo("PENDING");
    }

    @Test
    void slowPaymentsIsCutAtTheReadTimeoutAndTheOrderStaysPending() {
        payments.hold();
        long start = System.nanoTime();

        HttpResponse<Map> answer = postOrder(orderJson("slow@example.com", "SKU-2", "1"), null);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        payments.releaseHeld();
        assertStatus(answer, 202);
        assertThat(answer.body().get("status")).isEqualTo("PENDING");
        // the orders -> payments read timeout is 3 s: well inside frontend's 6 s
        assertThat(took).isBetween(Duration.ofMillis(2_900), Duration.ofMillis(5_000));
    }

    @Test
    void unknownSkuIsRejectedByNameAndWritesNothing() {
        long ordersBefore = count("SELECT count(*) FROM orders");

        HttpResponse<Map> answer = postOrder(orderJson("unknown@example.com", "SKU-1", "1", "SKU-NOPE", "1"), null);

        assertStatus(answer, 422);
        assertThat(answer.getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        assertThat(answer.body().get("detail").toString()).contains("SKU-NOPE").doesNotContain("SKU-1,");
        assertThat(answer.body().get("skus")).isEqualTo(List.of("SKU-NOPE"));
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(ordersBefore);
        assertThat(payments.requests()).isEmpty();
    }

    @Test
    void discontinuedSkuIsRejectedAndWritesNothing() {
        long ordersBefore = count("SELECT count(*) FROM orders");

        HttpResponse<Map> answer = postOrder(orderJson("inactive@example.com", "SKU-21", "1"), null);

        assertStatus(answer, 422);
        assertThat(answer.body().get("detail").toString()).contains("SKU-21");
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(ordersBefore);
    }

    @Test
    void catalogListsActiveProductsWithPricesInCents() {
        List<Map> products = http.toBlocking().retrieve(HttpRequest.GET("/products"), Argument.listOf(Map.class));

        assertThat(products).hasSize(20);
        Map<?, ?> first = (Map<?, ?>) products.get(0);
        assertThat(first.get("name")).as("sorted by name").isEqualTo("Burr grinder");
        assertThat(first.get("sku")).isEqualTo("SKU-3");
        assertThat(first.get("unitPriceCents")).isEqualTo(12900);
        assertThat(first.get("currency")).isEqualTo("USD");
        assertThat(first.get("description")).isEqualTo("Conical steel burrs, 40 grind settings, 250 g hopper.");
        assertThat(products).noneMatch(p -> "SKU-21".equals(((Map<?, ?>) p).get("sku")));
    }

    @Test
    void unknownOrderIs404Problem() {
        HttpResponse<Map> answer = exchange(HttpRequest.GET("/orders/7d1f6c1e-0000-4000-8000-000000000000"));

        assertStatus(answer, 404);
        assertThat(answer.getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        assertThat(answer.body().get("type")).isEqualTo("urn:problem-type:storefront:order-not-found");
        assertThat(answer.body().get("detail").toString()).contains("7d1f6c1e-0000-4000-8000-000000000000");
    }
}
