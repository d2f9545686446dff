package dev.storefront.orders.payments;

import io.micronaut.discovery.exceptions.NoAvailableServiceException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Asks payments to authorize an order's amount with the idempotent {@code PUT /payments/{orderId}}.
 * Whatever happens comes back as a {@link PaymentAnswer}, never as an exception: a failure of
 * payments is not a failure of the order, which stays PENDING until it is settled.
 */
@Singleton
public class PaymentGateway {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentGateway.class);

    private final PaymentsClient client;

    PaymentGateway(PaymentsClient client) {
        this.client = client;
    }

    /** What payments answered for an order. */
    public sealed interface PaymentAnswer {
    }

    /**
     * Payments decided: the intent it holds for the order (new, or the one a repeat found).
     *
     * @param paymentId payments' id of the intent
     * @param authorized true if AUTHORIZED, false if DECLINED
     */
    public record Decided(String paymentId, boolean authorized) implements PaymentAnswer {
    }

    /**
     * Payments refused the request for good (409: it holds an intent of another amount or currency
     * for this order; or another 4xx): retrying the same PUT can never succeed.
     *
     * @param status the HTTP status payments answered
     * @param detail what payments said, and what it holds for the order when it could be read
     */
    public record Refused(int status, String detail) implements PaymentAnswer {
    }

    /**
     * Payments could not answer now (5xx, refused or dropped connections on every instance, no answer
     * within the 3 s read timeout): the same PUT may succeed later.
     *
     * @param reason what went wrong, for the log
     */
    public record Unavailable(String reason) implements PaymentAnswer {
    }

    /**
     * @param orderId the order, also the payment's key in payments
     * @param amountCents amount in minor units of {@code currency}
     * @param currency ISO 4217 code
     * @return payments' answer; never throws
     */
    public PaymentAnswer authorize(UUID orderId, long amountCents, String currency) {
        try {
            PaymentsClient.PaymentIntent intent =
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
