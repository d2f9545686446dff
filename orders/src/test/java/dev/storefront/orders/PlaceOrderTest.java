package dev.storefront.orders;

import dev.storefront.common.testing.CheckoutLoad.Order;
import dev.storefront.common.testing.HttpStandIn;
import dev.storefront.common.testing.Problem;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class PlaceOrderTest extends OrdersTestBase {

    @Test
    void orderIsPricedFromTheCatalogAndThatAmountIsCharged() {
        HttpResponse<?> answer = postOrder("""
                {"customerEmail":"pricing@example.com","items":[
                  {"sku":"SKU-1","quantity":2,"unitPriceCents":1},
                  {"sku":"SKU-3","quantity":1}],
                 "totalCents":1}""", null);

        assertStatus(answer, 201);
        Order order = order(answer);
        assertThat(order.status()).isEqualTo("PAID");
        assertThat(order.totalCents()).isEqualTo(2 * 4500 + 12900);
        assertThat(order.currency()).isEqualTo("USD");
        assertThat(order.paymentId()).isNotNull();
        assertThat(order.items()).hasSize(2);
        assertThat(answer.header("Location")).isEqualTo("/orders/" + order.orderId());
        assertThat(payments.requests()).singleElement().extracting(HttpStandIn.Request::body).asString()
                .contains("\"amountCents\":21900").contains("\"currency\":\"USD\"");

        HttpResponse<?> read = exchange(HttpRequest.GET("/orders/" + order.orderId()));
        assertStatus(read, 200);
        assertThat(order(read)).isEqualTo(order);
    }

    @Test
    void declinedPaymentIsRecordedAsDeclined() {
        payments.respond(PaymentsAnswers.decline());

        HttpResponse<?> answer = postOrder(orderJson("declined@example.com", "SKU-5", "3"), null);

        assertStatus(answer, 201);
        assertThat(order(answer).status()).isEqualTo("DECLINED");
        assertThat(order(exchange(HttpRequest.GET("/orders/" + order(answer).orderId()))).status())
                .isEqualTo("DECLINED");
    }

    @Test
    void failingPaymentsLeavesTheOrderPendingWith202() {
        payments.respond(PaymentsAnswers.fail());

        HttpResponse<?> answer = postOrder(orderJson("pending@example.com", "SKU-2", "1"), null);

        assertStatus(answer, 202);
        assertThat(order(answer).status()).isEqualTo("PENDING");
        assertThat(order(answer).paymentId()).isNull();
        assertThat(order(exchange(HttpRequest.GET("/orders/" + order(answer).orderId()))).status())
                .isEqualTo("PENDING");
    }

    @Test
    void slowPaymentsIsCutAtTheReadTimeoutAndTheOrderStaysPending() {
        payments.hold();
        long start = System.nanoTime();

        HttpResponse<?> answer = postOrder(orderJson("slow@example.com", "SKU-2", "1"), null);

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        payments.releaseHeld();
        assertStatus(answer, 202);
        assertThat(order(answer).status()).isEqualTo("PENDING");
        // the orders -> payments read timeout is 3 s: well inside frontend's 6 s
        assertThat(took).isBetween(Duration.ofMillis(2_900), Duration.ofMillis(5_000));
    }

    @Test
    void unknownSkuIsRejectedByNameAndWritesNothing() {
        long ordersBefore = count("SELECT count(*) FROM orders");

        HttpResponse<?> answer = postOrder(orderJson("unknown@example.com", "SKU-1", "1", "SKU-NOPE", "1"), null);

        assertStatus(answer, 422);
        assertThat(answer.getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        Problem problem = problem(answer);
        assertThat(problem.detail()).contains("SKU-NOPE").doesNotContain("SKU-1,");
        assertThat(problem.skus()).isEqualTo(List.of("SKU-NOPE"));
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(ordersBefore);
        assertThat(payments.requests()).isEmpty();
    }

    @Test
    void discontinuedSkuIsRejectedAndWritesNothing() {
        long ordersBefore = count("SELECT count(*) FROM orders");

        HttpResponse<?> answer = postOrder(orderJson("inactive@example.com", "SKU-21", "1"), null);

        assertStatus(answer, 422);
        assertThat(problem(answer).detail()).contains("SKU-21");
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(ordersBefore);
    }

    @Test
    void catalogListsActiveProductsWithPricesInCents() {
        List<Product> products = http.toBlocking().retrieve(HttpRequest.GET("/products"), Argument.listOf(Product.class));

        assertThat(products).hasSize(20);
        Product first = products.get(0);
        assertThat(first.name()).as("sorted by name").isEqualTo("Burr grinder");
        assertThat(first.sku()).isEqualTo("SKU-3");
        assertThat(first.unitPriceCents()).isEqualTo(12900);
        assertThat(first.currency()).isEqualTo("USD");
        assertThat(first.description()).isEqualTo("Conical steel burrs, 40 grind settings, 250 g hopper.");
        assertThat(products).extracting(Product::sku).doesNotContain("SKU-21");
    }

    @Test
    void unknownOrderIs404Problem() {
        HttpResponse<?> answer = exchange(HttpRequest.GET("/orders/7d1f6c1e-0000-4000-8000-000000000000"));

        assertStatus(answer, 404);
        assertThat(answer.getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        assertThat(problem(answer).type()).isEqualTo("urn:problem-type:storefront:order-not-found");
        assertThat(problem(answer).detail()).contains("7d1f6c1e-0000-4000-8000-000000000000");
    }
}
