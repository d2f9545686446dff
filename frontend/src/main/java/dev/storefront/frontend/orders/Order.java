package dev.storefront.frontend.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order, as orders answers it and the public API shows it.
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
public record Order(
        UUID orderId,
        String status,
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
}
