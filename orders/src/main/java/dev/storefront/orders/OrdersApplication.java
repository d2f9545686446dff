package dev.storefront.orders;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Entry point of the orders service: catalog and order lifecycle on PostgreSQL. */
@OpenAPIDefinition(info = @Info(
        title = "Storefront orders API (internal)",
        version = "1",
        description = "The catalog and the order lifecycle, called by frontend over Service Connect; not exposed to"
                + " the internet. Money is an integer number of minor units (`...Cents`) with an ISO 4217 `currency`."
                + " Errors are RFC 9457 `application/problem+json`."))
public final class OrdersApplication {

    private OrdersApplication() {
    }

    /**
     * Starts the service; configuration comes from the environment (docs/configuration.md).
     *
     * @param args command-line arguments, passed to Micronaut
     */
    public static void main(String[] args) {
        Micronaut.run(OrdersApplication.class, args);
    }
}
