package dev.storefront.orders.domain;

import dev.storefront.common.problem.DomainException;
import io.micronaut.http.HttpStatus;

import java.util.List;
import java.util.Map;

/** Some SKUs of a request are not in the catalog or no longer sold: 422, nothing written. */
public final class UnknownSkuException extends DomainException {

    private final List<String> skus;

    /** @param skus the unknown or inactive SKUs, in request order */
    public UnknownSkuException(List<String> skus) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-sku", "Unknown SKU",
                (skus.size() == 1 ? "SKU is" : "SKUs are") + " not for sale: " + String.join(", ", skus));
        this.skus = List.copyOf(skus);
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("skus", skus);
    }
}
