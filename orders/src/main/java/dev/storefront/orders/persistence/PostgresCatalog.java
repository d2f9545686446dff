package dev.storefront.orders.persistence;

import dev.storefront.orders.domain.Catalog;
import dev.storefront.orders.domain.Product;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;

/** The {@link Catalog} on the {@code products} table. */
@Singleton
public class PostgresCatalog implements Catalog {

    private final ProductRepository products;

    PostgresCatalog(ProductRepository products) {
        this.products = products;
    }

    @Override
    public List<Product> forSale() {
        return products.findByActiveOrderByName(true).stream().map(PostgresCatalog::toProduct).toList();
    }

    @Override
    public List<Product> findBySkus(Collection<String> skus) {
        return products.findBySkuIn(skus).stream().map(PostgresCatalog::toProduct).toList();
    }

    private static Product toProduct(ProductEntity row) {
        return new Product(row.sku(), row.name(), row.description(), row.unitPriceCents(), row.currency(),
                row.active());
    }
}
