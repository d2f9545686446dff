package dev.storefront.orders.domain;

import dev.storefront.orders.domain.PaymentGateway.Decided;
import dev.storefront.orders.domain.PaymentGateway.PaymentAnswer;
import dev.storefront.orders.domain.PaymentGateway.Refused;
import dev.storefront.orders.domain.PaymentGateway.Unavailable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One payment attempt for a claimed PENDING order, by whoever holds the claim: the request that
 * created the order, a replay of its Idempotency-Key, or the reconciler. It sends the idempotent
 * {@code PUT /payments/{orderId}} (same amount and currency every time) and records what payments
 * answered:
 * <ul>
 *   <li>AUTHORIZED or DECLINED: the order becomes PAID or DECLINED (a guarded update: if someone
 *       settled it first, the first outcome stays, and it is the same payment anyway);</li>
 *   <li>payments unavailable: the order stays PENDING and the claim ends; after a failed re-drive
 *       the reconciler backs off ({@link SettlementConfiguration#backoff});</li>
 *   <li>payments refused for good (409: it holds another amount for this order): the order stays
 *       PENDING, flagged for review, logged at ERROR with both amounts and counted in
 *       {@code orders.payment.conflicts}; it is never retried, never silently "fixed".</li>
 * </ul>
 */
@Singleton
public class Settlement {

    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);

    /** Who drives a payment attempt. */
    public enum Driver {
        /** The request that created the order: its first attempt. */
        REQUEST,
        /** A replay of the order's Idempotency-Key. */
        REPLAY,
        /** The reconciler. */
        RECONCILER;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The order's state after an attempt.
     *
     * @param status PAID or DECLINED once payments decided (also when someone else recorded the
     *     same decision first: it is the same payment); PENDING otherwise
     * @param paymentId payments' id of the intent; null while PENDING
     */
    public record Result(OrderStatus status, @Nullable String paymentId) {

        static final Result PENDING = new Result(OrderStatus.PENDING, null);
    }

    private final PaymentGateway payments;
    private final OrderStore store;
    private final SettlementConfiguration configuration;
    private final Clock clock;
    private final Counter conflicts;
    private final MeterRegistry meters;

    Settlement(PaymentGateway payments, OrderStore store, SettlementConfiguration configuration, Clock clock,
               MeterRegistry meters) {
        this.payments = payments;
        this.store = store;
        this.configuration = configuration;
        this.clock = clock;
        this.meters = meters;
        this.conflicts = Counter.builder("orders.payment.conflicts")
                .description("PENDING orders flagged for review because payments refused their payment (409)")
                .baseUnit("{order}")
                .register(meters);
    }

    /**
     * Sends the payment of a claimed order and records the outcome.
     *
     * @param claim the order, claimed by the caller
     * @param driver who holds the claim
     * @return the order's status after the attempt
     */
    public Result attempt(OrderStore.Claim claim, Driver driver) {
        PaymentAnswer answer = payments.authorize(claim.orderId(), claim.totalCents(), claim.currency());
        Instant now = now();
        // Java 17: no pattern matching in switch yet.
        if (answer instanceof Decided decided) {
            OrderStatus status = decided.authorized() ? OrderStatus.PAID : OrderStatus.DECLINED;
            boolean recorded = store.settle(claim.orderId(), status, decided.paymentId(), now);
            if (recorded) {
                settled(driver, status);
            }
            if (recorded && driver != Driver.REQUEST) {
                LOG.info("order {} settled {} by {} after {} attempts, {} s after it was placed",
                        claim.orderId(), status, driver.label(), claim.attempt(),
                        Duration.between(claim.createdAt(), now).toSeconds());
            }
            return new Result(status, decided.paymentId());
        }
        if (answer instanceof Refused refused) {
            String reason = "payments answered " + refused.status() + " for " + claim.totalCents() + " "
                    + claim.currency() + ": " + refused.detail();
            if (store.flagForReview(claim.orderId(), truncated(reason), now)) {
                conflicts.increment();
                LOG.error("order {} flagged for review, stays PENDING: the order is {} {}, {}",
                        claim.orderId(), claim.totalCents(), claim.currency(), reason);
            }
            return Result.PENDING;
        }
        Unavailable unavailable = (Unavailable) answer;
        Instant next = null;
        if (driver == Driver.RECONCILER) {
            next = now.plus(configuration.backoff(claim.attempt() - 1, ThreadLocalRandom.current().nextDouble()));
            LOG.warn("order {} still PENDING after attempt {} ({}); next attempt not before {}",
                    claim.orderId(), claim.attempt(), unavailable.reason(), next);
        }
        store.release(claim.orderId(), next);
        return Result.PENDING;
    }

    /** Counts an outcome this instance recorded, by who drove it: {@code orders.settlements}. */
    private void settled(Driver driver, OrderStatus status) {
        Counter.builder("orders.settlements")
                .description("Payment outcomes recorded, by who drove the payment (request, replay, reconciler)")
                .baseUnit("{order}")
                .tag("driver", driver.label())
                .tag("outcome", status.name())
                .register(meters)
                .increment();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The review_reason column holds 500 characters. */
    private static String truncated(String reason) {
        return reason.length() <= 500 ? reason : reason.substring(0, 497) + "...";
    }
}
