package dev.storefront.orders.domain;

import dev.storefront.common.problem.DomainException;
import io.micronaut.http.HttpStatus;

import java.util.UUID;

/** No order has this id: 404. */
public final class OrderNotFoundException extends DomainException {

    /** @param orderId the id asked for */
    public OrderNotFoundException(UUID orderId) {
        super(HttpStatus.NOT_FOUND, "order-not-found", "Order not found", "There is no order " + orderId + ".");
    }
}
