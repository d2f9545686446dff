package dev.storefront.orders.domain;

import dev.storefront.orders.payments.PaymentGateway;
import dev.storefront.orders.persistence.OrderStore;
import dev.storefront.orders.persistence.ProductEntity;
import dev.storefront.orders.persistence.ProductRepository;
import io.micronaut.context.annotation.Value;
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
 * Places and reads orders. Placing one: price it from the catalog, store it PENDING (order and
 * lines in one transaction), ask payments, record PAID or DECLINED. The database connection is
 * not held while payments is called.
 */
@Singleton
public class OrderService {

    private static final Logger LOG = LoggerFactory.getLogger(OrderService.class);

    /** Span attributes that let an operator find a checkout's trace by its order. */
    static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");
    static final AttributeKey<String> ORDER_STATUS = AttributeKey.stringKey("order.status");

    private final ProductRepository products;
    private final OrderStore store;
    private final PaymentGateway payments;
    private final Clock clock;
    private final Duration inFlightLease;

    OrderService(ProductRepository products, OrderStore store, PaymentGateway payments, Clock clock,
                 @Value("${orders.idempotency.in-flight-lease:15s}") Duration inFlightLease) {
        this.products = products;
        this.store = store;
        this.payments = payments;
        this.clock = clock;
        this.inFlightLease = inFlightLease;
    }

    /** The catalog: products for sale, by name. */
    public List<ProductEntity> catalog() {
        return products.findByActiveOrderByName(true);
    }

    /**
     * Places an order, or replays the one an earlier request with the same key created.
     *
     * @param request what the client asks for (already validated: 1..50 items, quantities 1..100)
     * @param idempotencyKey the client's Idempotency-Key, or null
     * @return the order and whether it was a replay
     * @throws UnknownSkuException (422) if a SKU is unknown or inactive; nothing written
     * @throws MixedCurrencyException (422) if the SKUs are priced in different currencies
     * @throws IdempotencyKeyReusedException (422) if the key created an order from another body
     * @throws IdempotencyKeyInFlightException (409) if the first request with the key still runs
     */
    public PlacedOrder place(NewOrder request, @Nullable String idempotencyKey) {
        String requestHash = request.requestHash();
        if (idempotencyKey != null) {
            Optional<OrderStore.KeyedOrder> existing = store.findByIdempotencyKey(idempotencyKey);
            if (existing.isPresent()) {
                return replay(existing.get(), requestHash);
            }
        }
        Instant now = now();
        Order order = price(request, now);
        if (!store.create(order, idempotencyKey, requestHash, now.plus(inFlightLease))) {
            // Lost the race for the key to a concurrent request: answer as that request's replay.
            return replay(store.findByIdempotencyKey(idempotencyKey).orElseThrow(), requestHash);
        }
        Optional<PaymentGateway.Authorization> authorization =
                payments.authorize(order.id(), order.totalCents(), order.currency());
        OrderStatus status = authorization
                .map(a -> a.authorized() ? OrderStatus.PAID : OrderStatus.DECLINED)
                .orElse(OrderStatus.PENDING);
        String paymentId = authorization.map(PaymentGateway.Authorization::paymentId).orElse(null);
        store.recordOutcome(order.id(), status, paymentId, now());
        Span.current().setAttribute(ORDER_ID, order.id().toString()).setAttribute(ORDER_STATUS, status.name());
        LOG.info("order {} {} total={} {}", order.id(), status, order.totalCents(), order.currency());
        return new PlacedOrder(order.withOutcome(status, paymentId), false);
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
        Span.current().setAttribute(ORDER_ID, existing.order().id().toString())
                .setAttribute(ORDER_STATUS, existing.order().status().name());
        if (!existing.requestHash().equals(requestHash)) {
            throw new IdempotencyKeyReusedException();
        }
        if (existing.inFlightUntil() != null && existing.inFlightUntil().isAfter(clock.instant())) {
            throw new IdempotencyKeyInFlightException();
        }
        return new PlacedOrder(existing.order(), true);
    }

    private Order price(NewOrder request, Instant now) {
        Map<String, ProductEntity> catalog = products
                .findBySkuIn(request.items().stream().map(NewOrder.Item::sku).distinct().toList())
                .stream()
                .filter(ProductEntity::active)
                .collect(Collectors.toMap(ProductEntity::sku, Function.identity()));
        List<String> unknown = request.items().stream()
                .map(NewOrder.Item::sku)
                .filter(sku -> !catalog.containsKey(sku))
                .distinct()
                .toList();
        if (!unknown.isEmpty()) {
            throw new UnknownSkuException(unknown);
        }
        if (catalog.values().stream().map(ProductEntity::currency).distinct().count() > 1) {
            throw new MixedCurrencyException();
        }
        List<OrderLine> lines = new ArrayList<>();
        long total = 0;
        for (NewOrder.Item item : request.items()) {
            long unitPrice = catalog.get(item.sku()).unitPriceCents();
            lines.add(new OrderLine(item.sku(), item.quantity(), unitPrice));
            total = Math.addExact(total, Math.multiplyExact(unitPrice, item.quantity()));
        }
        String currency = catalog.values().iterator().next().currency();
        return new Order(UUID.randomUUID(), OrderStatus.PENDING, request.customerEmail(), List.copyOf(lines), total,
                currency, null, now);
    }
}
