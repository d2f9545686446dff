package dev.storefront.orders;

import dev.storefront.common.testing.CheckoutLoad.Order;
import dev.storefront.common.testing.HttpStandIn;
import dev.storefront.common.testing.OpenApiContract;
import dev.storefront.common.testing.OpenApiContract.Call;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * orders' answers against its OpenAPI document: every operation's success and each documented
 * error, produced for real by the service on a PostgreSQL of its own (which the test stops last,
 * for the 503s) with a payments stand-in, validated against the document the build wrote.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrdersOpenApiTest implements TestPropertyProvider {

    private static final String ORDER = "{\"customerEmail\":\"contract@example.com\",\"items\":[{\"sku\":\"SKU-1\","
            + "\"quantity\":2}]}";

    private final OpenApiContract contract = OpenApiContract.of("orders");
    private final HttpStandIn payments = new HttpStandIn();
    private final EmbeddedPostgres postgres;

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    OrdersOpenApiTest() {
        try {
            postgres = EmbeddedPostgres.builder().start();
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

    private HttpResponse<String> send(Call call) {
        return contract.send(server.getURL().toString(), call);
    }

    private static Call placeOrder(String body, String key) {
        Call call = Call.json("POST", "/orders", "/orders", body);
        return key == null ? call : call.header("Idempotency-Key", key);
    }

    private Order order(HttpResponse<String> answer) throws IOException {
        return json.readValue(answer.body(), Order.class);
    }

    @Test
    void everyDocumentedAnswerConformsAndNoneIsMissing() throws Exception {
        payments.respond(PaymentsAnswers.authorize());
        assertThat(send(Call.get("/products", "/products")).statusCode()).isEqualTo(200);
        String key = UUID.randomUUID().toString();
        HttpResponse<String> created = send(placeOrder(ORDER, key));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(send(placeOrder(ORDER, key)).statusCode()).as("replay").isEqualTo(200);
        payments.respond(PaymentsAnswers.decline());
        assertThat(order(send(placeOrder(ORDER, null))).status()).isEqualTo("DECLINED");
        payments.respond(PaymentsAnswers.fail());
        assertThat(send(placeOrder(ORDER, null)).statusCode()).as("payments failing").isEqualTo(202);
        payments.respond(PaymentsAnswers.authorize());

        assertThat(send(placeOrder("{\"customerEmail\":\"nope\",\"items\":[]}", null)).statusCode()).isEqualTo(400);
        assertThat(send(placeOrder("{not json", null)).statusCode()).isEqualTo(400);
        assertThat(send(placeOrder(ORDER, null).contentType("text/plain")).statusCode()).isEqualTo(415);
        String huge = "{\"customerEmail\":\"" + "a".repeat(70 * 1024) + "@example.com\",\"items\":[]}";
        assertThat(send(placeOrder(huge, null)).statusCode()).isEqualTo(413);
        assertThat(send(placeOrder(ORDER.replace("SKU-1", "SKU-404"), null)).statusCode()).isEqualTo(422);
        assertThat(send(placeOrder(ORDER.replace("\"quantity\":2", "\"quantity\":3"), key)).statusCode())
                .as("the key with another body").isEqualTo(422);
        inFlightKeyIs409();

        String orderId = order(created).orderId();
        assertThat(send(Call.get("/orders/{orderId}", "/orders/" + orderId)).statusCode()).isEqualTo(200);
        assertThat(send(Call.get("/orders/{orderId}", "/orders/" + UUID.randomUUID())).statusCode()).isEqualTo(404);
        assertThat(send(Call.get("/orders/{orderId}", "/orders/not-a-uuid")).statusCode()).isEqualTo(400);

        postgres.close();
        assertThat(send(Call.get("/products", "/products")).statusCode()).isEqualTo(503);
        assertThat(send(placeOrder(ORDER, null)).statusCode()).isEqualTo(503);
        assertThat(send(Call.get("/orders/{orderId}", "/orders/" + orderId)).statusCode()).isEqualTo(503);

        contract.assertEveryDocumentedAnswerWasSeen();
        contract.assertPublishedCopyIsCurrent(Path.of("..", "docs", "openapi", "orders.yml"));
    }

    /** A second request with a key whose first request still waits for payments. */
    private void inFlightKeyIs409() throws Exception {
        String key = UUID.randomUUID().toString();
        payments.respond(PaymentsAnswers.authorize());
        payments.hold();
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> send(placeOrder(ORDER, key)));
        try {
            assertThat(payments.awaitRequest(Duration.ofSeconds(10))).as("the first request reached payments").isTrue();
            assertThat(send(placeOrder(ORDER, key)).statusCode()).isEqualTo(409);
        } finally {
            payments.releaseHeld();
        }
        // 202 if payments was held past orders' 3 s budget on a slow machine.
        assertThat(first.get().statusCode()).isIn(201, 202);
    }
}
