package dev.storefront.orders.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The {@code orders} table. */
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

    /** Records the payment outcome and ends the in-flight lease. */
    @Query("""
            UPDATE orders SET status = :status, payment_id = :paymentId, updated_at = :updatedAt,
                              in_flight_until = NULL
            WHERE id = :id""")
    void recordOutcome(UUID id, String status, @Nullable String paymentId, Instant updatedAt);
}
