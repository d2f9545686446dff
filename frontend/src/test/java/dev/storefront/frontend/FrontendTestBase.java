package dev.storefront.frontend;

import dev.storefront.common.testing.HttpAnswers;
import dev.storefront.common.testing.HttpStandIn;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

/**
 * Shared fixture of the frontend tests: the service on a random port, with an orders stand-in
 * at its HTTP boundary (the cross-service test in local/ runs the real orders).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FrontendTestBase implements TestPropertyProvider {

    protected final HttpStandIn orders = new HttpStandIn();

    @Inject
    @Client("/")
    protected HttpClient http;

    @Inject
    protected EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.server.port", "-1", "micronaut.http.services.orders.urls", orders.url());
    }

    @AfterAll
    void stopOrders() {
        orders.close();
    }

    /** Sends a request and returns the answer, error statuses included, with a JSON map body. */
    protected HttpResponse<Map> exchange(HttpRequest<?> request) {
        return HttpAnswers.exchange(http, request);
    }

    protected static void assertStatus(HttpResponse<Map> response, int expected) {
        HttpAnswers.assertStatus(response, expected);
    }
}
