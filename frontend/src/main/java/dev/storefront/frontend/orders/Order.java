package dev.storefront.frontend.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

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
        @Schema(requiredMode = REQUIRED, example = "0b6f1f9e-5c3a-4a57-9d0e-7f0c2f3b8a11") UUID orderId,
        @Schema(requiredMode = REQUIRED, allowableValues = {"PENDING", "PAID", "DECLINED"}, example = "PAID") String status,
        @Schema(requiredMode = REQUIRED, example = "a@example.com") String customerEmail,
        List<Line> items,
        @Schema(requiredMode = REQUIRED, example = "9000") long totalCents,
        @Schema(requiredMode = REQUIRED, example = "USD") String currency,
        @Schema(requiredMode = REQUIRED, nullable = true, example = "5d2c8e8a-3f0b-4f7e-b1a4-6c1d2e3f4a5b")
        @Nullable String paymentId,
        @Schema(requiredMode = REQUIRED, example = "2026-01-02T03:04:05.678Z") Instant createdAt) {

    /**
     * One priced line.
     *
     * @param sku the product
     * @param quantity units
     * @param unitPriceCents price of one unit in minor units
     */
    @Serdeable
    public record Line(@Schema(requiredMode = REQUIRED, example = "SKU-1") String sku, @Schema(requiredMode = REQUIRED, example = "2") int quantity,
                       @Schema(requiredMode = REQUIRED, example = "4500") long unitPriceCents) {
    }
}
