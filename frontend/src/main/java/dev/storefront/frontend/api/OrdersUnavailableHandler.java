package dev.storefront.frontend.api;

import dev.storefront.common.problem.DependencyFailureHandler;
import dev.storefront.frontend.orders.OrdersUnavailableException;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Orders down or too slow (6 s) answers 503, not 500. */
@Produces
@Singleton
final class OrdersUnavailableHandler extends DependencyFailureHandler<OrdersUnavailableException> {

    OrdersUnavailableHandler(ErrorResponseProcessor<?> responseProcessor) {
        super(responseProcessor, "the orders service");
    }
}
