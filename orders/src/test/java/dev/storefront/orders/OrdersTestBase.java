package dev.storefront.orders;

import dev.storefront.common.testing.CheckoutLoad.Order;
import dev.storefront.common.testing.HttpAnswers;
import dev.storefront.common.testing.HttpStandIn;
import dev.storefront.common.testing.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Shared fixture of the orders integration tests: one embedded PostgreSQL per test JVM (real
 * server, Flyway-migrated by the service itself), a payments stand-in per test class, and
 * helpers that speak HTTP to the service under test on a random port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrdersTestBase implements TestPropertyProvider {

    private static EmbeddedPostgres postgres;

    protected final HttpStandIn payments = new HttpStandIn();

    @Inject
    @Client("/")
    protected HttpClient http;

    @Inject
    protected EmbeddedServer server;

    @Inject
    protected DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        EmbeddedPostgres pg = postgres();
        return Map.of(
                "micronaut.server.port", "-1",
                "datasources.default.url", pg.getJdbcUrl("postgres", "postgres"),
                "datasources.default.username", "postgres",
                "datasources.default.password", "postgres",
                "micronaut.http.services.payments.urls", payments.url());
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data directory is temporary
                }
            }));
        }
        return postgres;
    }

    @BeforeEach
    void authorizeByDefault() {
        payments.respond(PaymentsAnswers.authorize());
    }

    @AfterAll
    void stopPayments() {
        payments.close();
    }

    /** POST /orders with a JSON body and an optional Idempotency-Key; never throws on 4xx/5xx. */
    protected HttpResponse<?> postOrder(String json, String idempotencyKey) {
        var request = HttpRequest.POST("/orders", json).contentType(MediaType.APPLICATION_JSON_TYPE);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return exchange(request);
    }

    /** Sends a request and returns the answer, error statuses included; bind its body with {@link #order}. */
    protected HttpResponse<?> exchange(HttpRequest<?> request) {
        return HttpAnswers.exchange(http, request);
    }

    protected static void assertStatus(HttpResponse<?> response, int expected) {
        HttpAnswers.assertStatus(response, expected);
    }

    /** The order an answer carries. */
    protected static Order order(HttpResponse<?> answer) {
        return HttpAnswers.body(answer, Order.class);
    }

    /** The RFC 9457 problem an error answer carries. */
    protected static Problem problem(HttpResponse<?> answer) {
        return HttpAnswers.problem(answer);
    }

    protected static String orderJson(String email, String... skuQuantityPairs) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < skuQuantityPairs.length; i += 2) {
            if (i > 0) {
                items.append(',');
            }
            items.append("{\"sku\":\"").append(skuQuantityPairs[i]).append("\",\"quantity\":")
                    .append(skuQuantityPairs[i + 1]).append('}');
        }
        return "{\"customerEmail\":\"" + email + "\",\"items\":[" + items + "]}";
    }

    /** Runs a single-number SQL query against the service's own database. */
    protected long count(String sql) {
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a single-value SQL query against the service's own database; null for no row or NULL. */
    protected String text(String sql) {
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A connection of its own, outside any transaction of the service. */
    private Connection connection() throws SQLException {
        return DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }

    protected void execute(String sql) {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
