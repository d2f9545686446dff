package dev.storefront.payments;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Entry point of the payments service: payment intents in DynamoDB. */
@OpenAPIDefinition(info = @Info(
        title = "Storefront payments API (internal)",
        version = "1",
        description = "Payment intents in DynamoDB, keyed by order id, called by orders over Service Connect; not"
                + " exposed to the internet. Money is an integer number of minor units (`amountCents`) with an ISO 4217"
                + " `currency`. Errors are RFC 9457 `application/problem+json`."))
public final class PaymentsApplication {

    private PaymentsApplication() {
    }

    /**
     * Starts the service; configuration comes from the environment (docs/configuration.md).
     *
     * @param args command-line arguments, passed to Micronaut
     */
    public static void main(String[] args) {
        Micronaut.run(PaymentsApplication.class, args);
    }
}
