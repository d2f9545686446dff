package dev.storefront.payments;

import io.micronaut.runtime.Micronaut;

/** Entry point of the payments service: payment intents in DynamoDB. */
public final class PaymentsApplication {

    private PaymentsApplication() {
    }

    /**
     * Starts the service; configuration comes from the environment (DESIGN.md §4).
     *
     * @param args command-line arguments, passed to Micronaut
     */
    public static void main(String[] args) {
        Micronaut.run(PaymentsApplication.class, args);
    }
}
