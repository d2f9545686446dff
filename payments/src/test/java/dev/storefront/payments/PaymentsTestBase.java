package dev.storefront.payments;

import dev.storefront.common.testing.HttpAnswers;
import dev.storefront.common.testing.Problem;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;

/**
 * Shared fixture of the payments integration tests: one DynamoDB Local per test JVM, in process
 * but as a real HTTP endpoint on 127.0.0.1, with the payments table created as CDK creates it
 * (key {@code orderId} string, on-demand).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PaymentsTestBase implements TestPropertyProvider {

    protected static final String TABLE = "payments";

    private static String endpoint;

    protected static DynamoDbClient dynamoDb;

    @Inject
    @Client("/")
    protected HttpClient http;

    @Inject
    protected EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.server.port", "-1", "dynamodb.endpoint", dynamoDbLocal(), "payments.table", table());
    }

    /** The table the service under test uses. */
    protected String table() {
        return TABLE;
    }

    /** The endpoint of DynamoDB Local, started on first use, with the payments table. */
    protected static synchronized String dynamoDbLocal() {
        if (endpoint == null) {
            try {
                int port;
                try (ServerSocket socket = new ServerSocket(0)) {
                    port = socket.getLocalPort();
                }
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                        new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (Exception ignored) {
                        // the JVM is exiting; the database is in memory
                    }
                }));
                endpoint = "http://127.0.0.1:" + port;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start", e);
            }
            dynamoDb = DynamoDbClient.builder()
                    .endpointOverride(URI.create(endpoint))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .build();
            dynamoDb.createTable(t -> t.tableName(TABLE)
                    .keySchema(k -> k.attributeName("orderId").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("orderId").attributeType(ScalarAttributeType.S))
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        }
        return endpoint;
    }

    /** The stored item of an order, straight from the table; empty map if none. */
    protected static Map<String, AttributeValue> item(String orderId) {
        return dynamoDb.getItem(g -> g.tableName(TABLE).key(Map.of("orderId", AttributeValue.fromS(orderId)))
                .consistentRead(true)).item();
    }

    /** Number of items in the table. */
    protected static int itemCount() {
        return dynamoDb.scan(s -> s.tableName(TABLE)).count();
    }

    /** Sends a request and returns the answer, error statuses included; bind its body with {@link #payment}. */
    protected HttpResponse<?> exchange(HttpRequest<?> request) {
        return HttpAnswers.exchange(http, request);
    }

    protected HttpResponse<?> put(String orderId, String json) {
        return exchange(HttpRequest.PUT("/payments/" + orderId, json).contentType("application/json"));
    }

    protected static void assertStatus(HttpResponse<?> response, int expected) {
        HttpAnswers.assertStatus(response, expected);
    }

    /** The payment intent an answer carries. */
    protected static Payment payment(HttpResponse<?> answer) {
        return HttpAnswers.body(answer, Payment.class);
    }

    /** The RFC 9457 problem an error answer carries. */
    protected static Problem problem(HttpResponse<?> answer) {
        return HttpAnswers.problem(answer);
    }
}
