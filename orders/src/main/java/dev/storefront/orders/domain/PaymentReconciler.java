package dev.storefront.orders.domain;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Settles PENDING orders that the request creating them could not: every ORDERS_RECONCILE_INTERVAL
 * (5 s) it claims, one at a time and at most {@code reconcile-batch-size} per run, the oldest
 * PENDING orders older than ORDERS_RECONCILE_MIN_AGE (10 s) that are not backing off, and re-drives
 * each one's payment through {@link Settlement}.
 *
 * <p>Safe with several orders instances and across restarts: a claim is a short transaction of its
 * own ({@code FOR UPDATE SKIP LOCKED}, no pooled connection is held across the HTTP call), it
 * expires after the in-flight lease, and the outcome is a guarded update; a reconciler killed
 * mid-way leaves a claim that simply expires. On SIGTERM it stops claiming when the drain starts
 * closing the service (graceful shutdown), and the attempt under way finishes before the pool closes.
 *
 * <p>Each run also refreshes the backlog gauges: {@code orders.pending} (PENDING orders not flagged
 * for review) and {@code orders.pending.oldest.age} (seconds since the oldest of them was placed).
 */
@Singleton
@Requires(property = "orders.settlement.reconcile-enabled", value = "true")
class PaymentReconciler implements GracefulShutdownCapable {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentReconciler.class);

    private final OrderStore store;
    private final Settlement settlement;
    private final SettlementConfiguration configuration;
    private final Clock clock;
    private volatile boolean stopping;
    private volatile OrderStore.Backlog backlog = new OrderStore.Backlog(0, null);

    PaymentReconciler(OrderStore store, Settlement settlement, SettlementConfiguration configuration, Clock clock,
                      MeterRegistry meters) {
        this.store = store;
        this.settlement = settlement;
        this.configuration = configuration;
        this.clock = clock;
        Gauge.builder("orders.pending", () -> backlog.pending())
                .description("PENDING orders waiting for settlement, not counting those flagged for review")
                .baseUnit("{order}")
                .register(meters);
        Gauge.builder("orders.pending.oldest.age", this::oldestAgeSeconds)
                .description("Age of the oldest PENDING order waiting for settlement; 0 if there is none")
                .baseUnit("s")
                .register(meters);
    }

    /** One run: settle what is due, then refresh the backlog gauges. */
    @Scheduled(fixedDelay = "${orders.settlement.reconcile-interval}",
            initialDelay = "${orders.settlement.reconcile-interval}")
    void run() {
        try {
            settleDue();
            backlog = store.backlog();
        } catch (RuntimeException e) {
            // The database is unreachable, or the pool is closing: the next run tries again.
            LOG.warn("reconciler: run failed ({}); next run in {} ms", e.toString(),
                    configuration.reconcileInterval().toMillis());
        }
    }

    /** Settles due orders, oldest first, until none is due, the batch is full, or a drain began. */
    int settleDue() {
        int attempted = 0;
        while (attempted < configuration.reconcileBatchSize() && !stopping) {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Optional<OrderStore.Claim> claim = store.claimNextDue(now, now.minus(configuration.reconcileMinAge()),
                    now.plus(configuration.inFlightLease()));
            if (claim.isEmpty()) {
                break;
            }
            settlement.attempt(claim.get(), Settlement.Driver.RECONCILER);
            attempted++;
        }
        return attempted;
    }

    private double oldestAgeSeconds() {
        Instant oldest = backlog.oldestCreatedAt();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    /** Part of the drain: no new claim from now on; the attempt under way finishes. */
    @Override
    public CompletionStage<?> shutdownGracefully() {
        stopping = true;
        LOG.info("reconciler: stopped claiming orders; an attempt under way finishes before the pool closes");
        return CompletableFuture.completedFuture(null);
    }
}
