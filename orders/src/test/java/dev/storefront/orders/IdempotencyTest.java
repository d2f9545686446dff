package dev.storefront.orders;

import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class IdempotencyTest extends OrdersTestBase {

    @Test
    void replayWithTheSameKeyAndBodyReturnsTheSameOrderAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String body = orderJson("replay@example.com", "SKU-4", "1");

        HttpResponse<?> first = postOrder(body, key);
        long ordersAfterFirst = count("SELECT count(*) FROM orders");
        HttpResponse<?> second = postOrder(body, key);

        assertStatus(first, 201);
        assertStatus(second, 200);
        assertThat(order(second)).isEqualTo(order(first));
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(ordersAfterFirst);
        assertThat(payments.requests()).as("payments is asked once, not on the replay").hasSize(1);
    }

    @Test
    void sameKeyWithAnotherBodyIs422AndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        postOrder(orderJson("reuse@example.com", "SKU-4", "1"), key);
        long ordersAfterFirst = count("SELECT count(*) FROM orders");

        HttpResponse<?> reuse = postOrder(orderJson("reuse@example.com", "SKU-4", "2"), key);

        assertStatus(reuse, 422);
        assertThat(problem(reuse).type()).isEqualTo("urn:problem-type:storefront:idempotency-key-reused");
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(ordersAfterFirst);
    }

    @Test
    void twoParallelRequestsWithOneKeyCreateOneOrderAndTheSecondGets409WhileTheFirstIsInFlight()
            throws Exception {
        payments.hold();
        String key = UUID.randomUUID().toString();
        String body = orderJson("parallel@example.com", "SKU-7", "2");

        CompletableFuture<HttpResponse<?>> first = CompletableFuture.supplyAsync(() -> postOrder(body, key));
        assertThat(payments.awaitRequest(Duration.ofSeconds(10))).as("first request reached payments").isTrue();
        HttpResponse<?> second = postOrder(body, key);
        payments.releaseHeld();
        HttpResponse<?> firstAnswer = first.get();

        assertStatus(second, 409);
        assertThat(problem(second).type()).isEqualTo("urn:problem-type:storefront:idempotency-key-in-flight");
        assertStatus(firstAnswer, 201);
        assertThat(count("SELECT count(*) FROM orders WHERE idempotency_key = '" + key + "'")).isEqualTo(1);
        assertThat(payments.requests()).hasSize(1);

        HttpResponse<?> afterwards = postOrder(body, key);
        assertStatus(afterwards, 200);
        assertThat(order(afterwards).orderId()).isEqualTo(order(firstAnswer).orderId());
    }

    @Test
    void racingInsertsWithOneKeyCreateOneOrder() {
        String key = UUID.randomUUID().toString();
        String body = orderJson("race@example.com", "SKU-8", "1");

        var answers = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> postOrder(body, key)))
                .toList().stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(HttpResponse::code).allMatch(c -> c == 201 || c == 200 || c == 409);
        assertThat(answers).extracting(HttpResponse::code).containsOnlyOnce(201);
        assertThat(count("SELECT count(*) FROM orders WHERE idempotency_key = '" + key + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id "
                + "WHERE o.idempotency_key = '" + key + "'")).isEqualTo(1);
    }

    @Test
    void aReplayAnswersTheFirstOrderAfterTheCatalogChanged() {
        String key = UUID.randomUUID().toString();
        String body = orderJson("catalog-changed@example.com", "SKU-9", "2");
        HttpResponse<?> first = postOrder(body, key);
        long ordersAfterFirst = count("SELECT count(*) FROM orders");
        try {
            execute("UPDATE products SET unit_price_cents = unit_price_cents + 100, active = FALSE WHERE sku = 'SKU-9'");

            HttpResponse<?> replay = postOrder(body, key);

            assertStatus(first, 201);
            assertStatus(replay, 200);
            assertThat(order(replay)).as("the first order, at its price, though SKU-9 is no longer for sale")
                    .isEqualTo(order(first));
            assertThat(count("SELECT count(*) FROM orders")).isEqualTo(ordersAfterFirst);
            assertThat(payments.requests()).as("payments is asked once, not on the replay").hasSize(1);
            assertStatus(postOrder(body, UUID.randomUUID().toString()), 422);
        } finally {
            execute("UPDATE products SET unit_price_cents = unit_price_cents - 100, active = TRUE WHERE sku = 'SKU-9'");
        }
    }
}
