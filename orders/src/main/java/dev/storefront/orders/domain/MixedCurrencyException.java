package dev.storefront.orders.domain;

import dev.storefront.common.problem.DomainException;
import io.micronaut.http.HttpStatus;

/** The requested SKUs are priced in more than one currency: 422, nothing written. */
public final class MixedCurrencyException extends DomainException {

    public MixedCurrencyException() {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "mixed-currency", "Mixed currencies",
                "All items of one order must be priced in the same currency.");
    }
}
