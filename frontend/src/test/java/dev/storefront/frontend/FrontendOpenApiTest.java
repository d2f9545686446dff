package dev.storefront.frontend;

import dev.storefront.common.testing.HttpStandIn;
import dev.storefront.common.testing.OpenApiContract;
import dev.storefront.common.testing.OpenApiContract.Call;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * frontend's answers against its OpenAPI document: every operation's success and each documented
 * error, produced for real by the service (orders' answers come from a stand-in), validated
 * against the document the build wrote; and that document served and published as it is.
 */
@MicronautTest
class FrontendOpenApiTest extends FrontendTestBase {

    private static final String CHECKOUT = "{\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"SKU-1\","
            + "\"quantity\":2}]}";
    private static final String PRODUCTS = "[{\"sku\":\"SKU-1\",\"name\":\"Pour-over coffee kit\",\"description\":"
            + "\"Ceramic dripper.\",\"unitPriceCents\":4500,\"currency\":\"USD\"}]";

    private final OpenApiContract contract = OpenApiContract.of("frontend");

    private static String order(String orderId, String status) {
        return "{\"orderId\":\"" + orderId + "\",\"status\":\"" + status + "\",\"customerEmail\":\"a@example.com\","
                + "\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPriceCents\":4500}],\"totalCents\":9000,"
                + "\"currency\":\"USD\",\"paymentId\":" + ("PENDING".equals(status) ? "null" : "\"p-1\"")
                + ",\"createdAt\":\"2026-01-02T03:04:05.678Z\"}";
    }

    private static HttpStandIn.Answer problem(int status, String type, String extra) {
        return new HttpStandIn.Answer(status, "application/problem+json", "{\"type\":\"urn:problem-type:storefront:"
                + type + "\",\"title\":\"" + type + "\",\"status\":" + status + ",\"detail\":\"orders said no\"" + extra
                + "}");
    }

    private HttpResponse<String> send(Call call) {
        return contract.send(server.getURL().toString(), call);
    }

    private static Call checkout(String key) {
        return Call.json("POST", "/api/checkout", "/api/checkout", CHECKOUT).header("Idempotency-Key", key);
    }

    @Test
    void everyDocumentedAnswerConformsAndNoneIsMissing() {
        catalogAnswersConform();
        checkoutAnswersConform();
        orderAnswersConform();

        contract.assertEveryDocumentedAnswerWasSeen();
    }

    private void catalogAnswersConform() {
        orders.respond(request -> HttpStandIn.Answer.json(200, PRODUCTS));
        assertThat(send(Call.get("/api/products", "/api/products")).statusCode()).isEqualTo(200);

        orders.respond(request -> new HttpStandIn.Answer(500, null, null));
        assertThat(send(Call.get("/api/products", "/api/products")).statusCode()).isEqualTo(503);
    }

    private void checkoutAnswersConform() {
        String orderId = UUID.randomUUID().toString();
        for (String status : new String[] {"PAID", "DECLINED"}) {
            orders.respond(request -> HttpStandIn.Answer.json(201, order(orderId, status)));
            assertThat(send(checkout("k-201")).statusCode()).isEqualTo(201);
        }
        orders.respond(request -> HttpStandIn.Answer.json(202, order(orderId, "PENDING")));
        assertThat(send(checkout("k-202")).statusCode()).isEqualTo(202);
        orders.respond(request -> HttpStandIn.Answer.json(200, order(orderId, "PAID")));
        assertThat(send(checkout("k-200")).statusCode()).isEqualTo(200);

        orders.respond(request -> problem(409, "idempotency-key-in-flight", ""));
        assertThat(send(checkout("k-409")).statusCode()).isEqualTo(409);
        orders.respond(request -> problem(422, "unknown-sku", ",\"skus\":[\"SKU-1\"]"));
        assertThat(send(checkout("k-422")).statusCode()).isEqualTo(422);
        orders.respond(request -> new HttpStandIn.Answer(500, null, null));
        assertThat(send(checkout("k-503")).statusCode()).isEqualTo(503);

        assertThat(send(Call.json("POST", "/api/checkout", "/api/checkout", "{\"customerEmail\":\"nope\",\"items\":[]}"))
                .statusCode()).isEqualTo(400);
        assertThat(send(Call.json("POST", "/api/checkout", "/api/checkout", "{not json")).statusCode()).isEqualTo(400);
        assertThat(send(checkout("k-415").contentType("text/plain")).statusCode()).isEqualTo(415);
        String huge = "{\"customerEmail\":\"" + "a".repeat(70 * 1024) + "@example.com\",\"items\":[]}";
        assertThat(send(Call.json("POST", "/api/checkout", "/api/checkout", huge)).statusCode()).isEqualTo(413);
    }

    private void orderAnswersConform() {
        String orderId = UUID.randomUUID().toString();
        orders.respond(request -> HttpStandIn.Answer.json(200, order(orderId, "PAID")));
        assertThat(send(Call.get("/api/orders/{orderId}", "/api/orders/" + orderId)).statusCode()).isEqualTo(200);

        orders.respond(request -> problem(404, "order-not-found", ""));
        assertThat(send(Call.get("/api/orders/{orderId}", "/api/orders/" + orderId)).statusCode()).isEqualTo(404);
        assertThat(send(Call.get("/api/orders/{orderId}", "/api/orders/not-a-uuid")).statusCode()).isEqualTo(400);

        orders.respond(request -> new HttpStandIn.Answer(500, null, null));
        assertThat(send(Call.get("/api/orders/{orderId}", "/api/orders/" + orderId)).statusCode()).isEqualTo(503);
    }

    @Test
    void documentIsServedAtOpenapiFrontendYmlAndPublishedInDocs() throws Exception {
        HttpResponse<String> served = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/openapi/frontend.yml")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(contract.document());
        contract.assertPublishedCopyIsCurrent(Path.of("..", "docs", "openapi", "frontend.yml"));
    }
}
