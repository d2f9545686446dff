package dev.storefront.payments.api;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * Body of {@code PUT /payments/{orderId}}: {@code {"amountCents": 21900, "currency": "USD"}}.
 *
 * @param amountCents amount in minor units of {@code currency}, positive
 * @param currency ISO 4217 alphabetic code, three capital letters
 */
@Serdeable
public record PaymentRequest(
        @NotNull @Positive Long amountCents,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD") String currency) {
}
