package dev.storefront.orders;

import dev.storefront.common.testing.HttpAnswers;
import dev.storefront.common.testing.HttpStandIn;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * orders with a PostgreSQL of its own that the test stops and starts again: the database
 * outage a failover or a restart causes.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest implements TestPropertyProvider {

    private final HttpStandIn payments = new HttpStandIn();
    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    @Inject
    @Client("/")
    HttpClient http;

    DatabaseOutageTest() throws IOException {
        dataDirectory = Files.createTempDirectory("orders-outage-pg");
        postgres = start(0);
        port = postgres.getPort();
        payments.respond(PaymentsAnswers.authorize());
    }

    private EmbeddedPostgres start(int onPort) {
        try {
            return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(onPort).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.server.port", "-1",
                "datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"),
                "datasources.default.username", "postgres",
                "datasources.default.password", "postgres",
                "micronaut.http.services.payments.urls", payments.url());
    }

    @AfterAll
    void stop() throws IOException {
        payments.close();
        postgres.close();
    }

    @Test
    void outageAnswers503FastKeepsLivenessUpAndRecoversOnItsOwn() throws IOException {
        String body = "{\"customerEmail\":\"outage@example.com\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}";
        assertThat(post(body).code()).isEqualTo(201);

        postgres.close();
        Instant start = Instant.now();
        HttpResponse<?> duringOutage = post(body);
        Duration took = Duration.between(start, Instant.now());

        HttpAnswers.assertStatus(duringOutage, 503);
        assertThat(duringOutage.header("Retry-After")).isEqualTo("1");
        assertThat(HttpAnswers.problem(duringOutage).detail()).contains("database").doesNotContain("Exception");
        assertThat(took).as("fails within Hikari's 1 s connection timeout, not the client's").isLessThan(
                Duration.ofSeconds(3));
        assertThat(get("/health/readiness").code()).isEqualTo(503);
        assertThat(get("/health/liveness").code()).isEqualTo(200);
        assertThat(get("/products").code()).isEqualTo(503);

        postgres = start(port);
        await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(get("/health/readiness").code()).isEqualTo(200));
        assertThat(post(body.replace("outage@", "recovered@")).code()).isEqualTo(201);
    }

    private HttpResponse<?> post(String body) {
        return exchange(HttpRequest.POST("/orders", body).contentType("application/json"));
    }

    private HttpResponse<?> get(String path) {
        return exchange(HttpRequest.GET(path));
    }

    private HttpResponse<?> exchange(HttpRequest<?> request) {
        return HttpAnswers.exchange(http, request);
    }
}
