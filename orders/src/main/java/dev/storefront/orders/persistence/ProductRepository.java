package dev.storefront.orders.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;

/** Read access to the catalog. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProductRepository extends GenericRepository<ProductEntity, String> {

    /** Products for sale, ordered by name. */
    List<ProductEntity> findByActiveOrderByName(boolean active);

    /** The products among {@code skus}, active or not; unknown SKUs are simply absent. */
    List<ProductEntity> findBySkuIn(Collection<String> skus);
}
