package dev.storefront.payments.api;

import dev.storefront.common.validation.CurrencyCode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Body of {@code PUT /payments/{orderId}}: {@code {"amountCents": 21900, "currency": "USD"}}.
 *
 * @param amountCents amount in minor units of {@code currency}, positive
 * @param currency an active ISO 4217 alphabetic code, e.g. USD
 */
@Serdeable
public record PaymentRequest(
        @NotNull @Positive Long amountCents,
        @NotNull @CurrencyCode String currency) {
}
