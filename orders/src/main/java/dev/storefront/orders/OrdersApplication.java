package dev.storefront.orders;

import io.micronaut.runtime.Micronaut;

/** Entry point of the orders service: catalog and order lifecycle on PostgreSQL. */
public final class OrdersApplication {

    private OrdersApplication() {
    }

    /**
     * Starts the service; configuration comes from the environment (DESIGN.md §4).
     *
     * @param args command-line arguments, passed to Micronaut
     */
    public static void main(String[] args) {
        Micronaut.run(OrdersApplication.class, args);
    }
}
