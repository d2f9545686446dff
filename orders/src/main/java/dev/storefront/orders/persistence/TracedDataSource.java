package dev.storefront.orders.persistence;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/**
 * Wraps the HikariCP data source with OpenTelemetry's JDBC instrumentation: a client span per
 * statement ({@code db.system=postgresql}, the SQL with its values elided), child of the span of
 * the request that ran it. No span per pool checkout: that is a map lookup, and readiness checks
 * would make one every few seconds. The pool itself stays Hikari's, closed by its factory.
 *
 * <p>It must wrap Hikari's pool itself, before Micronaut Data's ContextualAwareDataSource (another
 * listener) wraps the result in its connection-aware proxy; wrapped the other way round, every
 * connection outside a transaction fails with NoConnectionException. Listeners run in the order of
 * their {@code @Order} annotation, hence the highest precedence here.
 */
@Singleton
@Order(Ordered.HIGHEST_PRECEDENCE)
final class TracedDataSource implements BeanCreatedEventListener<DataSource> {

    private final BeanProvider<OpenTelemetry> openTelemetry;

    TracedDataSource(BeanProvider<OpenTelemetry> openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        return JdbcTelemetry.builder(openTelemetry.get())
                .setDataSourceInstrumenterEnabled(false)
                .build()
                .wrap(event.getBean());
    }
}
