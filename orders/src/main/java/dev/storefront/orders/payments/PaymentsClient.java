package dev.storefront.orders.payments;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

/**
 * HTTP client of the payments service. URLs and timeouts are configuration
 * ({@code micronaut.http.services.payments}), not code: PAYMENTS_URL, read timeout 3 s.
 */
@Client(id = "payments")
interface PaymentsClient {

    /**
     * Records the payment intent of an order. Keyed by order id, so a retry is harmless: the same
     * amount again answers 200 with the first intent.
     *
     * @throws io.micronaut.http.client.exceptions.HttpClientResponseException on a 4xx or 5xx answer
     * @throws io.micronaut.http.client.exceptions.HttpClientException when payments is unreachable or too slow
     */
    @Put("/payments/{orderId}")
    PaymentIntent authorize(UUID orderId, @Body PaymentRequest request);

    /**
     * Body of {@code PUT /payments/{orderId}}.
     *
     * @param amountCents amount in minor units of {@code currency}
     * @param currency ISO 4217 code
     */
    @Serdeable
    record PaymentRequest(long amountCents, String currency) {
    }

    /**
     * Answer of payments.
     *
     * @param paymentId payments' id of the intent
     * @param status {@code AUTHORIZED} or {@code DECLINED}
     */
    @Serdeable
    record PaymentIntent(String paymentId, String status) {
    }
}
