package dev.storefront.e2e;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A PostgreSQL restart: orders fails fast while it is down and recovers without being restarted. */
@ExtendWith(StorefrontExtension.class)
class DatabaseRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseRestartIT.class);

    /**
     * orders' HikariCP connectionTimeout is 1 s (docs/timing-ladder.md) and frontend may try the second orders
     * container: an answer within 4 s is "fast", well inside frontend's 6 s read timeout.
     */
    private static final Duration FAIL_FAST = Duration.ofSeconds(4);

    @Test
    void ordersAnswers503QuicklyWhileTheDatabaseIsDownAndRecoversOnItsOwn(StorefrontContainers stack,
                                                                           StorefrontClient client) {
        assertThat(client.get("/api/products").status()).isEqualTo(200);

        stack.stop(StorefrontContainers.POSTGRES);
        try {
            for (int i = 0; i < 3; i++) {
                StorefrontClient.Answer products = client.get("/api/products");
                LOG.info("database down: GET /api/products {} in {} ms", products.status(), products.elapsed().toMillis());
                assertThat(products.status()).as("%s", products).isEqualTo(503);
                assertThat(products.elapsed()).as("%s", products).isLessThan(FAIL_FAST);
            }
            StorefrontClient.Answer checkout = client.checkout("[{\"sku\":\"SKU-1\",\"quantity\":1}]");
            LOG.info("database down: checkout {} in {} ms", checkout.status(), checkout.elapsed().toMillis());
            assertThat(checkout.status()).as("%s", checkout).isEqualTo(503);
            assertThat(checkout.elapsed()).as("%s", checkout).isLessThan(FAIL_FAST);
        } finally {
            stack.start(StorefrontContainers.POSTGRES);
        }
        Instant restarted = Instant.now();

        // Recovered when both orders containers answer: several 200s in a row, within a deadline.
        AtomicReference<StorefrontClient.Answer> last = new AtomicReference<>(client.get("/api/products"));
        AtomicInteger inARow = new AtomicInteger();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                last.set(client.get("/api/products"));
                return inARow.updateAndGet(n -> last.get().status() == 200 ? n + 1 : 0) >= 4;
            });
        } catch (ConditionTimeoutException notRecovered) {
            // asserted below, with the last answer
        }
        StorefrontClient.Answer products = last.get();
        LOG.info("database restarted: products answered 200 from both orders containers {} ms after docker start",
                Duration.between(restarted, Instant.now()).toMillis());
        assertThat(products.status()).as("recovered: %s", products).isEqualTo(200);
        StorefrontClient.Answer checkout = client.checkout("[{\"sku\":\"SKU-1\",\"quantity\":1}]");
        assertThat(checkout.status()).as("%s", checkout).isEqualTo(201);
        assertThat(checkout.orderStatus()).isEqualTo("PAID");
    }
}
