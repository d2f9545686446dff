package dev.storefront.e2e;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Checkout through frontend against the real images: paid, declined, and payments outages. */
@ExtendWith(StorefrontExtension.class)
class CheckoutIT {

    private static final Logger LOG = LoggerFactory.getLogger(CheckoutIT.class);

    /** SKU-1 costs 4500 cents: well under the decline limit. */
    private static final String SMALL_ORDER = "[{\"sku\":\"SKU-1\",\"quantity\":2}]";
    /** 3 × SKU-5 = 569700 cents, above PAYMENTS_DECLINE_ABOVE_CENTS (500000). */
    private static final String LARGE_ORDER = "[{\"sku\":\"SKU-5\",\"quantity\":3}]";

    @Test
    void checkoutIsPaidAndTheOrderCanBeReadBack(StorefrontClient client) {
        StorefrontClient.Answer checkout = client.checkout(SMALL_ORDER);

        assertThat(checkout.status()).as("%s", checkout).isEqualTo(201);
        assertThat(checkout.orderStatus()).isEqualTo("PAID");
        assertThat(checkout.order().orElseThrow().totalCents()).isEqualTo(9000);
        assertThat(checkout.order().orElseThrow().paymentId()).isNotBlank();
        StorefrontClient.Answer order = client.get("/api/orders/" + checkout.orderId());
        assertThat(order.status()).as("%s", order).isEqualTo(200);
        assertThat(order.orderStatus()).isEqualTo("PAID");
    }

    @Test
    void checkoutAboveTheDeclineLimitIsDeclined(StorefrontClient client) {
        StorefrontClient.Answer checkout = client.checkout(LARGE_ORDER);

        assertThat(checkout.status()).as("%s", checkout).isEqualTo(201);
        assertThat(checkout.orderStatus()).isEqualTo("DECLINED");
        assertThat(checkout.order().orElseThrow().totalCents()).isEqualTo(569700);
    }

    @Test
    void checkoutWhilePaymentsIsStoppedIsPendingAndNewCheckoutsArePaidWhenItIsBack(StorefrontContainers stack,
                                                                                StorefrontClient client) {
        StorefrontClient.Answer pending;
        StorefrontClient.Answer stored = null;
        StorefrontClient.Answer again;
        stack.stop(StorefrontContainers.PAYMENTS);
        try {
            pending = client.checkout(SMALL_ORDER);
            LOG.info("payments stopped: checkout {} {} in {} ms", pending.status(), pending.orderStatus(),
                    pending.elapsed().toMillis());
            if (pending.status() == 202) {
                stored = client.get("/api/orders/" + pending.orderId());
            }
        } finally {
            stack.start(StorefrontContainers.PAYMENTS);
            stack.awaitHealthy(StorefrontContainers.PAYMENTS, Duration.ofSeconds(60));
            again = checkoutUntilPaid(client, Duration.ofSeconds(60));
        }

        assertThat(pending.status()).as("while payments is stopped: %s", pending).isEqualTo(202);
        assertThat(pending.orderStatus()).isEqualTo("PENDING");
        assertThat(stored.status()).as("%s", stored).isEqualTo(200);
        assertThat(stored.orderStatus()).isEqualTo("PENDING");
        assertThat(again.status()).as("payments back: %s", again).isEqualTo(201);
        assertThat(again.orderStatus()).isEqualTo("PAID");
    }

    /**
     * orders may still use payments' old address for a moment after a restart: a checkout every
     * second until one is answered 201, with a deadline; the last answer either way.
     */
    private static StorefrontClient.Answer checkoutUntilPaid(StorefrontClient client, Duration timeout) {
        AtomicReference<StorefrontClient.Answer> answer = new AtomicReference<>();
        try {
            await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        answer.set(client.checkout(SMALL_ORDER));
                        return answer.get().status() == 201;
                    });
        } catch (ConditionTimeoutException notYet) {
            // the caller's assertion shows the last answer
        }
        return answer.get();
    }
}
