package dev.storefront.orders.domain;

import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Places and reads orders. Placing one: price it from the catalog, store it PENDING unless its
 * Idempotency-Key is known (order and lines in one transaction, claimed for the in-flight lease),
 * ask payments, record PAID or DECLINED ({@link Settlement}): on the database, one catalog query,
 * then two transactions (insert the order and its lines; record the outcome). The database
 * connection is not held while payments is called. An order that stays PENDING is settled later
 * by the reconciler, or at once by a replay of its Idempotency-Key.
 */
@Singleton
public class OrderService {

    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

    /** Span attributes that let an operator find a checkout's trace by its order. */
    static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");
    static final AttributeKey<String> ORDER_STATUS = AttributeKey.stringKey("order.status");

    private final Catalog catalog;
    private final OrderStore store;
    private final Settlement settlement;
    private final Clock clock;
    private final Duration inFlightLease;

    OrderService(Catalog catalog, OrderStore store, Settlement settlement, Clock clock,
                 SettlementConfiguration configuration) {
        this.catalog = catalog;
        this.store = store;
        this.settlement = settlement;
        this.clock = clock;
        this.inFlightLease = configuration.inFlightLease();
    }

    /** The catalog: products for sale, by name. */
    public List<Product> catalog() {
        return catalog.forSale();
    }

    /**
     * Places an order, or replays the one an earlier request with the same key created.
     *
     * @param request what the client asks for (already validated: 1..50 items, quantities 1..100)
     * @param idempotencyKey the client's Idempotency-Key, or null
     * @return the order and whether it was a replay. A replay of a PENDING order whose claim has
     *     expired first tries its payment again, so it answers PAID or DECLINED when payments can
     *     be reached, and PENDING otherwise (or when it is flagged for review)
     * @throws UnknownSkuException (422) if a SKU is unknown or inactive; nothing written
     * @throws MixedCurrencyException (422) if the SKUs are priced in different currencies
     * @throws IdempotencyKeyReusedException (422) if the key created an order from another body
     * @throws IdempotencyKeyInFlightException (409, with Retry-After) if the first request with the
     *     key, or a settlement attempt of its order, still runs
     */
    public PlacedOrder place(NewOrder request, @Nullable String idempotencyKey) {
        String requestHash = request.requestHash();
        Instant now = now();
        Order order;
        try {
            order = price(request, now);
        } catch (UnknownSkuException | MixedCurrencyException e) {
            // The catalog may have changed since the key's first request: a replay still answers
            // the order that request created.
            Optional<OrderStore.KeyedOrder> existing = idempotencyKey == null ? Optional.empty()
                    : store.findByIdempotencyKey(idempotencyKey);
            if (existing.isPresent()) {
                return replay(existing.get(), requestHash);
            }
            throw e;
        }
        // No lookup of the key first: the insert itself tells a new key from a known one (the
        // unique constraint decides), one statement and one transaction fewer per new order.
        if (!store.create(order, idempotencyKey, requestHash, now.plus(inFlightLease))) {
            // The key is known (a replay), or a concurrent request just took it: answer as a replay.
            return replay(store.findByIdempotencyKey(idempotencyKey).orElseThrow(), requestHash);
        }
        Settlement.Result result = settlement.attempt(
                new OrderStore.Claim(order.id(), order.totalCents(), order.currency(), 1, order.createdAt()),
                Settlement.Driver.REQUEST);
        Span.current().setAttribute(ORDER_ID, order.id().toString()).setAttribute(ORDER_STATUS, result.status().name());
        LOG.info("order {} {} total={} {}", order.id(), result.status(), order.totalCents(), order.currency());
        return new PlacedOrder(order.withOutcome(result.status(), result.paymentId()), false);
    }

    /** The order with this id, with its lines. */
    public Optional<Order> find(UUID orderId) {
        return store.find(orderId);
    }

    /** Now, to the millisecond: what the API shows and what PostgreSQL (µs) stores are equal. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private PlacedOrder replay(OrderStore.KeyedOrder existing, String requestHash) {
        Order order = existing.order();
        Span.current().setAttribute(ORDER_ID, order.id().toString());
        if (!existing.requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReusedException();
        }
        Instant now = now();
        if (existing.inFlightUntil() != null && existing.inFlightUntil().isAfter(now)) {
            throw new IdempotencyKeyInFlightException(Duration.between(now, existing.inFlightUntil()));
        }
        if (order.status() == OrderStatus.PENDING && !existing.underReview()) {
            // A retry settles: drive the payment now rather than wait for the reconciler.
            OrderStore.Claim claim = store.claim(order.id(), now, now.plus(inFlightLease))
                    .orElseThrow(() -> new IdempotencyKeyInFlightException(inFlightLease));
            Settlement.Result result = settlement.attempt(claim, Settlement.Driver.REPLAY);
            order = order.withOutcome(result.status(), result.paymentId());
        }
        Span.current().setAttribute(ORDER_STATUS, order.status().name());
        return new PlacedOrder(order, true);
    }

    private Order price(NewOrder request, Instant now) {
        Map<String, Product> products = catalog
                .findBySkus(request.items().stream().map(NewOrder.Item::sku).distinct().toList())
                .stream()
                .filter(Product::active)
                .collect(Collectors.toMap(Product::sku, Function.identity()));
        List<String> unknown = request.items().stream()
                .map(NewOrder.Item::sku)
                .filter(sku -> !products.containsKey(sku))
                .distinct()
                .toList();
        if (!unknown.isEmpty()) {
            throw new UnknownSkuException(unknown);
        }
        if (products.values().stream().map(Product::currency).distinct().count() > 1) {
            throw new MixedCurrencyException();
        }
        List<OrderLine> lines = new ArrayList<>();
        long total = 0;
        for (NewOrder.Item item : request.items()) {
            long unitPrice = products.get(item.sku()).unitPriceCents();
            lines.add(new OrderLine(item.sku(), item.quantity(), unitPrice));
            total = Math.addExact(total, Math.multiplyExact(unitPrice, item.quantity()));
        }
        String currency = products.values().iterator().next().currency();
        return new Order(UUID.randomUUID(), OrderStatus.PENDING, request.customerEmail(), List.copyOf(lines), total,
                currency, null, now);
    }
}
