package dev.storefront.orders.persistence;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code orders} table. Every change of a PENDING order is a guarded update
 * ({@code WHERE status = 'PENDING'}), so the request path, replays and reconcilers on several
 * instances can race on one order and only the first outcome counts.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrderRepository extends GenericRepository<OrderEntity, UUID> {

    /**
     * Inserts a new order unless another order already holds its idempotency key. The unique
     * constraint decides, so two concurrent requests with one key cannot both insert: the second
     * waits for the first transaction and then inserts nothing.
     *
     * @return 1 if inserted, 0 if the key was taken
     */
    @Query("""
            INSERT INTO orders (id, idempotency_key, request_hash, customer_email, status, total_cents,
                                currency, created_at, updated_at, in_flight_until)
            VALUES (:id, :idempotencyKey, :requestHash, :customerEmail, :status, :totalCents,
                    :currency, :createdAt, :createdAt, :inFlightUntil)
            ON CONFLICT (idempotency_key) DO NOTHING""")
    int insertUnlessKeyTaken(UUID id, @Nullable String idempotencyKey, String requestHash, String customerEmail,
                             String status, long totalCents, String currency, Instant createdAt,
                             Instant inFlightUntil);

    Optional<OrderEntity> findById(UUID id);

    Optional<OrderEntity> findByIdempotencyKey(String idempotencyKey);

    /**
     * The oldest PENDING order that is due for a settlement attempt: created before
     * {@code createdBefore}, not flagged for review, not backing off, not claimed. Locks the row;
     * rows another transaction has locked are skipped, so concurrent reconcilers pick different
     * orders. Call inside a transaction and claim the order before it commits.
     */
    @Query("""
            SELECT * FROM orders
            WHERE status = 'PENDING' AND review_reason IS NULL AND created_at <= :createdBefore
              AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
              AND (in_flight_until IS NULL OR in_flight_until <= :now)
            ORDER BY created_at
            LIMIT 1
            FOR UPDATE SKIP LOCKED""")
    Optional<OrderEntity> lockNextDue(Instant now, Instant createdBefore);

    /**
     * Claims a PENDING order for one payment attempt until {@code claimedUntil}, unless someone
     * else holds a claim that has not expired.
     *
     * @return 1 if claimed, 0 if not PENDING, flagged for review, or claimed by someone else
     */
    @Query("""
            UPDATE orders SET in_flight_until = :claimedUntil, payment_attempts = payment_attempts + 1
            WHERE id = :id AND status = 'PENDING' AND review_reason IS NULL
              AND (in_flight_until IS NULL OR in_flight_until <= :now)""")
    int claim(UUID id, Instant now, Instant claimedUntil);

    /**
     * Records the payment outcome of a PENDING order and ends its claim.
     *
     * @return 1 if recorded, 0 if the order was no longer PENDING (someone settled it first)
     */
    @Query("""
            UPDATE orders SET status = :status, payment_id = :paymentId, updated_at = :updatedAt,
                              in_flight_until = NULL, next_attempt_at = NULL
            WHERE id = :id AND status = 'PENDING'""")
    int settle(UUID id, String status, @Nullable String paymentId, Instant updatedAt);

    /** Ends the claim of a PENDING order whose payment attempt failed; the next one not before {@code nextAttemptAt}. */
    @Query("""
            UPDATE orders SET in_flight_until = NULL, next_attempt_at = :nextAttemptAt
            WHERE id = :id AND status = 'PENDING'""")
    int release(UUID id, @Nullable Instant nextAttemptAt);

    /** Flags a PENDING order for review (the reconciler leaves it alone) and ends its claim. */
    @Query("""
            UPDATE orders SET review_reason = :reviewReason, updated_at = :updatedAt,
                              in_flight_until = NULL, next_attempt_at = NULL
            WHERE id = :id AND status = 'PENDING'""")
    int flagForReview(UUID id, String reviewReason, Instant updatedAt);

    /** How many orders wait for settlement, and since when: PENDING and not flagged for review. */
    @Query("""
            SELECT count(*) AS pending, min(created_at) AS oldest_created_at
            FROM orders WHERE status = 'PENDING' AND review_reason IS NULL""")
    Backlog backlog();

    /**
     * PENDING orders that wait for settlement.
     *
     * @param pending how many
     * @param oldestCreatedAt when the oldest was created; null if there is none
     */
    @Introspected
    record Backlog(long pending, @Nullable Instant oldestCreatedAt) {
    }
}
