package dev.storefront.payments;

import dev.storefront.common.testing.HttpStandIn;
import dev.storefront.common.testing.HttpStandIn.Answer;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service pointed at a DynamoDB endpoint that accepts requests and never answers, as a frozen
 * DynamoDB (or DynamoDB Local stopped with SIGSTOP) does: a real HTTP server on 127.0.0.1, so the
 * SDK's api call timeout (1 s) and attempt timeout (400 ms) fire while its HTTP client is mid-request.
 */
@MicronautTest
@Timeout(90)
class DynamoDbNotAnsweringTest extends PaymentsTestBase {

    private static final String PAYMENT = "{\"amountCents\":100,\"currency\":\"USD\"}";

    /** DynamoDB's answer to a PutItem that wrote, without ReturnValues. */
    private static final Answer PUT_ITEM_DONE = new Answer(200, "application/x-amz-json-1.0", "{}");

    private final HttpStandIn dynamoDb = new HttpStandIn();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("dynamodb.endpoint", dynamoDb.url());
        return properties;
    }

    /**
     * The first calls of a cold SDK client can take seconds on a loaded machine (class loading, not
     * DynamoDB): write until one succeeds, so the timings below are those of a warm service.
     */
    @BeforeEach
    void warmUp() {
        dynamoDb.respond(request -> PUT_ITEM_DONE);
        await("payments writing").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .until(() -> put(UUID.randomUUID().toString(), PAYMENT).code(), status -> status == 201);
    }

    @AfterAll
    void stopStandIn() {
        dynamoDb.close();
    }

    @Test
    void writeWhileTheTableDoesNotAnswerFailsFastWith503AndWritesNothing() throws InterruptedException {
        dynamoDb.hold();
        String orderId = UUID.randomUUID().toString();
        long start = System.nanoTime();

        HttpResponse<?> answer = put(orderId, PAYMENT);

        assertStatus(answer, 503);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(answer.getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        assertThat(answer.header("Retry-After")).isEqualTo("1");
        assertThat(problem(answer).detail()).contains("payments table").contains("Retry")
                .doesNotContain("Exception").doesNotContain("Idempotency-Key");
        assertThat(dynamoDb.awaitRequest(Duration.ZERO)).as("the PutItem reached the endpoint").isTrue();
        assertThat(dynamoDb.requests()).allSatisfy(request ->
                assertThat(request.headers().get("x-amz-target")).isEqualTo("DynamoDB_20120810.PutItem"));
        assertThat(item(orderId)).isEmpty();
    }

    /**
     * The SDK interrupts the calling thread when a timeout fires mid-request; a flag left set would
     * make the next DynamoDB call on that request thread abort at once, with the table healthy again.
     */
    @Test
    void requestsAfterTimedOutCallsSucceedOnceTheTableAnswersAgain() {
        dynamoDb.hold();
        for (int i = 0; i < 4; i++) {
            assertStatus(put(UUID.randomUUID().toString(), PAYMENT), 503);
        }

        dynamoDb.respond(request -> PUT_ITEM_DONE);

        for (int i = 0; i < 8; i++) {
            HttpResponse<?> answer = put(UUID.randomUUID().toString(), PAYMENT);
            assertStatus(answer, 201);
        }
    }
}
