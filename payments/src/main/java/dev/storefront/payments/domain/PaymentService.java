package dev.storefront.payments.domain;

import dev.storefront.payments.PaymentsConfiguration;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Records payment intents: one per order, decided once. The decision is a deterministic stand-in
 * for a card network's answer: an amount above PAYMENTS_DECLINE_ABOVE_CENTS is DECLINED.
 */
@Singleton
public class PaymentService {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentService.class);

    /** Span attributes that tie a payment to its order in a trace. */
    static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");
    static final AttributeKey<String> PAYMENT_ID = AttributeKey.stringKey("payment.id");
    static final AttributeKey<String> PAYMENT_STATUS = AttributeKey.stringKey("payment.status");

    private final PaymentIntentStore store;
    private final Clock clock;
    private final long declineAboveCents;

    PaymentService(PaymentIntentStore store, Clock clock, PaymentsConfiguration configuration) {
        this.store = store;
        this.clock = clock;
        this.declineAboveCents = configuration.declineAboveCents();
    }

    /**
     * The outcome of {@link #authorize}.
     *
     * @param intent the intent now stored
     * @param created true if this call wrote it; false for a repeat that wrote nothing
     */
    public record Recorded(PaymentIntent intent, boolean created) {
    }

    /**
     * Records the payment intent of an order, or returns the one already recorded for the same
     * amount. Safe to retry: keyed by order id with a conditional write.
     *
     * @param orderId the order
     * @param amountCents amount in minor units of {@code currency}, positive
     * @param currency ISO 4217 code
     * @throws PaymentConflictException (409) if the order has an intent for another amount
     * @throws software.amazon.awssdk.core.exception.SdkException if DynamoDB fails (503)
     */
    public Recorded authorize(UUID orderId, long amountCents, String currency) {
        PaymentStatus status = amountCents > declineAboveCents ? PaymentStatus.DECLINED : PaymentStatus.AUTHORIZED;
        PaymentIntent intent = new PaymentIntent(UUID.randomUUID(), orderId, status, amountCents, currency,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        Span.current().setAttribute(ORDER_ID, orderId.toString());
        Optional<PaymentIntent> existing = store.putIfAbsent(intent);
        PaymentIntent recorded = existing.orElse(intent);
        Span.current().setAttribute(PAYMENT_ID, recorded.paymentId().toString())
                .setAttribute(PAYMENT_STATUS, recorded.status().name());
        if (existing.isEmpty()) {
            LOG.info("payment {} for order {} {} amount={} {}", intent.paymentId(), orderId, status, amountCents,
                    currency);
            return new Recorded(intent, true);
        }
        if (!existing.get().sameAmount(amountCents, currency)) {
            throw new PaymentConflictException(existing.get());
        }
        return new Recorded(existing.get(), false);
    }

    /** The intent of an order. */
    public Optional<PaymentIntent> find(UUID orderId) {
        return store.find(orderId);
    }
}
