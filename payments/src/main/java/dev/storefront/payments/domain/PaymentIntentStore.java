package dev.storefront.payments.domain;

import java.util.Optional;
import java.util.UUID;

/**
 * Where payment intents are kept: the port the domain owns, implemented by the payments table
 * ({@code persistence.PaymentRepository}), so that the domain depends on no store.
 */
public interface PaymentIntentStore {

    /**
     * Stores the intent unless its order already has one: at most one intent per order, however
     * many retries.
     *
     * @return empty if stored; otherwise the intent already held, unchanged
     * @throws software.amazon.awssdk.core.exception.SdkException when the store fails or is too slow
     */
    Optional<PaymentIntent> putIfAbsent(PaymentIntent intent);

    /**
     * The intent of an order, read with strong consistency.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when the store fails or is too slow
     */
    Optional<PaymentIntent> find(UUID orderId);
}
