package dev.storefront.orders.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where orders and their lines are kept: the port the domain owns, implemented by the orders
 * database ({@code persistence.PostgresOrderStore}), so that the domain depends on no store.
 * Every change of a PENDING order is guarded: the request path, replays and reconcilers on several
 * instances can race on one order and only the first outcome counts. Each method is one
 * transaction of its own; none is held across a payments call. A database failure surfaces as the
 * driver's runtime exception (the API answers 503 for an outage).
 */
public interface OrderStore {

    /**
     * An order found by its Idempotency-Key, with what is needed to tell a replay from a reuse.
     *
     * @param order the stored order
     * @param requestHash SHA-256 of the request that created it
     * @param inFlightUntil end of the current claim on the order's payment; null if none
     * @param underReview true if payments refused the payment and a person must look at it
     */
    record KeyedOrder(Order order, String requestHash, @Nullable Instant inFlightUntil, boolean underReview) {
    }

    /**
     * A PENDING order claimed for one payment attempt: nobody else drives its payment until the
     * claim ends (the outcome is recorded, the attempt is released, or the claim expires).
     *
     * @param orderId the order
     * @param totalCents the amount to authorize, in minor units of {@code currency}
     * @param currency ISO 4217 code
     * @param attempt which payment attempt this is, from 1 (the creating request's)
     * @param createdAt when the order was stored
     */
    record Claim(UUID orderId, long totalCents, String currency, int attempt, Instant createdAt) {
    }

    /**
     * PENDING orders that wait for settlement.
     *
     * @param pending how many
     * @param oldestCreatedAt when the oldest was created; null if there is none
     */
    record Backlog(long pending, @Nullable Instant oldestCreatedAt) {
    }

    /**
     * Writes a PENDING order and its lines in one transaction, unless another order holds the
     * Idempotency-Key: then nothing is written.
     *
     * @param order the order to store, status PENDING
     * @param idempotencyKey the client's key, or null
     * @param requestHash SHA-256 of the canonical request
     * @param inFlightUntil end of the lease during which a concurrent request with the key gets 409
     * @return true if written, false if the key was already taken
     */
    boolean create(Order order, @Nullable String idempotencyKey, String requestHash, Instant inFlightUntil);

    /**
     * Claims the oldest PENDING order that is due for a settlement attempt, in one short
     * transaction: older than {@code createdBefore}, not flagged for review, not backing off, and
     * not claimed by anyone (orders a concurrent claim holds are skipped, not waited for).
     *
     * @param now the current time
     * @param createdBefore only orders created before this are due (ORDERS_RECONCILE_MIN_AGE ago)
     * @param claimedUntil end of the claim: longer than one payment attempt can take
     * @return the claim, or empty if no order is due
     */
    Optional<Claim> claimNextDue(Instant now, Instant createdBefore, Instant claimedUntil);

    /**
     * Claims one PENDING order for a payment attempt unless someone else holds an unexpired claim.
     *
     * @return the claim, or empty if the order is settled, flagged for review, or claimed by someone else
     */
    Optional<Claim> claim(UUID orderId, Instant now, Instant claimedUntil);

    /**
     * Records the payment outcome of a PENDING order and ends its claim.
     *
     * @param status PAID or DECLINED
     * @param paymentId payments' id of the intent
     * @return true if recorded; false if the order had been settled already (the first outcome stays)
     */
    boolean settle(UUID orderId, OrderStatus status, @Nullable String paymentId, Instant at);

    /**
     * Ends the claim of a PENDING order after a failed payment attempt.
     *
     * @param nextAttemptAt the reconciler's next attempt not before then; null: as soon as it is due
     */
    void release(UUID orderId, @Nullable Instant nextAttemptAt);

    /**
     * Flags a PENDING order for review: it stays PENDING, and the reconciler no longer retries it.
     *
     * @param reason why, for the person who reviews it: at most 500 characters
     * @return true if flagged; false if it had been settled already
     */
    boolean flagForReview(UUID orderId, String reason, Instant at);

    /** PENDING orders that wait for settlement (not flagged for review): how many, and the oldest. */
    Backlog backlog();

    /** The order with this id, with its lines; empty if there is none. */
    Optional<Order> find(UUID orderId);

    /** The order created with this Idempotency-Key, with its lines; empty if there is none. */
    Optional<KeyedOrder> findByIdempotencyKey(String idempotencyKey);
}
