package dev.storefront.payments;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The service pointed at a table that does not answer: the DynamoDB stand-in for an outage. */
@MicronautTest
class TableUnavailableTest extends PaymentsTestBase {

    @Override
    protected String table() {
        return "no-such-table";
    }

    @Test
    void writeFailsFastWith503AndWritesNothing() {
        int itemsBefore = itemCount();
        long start = System.nanoTime();

        HttpResponse<?> answer = put(UUID.randomUUID().toString(), "{\"amountCents\":100,\"currency\":\"USD\"}");

        assertStatus(answer, 503);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(answer.header("Retry-After")).isEqualTo("1");
        assertThat(problem(answer).detail()).contains("payments table").doesNotContain("Exception");
        assertThat(itemCount()).isEqualTo(itemsBefore);
    }

    @Test
    void readinessIs503WhileLivenessStays200() {
        assertStatus(exchange(HttpRequest.GET("/health/readiness")), 503);
        assertStatus(exchange(HttpRequest.GET("/health/liveness")), 200);
    }
}
