package dev.storefront.payments;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * payments' own settings ({@code payments.*} in its application.yml; docs/configuration.md).
 *
 * @param table             PAYMENTS_TABLE: the DynamoDB table of payment intents (3 to 255
 *                          characters, DynamoDB's limits)
 * @param declineAboveCents PAYMENTS_DECLINE_ABOVE_CENTS: the deterministic stand-in for a card
 *                          network declines an amount above this, in cents (500000)
 */
@ConfigurationProperties("payments")
public record PaymentsConfiguration(@NotBlank @Size(min = 3, max = 255) String table, long declineAboveCents) {
}
