package dev.storefront.orders.domain;

import java.util.UUID;

/**
 * Asks payments to authorize an order's amount: the port the domain owns, implemented by the
 * payments client ({@code payments.PaymentsServiceGateway}), so that the domain depends on no
 * HTTP client. Whatever happens comes back as a {@link PaymentAnswer}, never as an exception: a
 * failure of payments is not a failure of the order, which stays PENDING until it is settled.
 */
public interface PaymentGateway {

    /** What payments answered for an order: {@link Decided}, {@link Refused} or {@link Unavailable}. */
    sealed interface PaymentAnswer permits Decided, Refused, Unavailable {
    }

    /**
     * Payments decided: the intent it holds for the order (new, or the one a repeat found).
     *
     * @param paymentId payments' id of the intent
     * @param authorized true if AUTHORIZED, false if DECLINED
     */
    record Decided(String paymentId, boolean authorized) implements PaymentAnswer {
    }

    /**
     * Payments refused the request for good (409: it holds an intent of another amount or currency
     * for this order; or another 4xx): retrying the same request can never succeed.
     *
     * @param status the HTTP status payments answered, 400 to 499
     * @param detail what payments said, and what it holds for the order when it could be read
     */
    record Refused(int status, String detail) implements PaymentAnswer {
    }

    /**
     * Payments could not answer now (5xx, refused or dropped connections on every instance, no answer
     * within the 3 s read timeout): the same request may succeed later.
     *
     * @param reason what went wrong, for the log
     */
    record Unavailable(String reason) implements PaymentAnswer {
    }

    /**
     * Asks payments to authorize the amount of an order. Idempotent: keyed by order id, the same
     * amount and currency again answers the intent payments already holds.
     *
     * @param orderId the order, also the payment's key in payments
     * @param amountCents amount in minor units of {@code currency}
     * @param currency ISO 4217 code
     * @return payments' answer; never throws
     */
    PaymentAnswer authorize(UUID orderId, long amountCents, String currency);
}
