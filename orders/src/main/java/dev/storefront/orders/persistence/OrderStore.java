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
     * @param inFlightUntil end of the creating request's lease; null once it finished
     */
    public record KeyedOrder(Order order, String requestHash, @Nullable Instant inFlightUntil) {
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

    /** Records the payment outcome of an order and ends its in-flight lease. */
    @Transactional
    public void recordOutcome(UUID orderId, OrderStatus status, @Nullable String paymentId, Instant at) {
        orders.recordOutcome(orderId, status.name(), paymentId, at);
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
                .map(row -> new KeyedOrder(withLines(row), row.requestHash(), row.inFlightUntil()));
    }

    private Order withLines(OrderEntity row) {
        List<OrderLine> orderLines = lines.findByOrderIdOrderByLineNo(row.id()).stream()
                .map(line -> new OrderLine(line.sku(), line.quantity(), line.unitPriceCents()))
                .toList();
        return new Order(row.id(), row.status(), row.customerEmail(), orderLines, row.totalCents(), row.currency(),
                row.paymentId(), row.createdAt());
    }
}
