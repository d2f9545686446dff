package dev.storefront.orders;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every pooled connection busy: a request waits Hikari's 1 s connection timeout, then 503. */
@MicronautTest(transactional = false)
class PoolExhaustedTest extends OrdersTestBase {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        // Flyway needs two connections at startup; the test then holds both.
        properties.put("datasources.default.maximum-pool-size", "2");
        return properties;
    }

    @Test
    void requestThatCannotGetAConnectionAnswers503WithinTheConnectionTimeout() throws Exception {
        long ordersBefore = count("SELECT count(*) FROM orders");
        HttpResponse<?> answer;
        long took;
        var pool = DelegatingDataSource.unwrapDataSource(dataSource);
        try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
            long start = System.nanoTime();
            answer = postOrder(orderJson("busy@example.com", "SKU-1", "1"), null);
            took = System.nanoTime() - start;
        }

        assertStatus(answer, 503);
        assertThat(answer.header("Retry-After")).isEqualTo("1");
        assertThat(Duration.ofNanos(took)).isBetween(Duration.ofMillis(900), Duration.ofMillis(2_500));
        assertThat(count("SELECT count(*) FROM orders")).isEqualTo(ordersBefore);
    }
}
