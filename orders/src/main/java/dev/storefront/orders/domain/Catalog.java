package dev.storefront.orders.domain;

import java.util.Collection;
import java.util.List;

/**
 * The products orders sells, and their prices: the port the domain owns, implemented by the
 * {@code products} table ({@code persistence.PostgresCatalog}). Read only. A database failure
 * surfaces as the driver's runtime exception (the API answers 503 for an outage).
 */
public interface Catalog {

    /** Products for sale (active), ordered by name. */
    List<Product> forSale();

    /**
     * The products among {@code skus}, active or not, in no particular order; unknown SKUs are
     * simply absent.
     */
    List<Product> findBySkus(Collection<String> skus);
}
