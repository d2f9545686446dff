package dev.storefront.frontend;

import dev.storefront.common.testing.CheckoutLoad.Order;
import dev.storefront.common.testing.HttpAnswers;
import dev.storefront.common.testing.HttpStandIn;
import dev.storefront.common.testing.Problem;
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
}
