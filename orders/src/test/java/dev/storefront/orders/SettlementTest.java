package dev.storefront.orders;

import dev.storefront.common.testing.HttpStandIn;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Settlement against real PostgreSQL and a payments stand-in: PENDING orders are settled by the
 * reconciler (PAID or DECLINED), it backs off while payments fails, two reconcilers never drive one
 * order at once, a 409 is flagged for review and never retried, and the request path racing the
 * reconciler ends with one outcome. The reconciler runs here on a compressed schedule; the
 * cross-service fault tests in local/ run the shipped defaults.
 */
@MicronautTest
class SettlementTest extends OrdersTestBase {

    /** The compressed schedule: checked by SettlementConfiguration like the shipped one. */
    static final Map<String, String> FAST = Map.of(
            "orders.settlement.in-flight-lease", "800ms",
            "orders.settlement.reconcile-interval", "200ms",
            "orders.settlement.reconcile-min-age", "1s",
            "orders.settlement.backoff-base", "400ms",
            "orders.settlement.backoff-cap", "2s");

    @Inject
    CompositeMeterRegistry registry;

    /**
     * What the meters read: the service's registry only feeds the OpenTelemetry bridge, whose meters
     * do not answer reads, so the test adds a simple registry to it (existing meters join it too).
     */
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    void readTheMeters() {
        registry.add(meters);
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(FAST);
        return properties;
    }

    @Test
    void pendingOrderIsSettledPaidByTheReconcilerOncePaymentsAnswers() {
        payments.respond(PaymentsAnswers.fail());
        String orderId = placePending("settle-paid@example.com");
        await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("orders.pending").gauge().value() > 0);

        payments.respond(PaymentsAnswers.authorize());

