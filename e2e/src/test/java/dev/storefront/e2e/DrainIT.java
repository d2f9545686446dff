package dev.storefront.e2e;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code docker stop} (SIGTERM) on one of two orders containers while checkouts run through
 * frontend: the drain (docs/drain.md) and frontend's balancing over ORDERS_URL lose none of them.
 */
@ExtendWith(StorefrontExtension.class)
class DrainIT {

    private static final Logger LOG = LoggerFactory.getLogger(DrainIT.class);

    /** The load is bounded both ways: at most this many checkouts, and at most {@link #MAX_DURATION}. */
    private static final int MAX_CHECKOUTS = 600;
    private static final Duration MAX_DURATION = Duration.ofSeconds(90);
    private static final int CONCURRENCY = 4;
    /** Checkouts that must have succeeded before the stop, and how long to keep going after it. */
    private static final int WARM_UP_CHECKOUTS = 20;
    private static final Duration AFTER_STOP = Duration.ofSeconds(3);

    @Test
    void stoppingOneOrdersContainerDuringCheckoutLoadFailsNoCheckout(StorefrontContainers stack, StorefrontClient client)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(MAX_DURATION);
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger succeeded = new AtomicInteger();
        AtomicBoolean enough = new AtomicBoolean();
        ConcurrentLinkedQueue<StorefrontClient.Answer> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<StorefrontClient.Answer> all = new ConcurrentLinkedQueue<>();

        ExecutorService load = Executors.newFixedThreadPool(CONCURRENCY);
        for (int i = 0; i < CONCURRENCY; i++) {
            load.execute(() -> {
                while (!enough.get() && Instant.now().isBefore(deadline) && issued.incrementAndGet() <= MAX_CHECKOUTS) {
                    StorefrontClient.Answer answer = client.checkout("[{\"sku\":\"SKU-1\",\"quantity\":1}]");
                    all.add(answer);
                    if (answer.status() == 201 && "PAID".equals(answer.orderStatus())) {
                        succeeded.incrementAndGet();
                    } else {
                        failures.add(answer);
                    }
                }
            });
        }
        long stopMillis = -1;
        long exitCode = -1;
        int beforeStop;
        try {
            try {
                await().atMost(Duration.between(Instant.now(), deadline)).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> succeeded.get() >= WARM_UP_CHECKOUTS || !failures.isEmpty());
            } catch (ConditionTimeoutException tooFew) {
                // asserted below, with the failures
            }
            beforeStop = succeeded.get();
            assertThat(beforeStop).as("checkouts before the stop (failures: %s)", failures)
                    .isGreaterThanOrEqualTo(WARM_UP_CHECKOUTS);

            Instant stopping = Instant.now();
            stack.stop(StorefrontContainers.ORDERS_1);
            stopMillis = Duration.between(stopping, Instant.now()).toMillis();
            exitCode = stack.inspect(StorefrontContainers.ORDERS_1).getState().getExitCodeLong();
            StorefrontContainers.pause(AFTER_STOP);
        } finally {
            enough.set(true);
            load.shutdown();
            load.awaitTermination(30, TimeUnit.SECONDS);
            stack.start(StorefrontContainers.ORDERS_1);
        }

        Map<String, Long> outcomes = all.stream().collect(Collectors.groupingBy(
                answer -> answer.status() + " " + answer.orderStatus(), Collectors.counting()));
        LOG.info("drain: {} checkouts ({} before docker stop), docker stop took {} ms, orders-1 exit code {}, outcomes {}",
                all.size(), beforeStop, stopMillis, exitCode, outcomes);
        List<StorefrontClient.Answer> firstFailures = failures.stream().limit(5).toList();
        assertThat(failures).as("failed checkouts %s of %s; first: %s", failures.size(), all.size(), firstFailures)
                .isEmpty();
        assertThat(succeeded.get()).as("checkouts during and after the stop").isGreaterThan(beforeStop);
        assertThat(exitCode).as("orders-1 exit code after SIGTERM (drain ends with exit 0)").isZero();
        assertThat(stopMillis).as("docker stop took (ms): drained before SIGKILL")
                .isLessThan(TimeUnit.SECONDS.toMillis(StorefrontContainers.STOP_TIMEOUT_SECONDS));

        stack.awaitHealthy(StorefrontContainers.ORDERS_1, Duration.ofSeconds(90));
    }
}
