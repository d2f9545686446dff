package dev.storefront.frontend;

import io.micronaut.runtime.Micronaut;

/** Entry point of the frontend service: the public API and storefront page. */
public final class FrontendApplication {

    private FrontendApplication() {
    }

    /**
     * Starts the service; configuration comes from the environment (DESIGN.md §4).
     *
     * @param args command-line arguments, passed to Micronaut
     */
    public static void main(String[] args) {
        Micronaut.run(FrontendApplication.class, args);
    }
}
