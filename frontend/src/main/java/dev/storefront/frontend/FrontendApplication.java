package dev.storefront.frontend;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Entry point of the frontend service: the public API and storefront page. */
@OpenAPIDefinition(info = @Info(
        title = "Storefront public API",
        version = "1",
        description = "The public API behind the load balancer: the catalog, checkout and orders. Bodies are JSON;"
                + " money is an integer number of minor units (`...Cents`) with an ISO 4217 `currency`. Errors are"
                + " RFC 9457 `application/problem+json`. A checkout is made safe to retry by an `Idempotency-Key`:"
                + " the same key with the same body returns the first order instead of placing another."))
public final class FrontendApplication {

    private FrontendApplication() {
    }

    /**
     * Starts the service; configuration comes from the environment (docs/configuration.md).
     *
     * @param args command-line arguments, passed to Micronaut
     */
    public static void main(String[] args) {
        Micronaut.run(FrontendApplication.class, args);
    }
}
