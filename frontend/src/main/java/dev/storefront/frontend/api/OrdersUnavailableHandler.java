package dev.storefront.frontend.api;

import dev.storefront.common.http.IdempotencyKey;
import dev.storefront.common.problem.DependencyFailureHandler;
import dev.storefront.frontend.orders.OrdersUnavailableException;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Orders down or too slow (6 s) answers 503 with {@code Retry-After}, not 500. For a checkout the
 * order may already be stored (orders failed after writing it, or its answer was lost): the answer
 * then carries the checkout's {@code Idempotency-Key}, also one frontend made, and tells the client
 * to retry with it; the retry answers that order, never a second one.
 */
@Produces
@Singleton
final class OrdersUnavailableHandler extends DependencyFailureHandler<OrdersUnavailableException> {

    private static final String DEPENDENCY = "the orders service";

    OrdersUnavailableHandler(ErrorResponseProcessor<?> responseProcessor) {
        super(responseProcessor, DEPENDENCY);
    }

    @Override
    protected String detail(OrdersUnavailableException exception) {
        return exception.idempotencyKey()
                .map(key -> capitalized(DEPENDENCY) + " did not confirm the checkout; the order may have been stored."
                        + " Retry shortly with the same Idempotency-Key (" + key + "): a retry answers that order"
                        + " and never places a second one.")
                .orElseGet(() -> super.detail(exception));
    }

    @Override
    protected Map<String, String> headers(OrdersUnavailableException exception) {
        return exception.idempotencyKey().map(key -> Map.of(IdempotencyKey.HEADER, key)).orElse(Map.of());
    }
}
