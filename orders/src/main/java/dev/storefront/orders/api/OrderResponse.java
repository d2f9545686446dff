package dev.storefront.orders.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.orders.domain.Order;
import dev.storefront.orders.domain.OrderStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as the API shows it.
 *
 * @param orderId order id
 * @param status PENDING, PAID or DECLINED
 * @param customerEmail customer's e-mail address
 * @param items priced lines
 * @param totalCents total in minor units of {@code currency}
 * @param currency ISO 4217 code
 * @param paymentId payments' id of the intent; null while PENDING
 * @param createdAt when the order was stored (ISO 8601, UTC)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OrderResponse(
        UUID orderId,
        OrderStatus status,
        String customerEmail,
        List<Line> items,
        long totalCents,
        String currency,
        @Nullable String paymentId,
        Instant createdAt) {

    /**
     * One priced line.
     *
     * @param sku the product
     * @param quantity units
     * @param unitPriceCents price of one unit in minor units
     */
    @Serdeable
    public record Line(String sku, int quantity, long unitPriceCents) {
    }

    static OrderResponse from(Order order) {
        return new OrderResponse(order.id(), order.status(), order.customerEmail(),
                order.lines().stream().map(l -> new Line(l.sku(), l.quantity(), l.unitPriceCents())).toList(),
                order.totalCents(), order.currency(), order.paymentId(), order.createdAt());
    }
}
