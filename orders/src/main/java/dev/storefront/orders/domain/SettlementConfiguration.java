package dev.storefront.orders.domain;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.time.Duration;

/**
 * How PENDING orders are settled ({@code orders.settlement}; defaults in orders' application.yml,
 * see docs/settlement.md, "Settings"). Checked at startup: a bad value stops orders before it serves.
 *
 * @param inFlightLease how long the creating request, a replay or a reconciler holds an order's
 *     payment before anyone else may try it: longer than one payment attempt (payments' 3 s read
 *     timeout, plus one retry on another instance), shorter than {@code reconcileMinAge}
 * @param reconcileInterval ORDERS_RECONCILE_INTERVAL: pause between two reconciler runs
 * @param reconcileMinAge ORDERS_RECONCILE_MIN_AGE: a PENDING order younger than this is left to
 *     the request that created it
 * @param reconcileBatchSize at most this many orders per reconciler run
 * @param backoffBase after the first failed re-drive the next waits about this long (between half
 *     and all of it: equal jitter); each further failure doubles it
 * @param backoffCap the wait between re-drives never exceeds this
 * @param reconcileEnabled false turns the reconciler off (replays still settle)
 */
@Context
@ConfigurationProperties("orders.settlement")
public record SettlementConfiguration(
        @NotNull Duration inFlightLease,
        @NotNull Duration reconcileInterval,
        @NotNull Duration reconcileMinAge,
        @Positive int reconcileBatchSize,
        @NotNull Duration backoffBase,
        @NotNull Duration backoffCap,
        boolean reconcileEnabled) {

    /** The reconciler must never take an order whose creating request may still hold it. */
    @AssertTrue(message = "in-flight-lease must be shorter than reconcile-min-age")
    public boolean isLeaseShorterThanMinAge() {
        return inFlightLease == null || reconcileMinAge == null || inFlightLease.compareTo(reconcileMinAge) < 0;
    }

    /**
     * The wait before the next re-drive after {@code failedRedrives} failed ones (from 1):
     * {@code min(cap, base × 2^(failedRedrives − 1))}, of which a random half is taken off (equal
     * jitter, AWS Architecture Blog, "Exponential Backoff And Jitter"), so that orders that failed
     * together do not all come back together.
     *
     * @param failedRedrives failed re-drives so far, at least 1
     * @param random a number in [0, 1)
     */
    public Duration backoff(int failedRedrives, double random) {
        int doublings = Math.min(Math.max(failedRedrives - 1, 0), 30);
        long full = Math.min(backoffCap.toMillis(), backoffBase.toMillis() << doublings);
        return Duration.ofMillis(full / 2 + (long) (random * (full - full / 2)));
    }
}
