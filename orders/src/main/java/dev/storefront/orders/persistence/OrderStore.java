package dev.storefront.orders.persistence;

import dev.storefront.orders.domain.Order;
import dev.storefront.orders.domain.OrderLine;
import dev.storefront.orders.domain.OrderStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Orders and their lines, written and read together. */
@Singleton
public class OrderStore {

    private final OrderRepository orders;
    private final OrderLineRepository lines;

    OrderStore(OrderRepository orders, OrderLineRepository lines) {
        this.orders = orders;
        this.lines = lines;
    }

    /**
     * An order found by its Idempotency-Key, with what is needed to tell a replay from a reuse.
     *
     * @param order the stored order
     * @param requestHash SHA-256 of the request that created it
     * @param inFlightUntil end of the current claim on the order's payment; null if none
     * @param underReview true if payments refused the payment and a person must look at it
     */
    public record KeyedOrder(Order order, String requestHash, @Nullable Instant inFlightUntil, boolean underReview) {
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
    @Transactional
    public boolean create(Order order, @Nullable String idempotencyKey, String requestHash, Instant inFlightUntil) {
        int inserted = orders.insertUnlessKeyTaken(order.id(), idempotencyKey, requestHash, order.customerEmail(),
                order.status().name(), order.totalCents(), order.currency(), order.createdAt(), inFlightUntil);
        if (inserted == 0) {
            return false;
        }
        List<OrderLineEntity> rows = new ArrayList<>();
        for (int i = 0; i < order.lines().size(); i++) {
            OrderLine line = order.lines().get(i);
            rows.add(new OrderLineEntity(null, order.id(), i + 1, line.sku(), line.quantity(), line.unitPriceCents()));
        }
        lines.saveAll(rows);
        return true;
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
    public record Claim(UUID orderId, long totalCents, String currency, int attempt, Instant createdAt) {
    }

    /**
     * Claims the oldest PENDING order that is due for a settlement attempt, in one short
     * transaction: older than {@code createdBefore}, not flagged for review, not backing off, and
     * not claimed by anyone (rows locked by a concurrent claim are skipped).
     *
     * @param now the current time
     * @param createdBefore only orders created before this are due (ORDERS_RECONCILE_MIN_AGE ago)
     * @param claimedUntil end of the claim: longer than one payment attempt can take
     * @return the claim, or empty if no order is due
     */
    @Transactional
    public Optional<Claim> claimNextDue(Instant now, Instant createdBefore, Instant claimedUntil) {
        return orders.lockNextDue(now, createdBefore).map(row -> {
            orders.claim(row.id(), now, claimedUntil);
            return new Claim(row.id(), row.totalCents(), row.currency(), row.paymentAttempts() + 1, row.createdAt());
        });
    }

    /**
     * Claims one PENDING order for a payment attempt unless someone else holds an unexpired claim.
     *
     * @return the claim, or empty if the order is settled, flagged for review, or claimed by someone else
     */
    @Transactional
    public Optional<Claim> claim(UUID orderId, Instant now, Instant claimedUntil) {
        if (orders.claim(orderId, now, claimedUntil) == 0) {
            return Optional.empty();
        }
        return orders.findById(orderId).map(row ->
                new Claim(row.id(), row.totalCents(), row.currency(), row.paymentAttempts(), row.createdAt()));
    }

    /**
     * Records the payment outcome of a PENDING order and ends its claim.
     *
     * @return true if recorded; false if the order had been settled already (the first outcome stays)
     */
    @Transactional
    public boolean settle(UUID orderId, OrderStatus status, @Nullable String paymentId, Instant at) {
        return orders.settle(orderId, status.name(), paymentId, at) == 1;
    }

    /**
     * Ends the claim of a PENDING order after a failed payment attempt.
     *
     * @param nextAttemptAt the reconciler's next attempt not before then; null: as soon as it is due
     */
    @Transactional
    public void release(UUID orderId, @Nullable Instant nextAttemptAt) {
        orders.release(orderId, nextAttemptAt);
    }

    /**
     * Flags a PENDING order for review: it stays PENDING, and the reconciler no longer retries it.
     *
     * @return true if flagged; false if it had been settled already
     */
    @Transactional
    public boolean flagForReview(UUID orderId, String reason, Instant at) {
        return orders.flagForReview(orderId, reason, at) == 1;
    }

    /** PENDING orders that wait for settlement (not flagged for review): how many, and the oldest. */
    @ReadOnly
    public OrderRepository.Backlog backlog() {
        return orders.backlog();
    }

    /** The order with this id, with its lines. */
    @ReadOnly
    public Optional<Order> find(UUID orderId) {
        return orders.findById(orderId).map(this::withLines);
    }

    /** The order created with this Idempotency-Key, if any. */
    @ReadOnly
    public Optional<KeyedOrder> findByIdempotencyKey(String idempotencyKey) {
        return orders.findByIdempotencyKey(idempotencyKey)
                .map(row -> new KeyedOrder(withLines(row), row.requestHash(), row.inFlightUntil(),
                        row.reviewReason() != null));
    }

    private Order withLines(OrderEntity row) {
        List<OrderLine> orderLines = lines.findByOrderIdOrderByLineNo(row.id()).stream()
                .map(line -> new OrderLine(line.sku(), line.quantity(), line.unitPriceCents()))
                .toList();
        return new Order(row.id(), row.status(), row.customerEmail(), orderLines, row.totalCents(), row.currency(),
                row.paymentId(), row.createdAt());
    }
}
