package dev.storefront.orders.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.UUID;

/** The {@code order_lines} table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface OrderLineRepository extends GenericRepository<OrderLineEntity, Long> {

    <S extends OrderLineEntity> List<S> saveAll(Iterable<S> lines);

    List<OrderLineEntity> findByOrderIdOrderByLineNo(UUID orderId);
}
