package dev.storefront.orders.payments;

import dev.storefront.common.http.RetryOnAnotherInstance;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.retry.annotation.Retryable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Optional;
import java.util.UUID;

/**
 * HTTP client of the payments service. URLs and timeouts are configuration
 * ({@code micronaut.http.services.payments}), not code: PAYMENTS_URL (several URLs are balanced
 * round robin), read timeout 3 s. A refused connection or a 503 is retried on the next instance
 * ({@link RetryOnAnotherInstance}): safe, because the payment is keyed by order id.
 */
@Client(id = "payments")
// attempts counts retries after the first call: one. The worst case, a 503 (which the callee sends
// within its own, shorter budget) and then a read timeout, stays within the caller's budget.
@Retryable(attempts = "1", delay = "50ms", predicate = RetryOnAnotherInstance.class)
interface PaymentsClient {

    /**
     * Records the payment intent of an order. Keyed by order id, so a retry is harmless: the same
     * amount again answers 200 with the first intent.
     *
     * @throws io.micronaut.http.client.exceptions.HttpClientResponseException on a 4xx or 5xx answer
     *     (409: payments holds another amount for the order)
     * @throws io.micronaut.http.client.exceptions.HttpClientException when payments is unreachable or too slow
     */
    @Put("/payments/{orderId}")
    PaymentResponse authorize(UUID orderId, @Body PaymentRequest request);

    /**
     * The intent payments holds for an order; empty if it holds none (404).
     *
     * @throws io.micronaut.http.client.exceptions.HttpClientException when payments is unreachable or too slow
     */
    @Get("/payments/{orderId}")
    Optional<PaymentResponse> find(UUID orderId);

    /**
     * Body of {@code PUT /payments/{orderId}}: the shape of payments' {@code api.PaymentRequest}.
     *
     * @param amountCents amount in minor units of {@code currency}
     * @param currency ISO 4217 code
     */
    @Serdeable
    record PaymentRequest(long amountCents, String currency) {
    }

    /**
     * Answer of {@code PUT} and {@code GET /payments/{orderId}}: the part of payments'
     * {@code api.PaymentResponse} that orders reads (its {@code orderId} and {@code createdAt} are
     * ignored).
     *
     * @param paymentId payments' id of the intent
     * @param status {@code AUTHORIZED} or {@code DECLINED}
     * @param amountCents amount in minor units of {@code currency}
     * @param currency ISO 4217 code
     */
    @Serdeable
    record PaymentResponse(String paymentId, String status, long amountCents, String currency) {
    }

    /**
     * The part of payments' RFC 9457 problem answer that is shown to a person.
     *
     * @param detail what was wrong
     */
    @Serdeable
    record Problem(@Nullable String detail) {
    }
}
