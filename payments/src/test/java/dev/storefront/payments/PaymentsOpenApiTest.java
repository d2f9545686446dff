package dev.storefront.payments;

import dev.storefront.common.testing.OpenApiContract;
import dev.storefront.common.testing.OpenApiContract.Call;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * payments' answers against its OpenAPI document: every operation's success and each documented
 * error, produced for real by the service on DynamoDB Local (and, for the 503s, by a second
 * instance pointed at a table that does not exist), validated against the document the build wrote.
 */
@MicronautTest
class PaymentsOpenApiTest extends PaymentsTestBase {

    private static final String PAYMENT = "{\"amountCents\":9000,\"currency\":\"USD\"}";

    private final OpenApiContract contract = OpenApiContract.of("payments");

    private static Call putCall(String orderId, String body) {
        return Call.json("PUT", "/payments/{orderId}", "/payments/" + orderId, body);
    }

    private static Call getCall(String orderId) {
        return Call.get("/payments/{orderId}", "/payments/" + orderId);
    }

    /**
     * The first calls of a cold SDK client can outlast the 400 ms attempt timeout on a loaded
     * machine and answer 503: write until one succeeds (at most 30 s), so the checks below see the
     * service warm.
     */
    private void warmUp(String base) {
        String orderId = UUID.randomUUID().toString();
        int status = await("payments answering other than 503").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> contract.send(base, putCall(orderId, PAYMENT)).statusCode(), answer -> answer != 503);
        assertThat(status).as("payments warmed up").isIn(200, 201);
    }

    @Test
    void everyDocumentedAnswerConformsAndNoneIsMissing() {
        String base = server.getURL().toString();
        warmUp(base);
        String orderId = UUID.randomUUID().toString();
        assertThat(contract.send(base, putCall(orderId, PAYMENT)).statusCode()).isEqualTo(201);
        assertThat(contract.send(base, putCall(orderId, PAYMENT)).statusCode()).as("repeat").isEqualTo(200);
        assertThat(contract.send(base, putCall(orderId, PAYMENT.replace("9000", "9001"))).statusCode()).isEqualTo(409);
        String declined = UUID.randomUUID().toString();
        HttpResponse<String> decline = contract.send(base, putCall(declined, "{\"amountCents\":900000,\"currency\":\"USD\"}"));
        assertThat(decline.body()).contains("\"DECLINED\"");

        String other = UUID.randomUUID().toString();
        assertThat(contract.send(base, putCall(other, "{\"amountCents\":1,\"currency\":\"usd\"}")).statusCode()).isEqualTo(400);
        assertThat(contract.send(base, putCall(other, "{not json")).statusCode()).isEqualTo(400);
        assertThat(contract.send(base, putCall(other, PAYMENT).contentType("text/plain")).statusCode()).isEqualTo(415);
        String huge = "{\"amountCents\":1,\"currency\":\"" + "U".repeat(70 * 1024) + "\"}";
        assertThat(contract.send(base, putCall(other, huge)).statusCode()).isEqualTo(413);
        assertThat(contract.send(base, putCall("not-a-uuid", PAYMENT)).statusCode()).isEqualTo(400);

        assertThat(contract.send(base, getCall(orderId)).statusCode()).isEqualTo(200);
        assertThat(contract.send(base, getCall(other)).statusCode()).isEqualTo(404);
        assertThat(contract.send(base, getCall("not-a-uuid")).statusCode()).isEqualTo(400);

        try (EmbeddedServer withoutTable = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", "-1", "dynamodb.endpoint", dynamoDbLocal(), "payments.table", "no-such-table"))) {
            String unavailable = withoutTable.getURL().toString();
            assertThat(contract.send(unavailable, putCall(other, PAYMENT)).statusCode()).isEqualTo(503);
            assertThat(contract.send(unavailable, getCall(orderId)).statusCode()).isEqualTo(503);
        }

        contract.assertEveryDocumentedAnswerWasSeen();
        contract.assertPublishedCopyIsCurrent(Path.of("..", "docs", "openapi", "payments.yml"));
    }
}
