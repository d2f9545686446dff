package dev.storefront.orders.persistence;

import dev.storefront.orders.domain.Order;
import dev.storefront.orders.domain.OrderLine;
import dev.storefront.orders.domain.OrderStatus;
import dev.storefront.orders.domain.OrderStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@link OrderStore} on the {@code orders} and {@code order_lines} tables: orders and their
 * lines, written and read together. Each method is one transaction; claims lock with
 * {@code FOR UPDATE SKIP LOCKED} ({@link OrderRepository#lockNextDue}).
 */
@Singleton
public class PostgresOrderStore implements OrderStore {

    private final OrderRepository orders;
    private final OrderLineRepository lines;

    PostgresOrderStore(OrderRepository orders, OrderLineRepository lines) {
        this.orders = orders;
        this.lines = lines;
    }

    @Override
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

    /** {@link OrderRepository#lockNextDue} skips rows that a concurrent claim has locked. */
    @Override
    @Transactional
    public Optional<Claim> claimNextDue(Instant now, Instant createdBefore, Instant claimedUntil) {
        return orders.lockNextDue(now, createdBefore).map(row -> {
            orders.claim(row.id(), now, claimedUntil);
            return new Claim(row.id(), row.totalCents(), row.currency(), row.paymentAttempts() + 1, row.createdAt());
        });
    }

    @Override
    @Transactional
    public Optional<Claim> claim(UUID orderId, Instant now, Instant claimedUntil) {
        if (orders.claim(orderId, now, claimedUntil) == 0) {
            return Optional.empty();
        }
        return orders.findById(orderId).map(row ->
                new Claim(row.id(), row.totalCents(), row.currency(), row.paymentAttempts(), row.createdAt()));
    }

    @Override
    @Transactional
    public boolean settle(UUID orderId, OrderStatus status, @Nullable String paymentId, Instant at) {
        return orders.settle(orderId, status.name(), paymentId, at) == 1;
    }

    @Override
    @Transactional
    public void release(UUID orderId, @Nullable Instant nextAttemptAt) {
        orders.release(orderId, nextAttemptAt);
    }

    @Override
    @Transactional
    public boolean flagForReview(UUID orderId, String reason, Instant at) {
        return orders.flagForReview(orderId, reason, at) == 1;
    }

    @Override
    @ReadOnly
    public Backlog backlog() {
        OrderRepository.Backlog row = orders.backlog();
        return new Backlog(row.pending(), row.oldestCreatedAt());
    }

    @Override
    @ReadOnly
    public Optional<Order> find(UUID orderId) {
        return orders.findById(orderId).map(this::withLines);
    }

    @Override
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
