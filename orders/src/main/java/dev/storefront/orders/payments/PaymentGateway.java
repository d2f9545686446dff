package dev.storefront.orders.payments;

import io.micronaut.discovery.exceptions.NoAvailableServiceException;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.UUID;

/**
 * Asks payments to authorize an order's amount. A failure of payments is not a failure of the
 * order: it comes back as an empty answer, and the order stays PENDING.
 */
@Singleton
public class PaymentGateway {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentGateway.class);

    private final PaymentsClient client;

    PaymentGateway(PaymentsClient client) {
        this.client = client;
    }

    /**
     * The answer of payments for an order.
     *
     * @param paymentId payments' id of the intent
     * @param authorized true if AUTHORIZED, false if DECLINED
     */
    public record Authorization(String paymentId, boolean authorized) {
    }

    /**
     * @param orderId the order, also the payment's key in payments
     * @param amountCents amount in minor units of {@code currency}
     * @param currency ISO 4217 code
     * @return payments' answer, or empty if payments failed, was unreachable (every instance, after
     *     one retry on another) or did not answer within its read timeout (3 s)
     */
    public Optional<Authorization> authorize(UUID orderId, long amountCents, String currency) {
        try {
            PaymentsClient.PaymentIntent intent =
                    client.authorize(orderId, new PaymentsClient.PaymentRequest(amountCents, currency));
            return Optional.of(new Authorization(intent.paymentId(), "AUTHORIZED".equals(intent.status())));
        } catch (HttpClientResponseException e) {
            LOG.warn("payments answered {} for order {}; the order stays PENDING", e.getStatus().getCode(), orderId);
            return Optional.empty();
        } catch (HttpClientException | NoAvailableServiceException e) {
            LOG.warn("payments unavailable for order {} ({}); the order stays PENDING", orderId, e.getMessage());
            return Optional.empty();
        }
    }
}