        await().atMost(Duration.ofSeconds(10)).until(() -> status(orderId).equals("PAID"));
        assertThat(text("SELECT payment_id FROM orders WHERE id = '" + orderId + "'"))
                .isEqualTo(PaymentsAnswers.paymentId(orderId));
        assertThat(putsFor(orderId)).as("one successful PUT settles it").isEqualTo(1);
        assertThat(order(exchange(HttpRequest.GET("/orders/" + orderId))).status()).isEqualTo("PAID");
        await().atMost(Duration.ofSeconds(5)).until(() -> count(
                "SELECT count(*) FROM orders WHERE status = 'PENDING' AND review_reason IS NULL") == 0
                && meters.get("orders.pending").gauge().value() == 0);
    }

    @Test
    void pendingOrderIsSettledDeclinedWhenPaymentsDeclines() {
        payments.respond(PaymentsAnswers.fail());
        String orderId = placePending("settle-declined@example.com");

        payments.respond(PaymentsAnswers.decline());

        await().atMost(Duration.ofSeconds(10)).until(() -> status(orderId).equals("DECLINED"));
        assertThat(putsFor(orderId)).isEqualTo(1);
    }

    @Test
    void reconcilerBacksOffExponentiallyWhilePaymentsFails() {
        List<Long> putTimes = new CopyOnWriteArrayList<>();
        String[] watched = new String[1];
        // 500 is not retried on another instance: one PUT per attempt.
        payments.respond(request -> {
            if (request.path().endsWith(String.valueOf(watched[0]))) {
                putTimes.add(System.nanoTime());
            }
            return new HttpStandIn.Answer(500, null, null);
        });
        HttpResponse<?> placed = postOrder(orderJson("backoff@example.com", "SKU-3", "1"), null);
        assertStatus(placed, 202);
        watched[0] = order(placed).orderId();

        // Re-drive gaps with base 400 ms, cap 2 s, each less up to half, plus up to one 200 ms tick:
        // 1st 200-600 ms, 2nd 400-1000 ms, 3rd 800-1800 ms, 4th 1000-2200 ms.
        await().atMost(Duration.ofSeconds(15)).until(() -> putTimes.size() >= 5);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < 5; i++) {
            gaps.add(Duration.ofNanos(putTimes.get(i) - putTimes.get(i - 1)).toMillis());
        }
        assertThat(gaps.get(0)).as("gaps %s", gaps).isBetween(150L, 1200L);
        assertThat(gaps.get(2)).as("gaps %s", gaps).isGreaterThanOrEqualTo(750L).isGreaterThan(gaps.get(0));
        assertThat(gaps.get(3)).as("gaps %s", gaps).isGreaterThanOrEqualTo(950L);
        int attempts = (int) count("SELECT payment_attempts FROM orders WHERE id = '" + watched[0] + "'");
        assertThat(attempts).as("attempts stored with the order").isGreaterThanOrEqualTo(5);
        assertThat(text("SELECT next_attempt_at IS NOT NULL FROM orders WHERE id = '" + watched[0] + "'"))
                .isEqualTo("t");

        payments.respond(PaymentsAnswers.authorize());
        await().atMost(Duration.ofSeconds(10)).until(() -> status(watched[0]).equals("PAID"));
    }

    @Test
    void twoReconcilersOnOneDatabaseNeverDriveOneOrderTwice() {
        payments.respond(PaymentsAnswers.fail());
        List<String> orderIds = IntStream.range(0, 30)
                .mapToObj(i -> placePending("two-reconcilers-" + i + "@example.com")).toList();
        Map<String, Object> second = new HashMap<>(getProperties());
        try (EmbeddedServer other = ApplicationContext.run(EmbeddedServer.class, second)) {
            SimpleMeterRegistry otherMeters = new SimpleMeterRegistry();
            other.getApplicationContext().getBean(CompositeMeterRegistry.class).add(otherMeters);
            // 100 ms a payment, so that both reconcilers' runs overlap.
            payments.respond(request -> {
                pause(Duration.ofMillis(100));
                return PaymentsAnswers.authorize().apply(request);
            });

            await().atMost(Duration.ofSeconds(30)).until(() -> orderIds.stream().allMatch(id -> status(id).equals("PAID")));
            assertThat(settledByReconciler(meters)).as("settled by this instance").isPositive();
            assertThat(settledByReconciler(otherMeters)).as("settled by the other instance").isPositive();
        }
        Map<String, Long> puts = payments.requests().stream()
                .collect(Collectors.groupingBy(r -> r.path().substring("/payments/".length()), Collectors.counting()));
        assertThat(orderIds).allSatisfy(id -> assertThat(puts.get(id)).as("PUTs for %s", id).isEqualTo(1L));
    }

    @Test
    void paymentConflictLeavesTheOrderPendingFlaggedForReviewAndCountedAndIsNeverRetried() {
        payments.respond(PaymentsAnswers.fail());
        String orderId = placePending("conflict@example.com");
        double conflictsBefore = meters.get("orders.payment.conflicts").counter().count();

        payments.respond(PaymentsAnswers.conflict(1234));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> text("SELECT review_reason FROM orders WHERE id = '" + orderId + "'") != null);
        String reason = text("SELECT review_reason FROM orders WHERE id = '" + orderId + "'");
        assertThat(reason).contains("409").contains("12900 USD").contains("1234 USD");
        assertThat(status(orderId)).isEqualTo("PENDING");
        assertThat(meters.get("orders.payment.conflicts").counter().count()).isEqualTo(conflictsBefore + 1);
        long putsWhenFlagged = putsFor(orderId);
        // Ten reconciler runs later: still PENDING, no further PUT, and not in the backlog gauge.
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(putsFor(orderId)).isEqualTo(putsWhenFlagged);
        assertThat(status(orderId)).isEqualTo("PENDING");
        assertThat(count("SELECT count(*) FROM orders WHERE id = '" + orderId
                + "' AND status = 'PENDING' AND review_reason IS NULL")).isZero();
        // A replay of the flagged order does not retry it either.
        assertThat(order(exchange(HttpRequest.GET("/orders/" + orderId))).status()).isEqualTo("PENDING");
    }

    @Test
    void requestPathAndReconcilerRacingOnOneOrderEndWithOneOutcome() throws Exception {
        // payments holds the first PUT past the 800 ms in-flight lease and the 1 s minimum age, so the
        // reconciler takes the order while the request that created it still waits for its answer.
        payments.hold();
        String key = UUID.randomUUID().toString();
        CompletableFuture<HttpResponse<?>> request = CompletableFuture.supplyAsync(
                () -> postOrder(orderJson("race-reconciler@example.com", "SKU-5", "1"), key));
        String[] orderId = new String[1];
        await().atMost(Duration.ofSeconds(3)).until(() -> {
            orderId[0] = text("SELECT id FROM orders WHERE idempotency_key = '" + key + "'");
            return orderId[0] != null && putsFor(orderId[0]) >= 2;
        });
        payments.releaseHeld();
        HttpResponse<?> answer = request.get();

        assertThat(putsFor(orderId[0])).as("the request's PUT and the reconciler's").isEqualTo(2);
        assertThat(answer.code()).isEqualTo(201);
        assertThat(order(answer).status()).isEqualTo("PAID");
        assertThat(order(answer).paymentId()).isEqualTo(PaymentsAnswers.paymentId(orderId[0]));
        assertThat(status(orderId[0])).isEqualTo("PAID");
        assertThat(text("SELECT payment_id FROM orders WHERE id = '" + orderId[0] + "'"))
                .isEqualTo(PaymentsAnswers.paymentId(orderId[0]));
    }

    @Test
    void replayOfAPendingOrderDrivesThePaymentAtOnce() {
        // The reconciler must not get there first: this order is replayed within its minimum age.
        payments.respond(PaymentsAnswers.fail());
        String key = UUID.randomUUID().toString();
        String body = orderJson("replay-settles@example.com", "SKU-6", "2");
        HttpResponse<?> first = postOrder(body, key);
        assertStatus(first, 202);
        payments.respond(PaymentsAnswers.authorize());

        HttpResponse<?> replay = postOrder(body, key);

        assertStatus(replay, 200);
        assertThat(order(replay).orderId()).isEqualTo(order(first).orderId());
        assertThat(order(replay).status()).isEqualTo("PAID");
        assertThat(status(order(first).orderId())).isEqualTo("PAID");
        assertThat(count("SELECT count(*) FROM orders WHERE idempotency_key = '" + key + "'")).isEqualTo(1);
    }

    @Test
    void requestWithAKeyStillInFlightAnswers409WithRetryAfter() throws Exception {
        payments.hold();
        String key = UUID.randomUUID().toString();
        String body = orderJson("retry-after@example.com", "SKU-7", "1");
        CompletableFuture<HttpResponse<?>> first = CompletableFuture.supplyAsync(() -> postOrder(body, key));
        assertThat(payments.awaitRequest(Duration.ofSeconds(5))).isTrue();

        HttpResponse<?> second = postOrder(body, key);
        payments.releaseHeld();
        first.get();

        assertStatus(second, 409);
        assertThat(Integer.parseInt(second.header("Retry-After"))).isBetween(1, 1);
    }

    private static double settledByReconciler(MeterRegistry registry) {
        return registry.find("orders.settlements").tag("driver", "reconciler").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    /** A stand-in's deliberate slowness. */
    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Places an order while payments fails: answered 202, stored PENDING. */
    private String placePending(String email) {
        HttpResponse<?> answer = postOrder(orderJson(email, "SKU-3", "1"), null);
        assertStatus(answer, 202);
        return order(answer).orderId();
    }

    private String status(String orderId) {
        return text("SELECT status FROM orders WHERE id = '" + orderId + "'");
    }

    private long putsFor(String orderId) {
        return payments.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.path().equals("/payments/" + orderId)).count();
    }
}
