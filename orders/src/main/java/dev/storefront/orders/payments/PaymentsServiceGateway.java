package dev.storefront.orders.payments;

import dev.storefront.orders.domain.PaymentGateway;
import io.micronaut.discovery.exceptions.NoAvailableServiceException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The {@link PaymentGateway} on the payments service: the idempotent
 * {@code PUT /payments/{orderId}} through {@link PaymentsClient}. A 4xx is {@link Refused} (for a
 * 409 with the intent payments holds, read with {@code GET /payments/{orderId}}); a 5xx, a timeout
 * or no reachable instance is {@link Unavailable}.
 */
@Singleton
public class PaymentsServiceGateway implements PaymentGateway {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentsServiceGateway.class);

    private final PaymentsClient client;

    PaymentsServiceGateway(PaymentsClient client) {
        this.client = client;
    }

    @Override
    public PaymentAnswer authorize(UUID orderId, long amountCents, String currency) {
        try {
            PaymentsClient.PaymentResponse intent =
                    client.authorize(orderId, new PaymentsClient.PaymentRequest(amountCents, currency));
            return new Decided(intent.paymentId(), "AUTHORIZED".equals(intent.status()));
        } catch (HttpClientResponseException e) {
            int status = e.getStatus().getCode();
            if (status >= 400 && status < 500) {
                return new Refused(status, refusal(orderId, e));
            }
            LOG.warn("payments answered {} for order {}; the order stays PENDING", status, orderId);
            return new Unavailable("payments answered " + status);
        } catch (HttpClientException | NoAvailableServiceException e) {
            LOG.warn("payments unavailable for order {} ({}); the order stays PENDING", orderId, e.getMessage());
            return new Unavailable(e.getMessage());
        }
    }

    /** Payments' problem detail, and for a 409 the intent it holds, so that a person can compare. */
    private String refusal(UUID orderId, HttpClientResponseException e) {
        String detail = e.getResponse().getBody(PaymentsClient.Problem.class)
                .map(PaymentsClient.Problem::detail).orElse(e.getMessage());
        if (e.getStatus() != HttpStatus.CONFLICT) {
            return detail;
        }
        try {
            return client.find(orderId)
                    .map(held -> detail + " Payments holds " + held.amountCents() + " " + held.currency() + " ("
                            + held.status() + ", payment " + held.paymentId() + ").")
                    .orElse(detail);
        } catch (HttpClientException | NoAvailableServiceException unreadable) {
            return detail;
        }
    }
}
