package dev.storefront.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.storefront.local.StorefrontClient.checkoutJson;
import static dev.storefront.local.StorefrontClient.order;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three real service jars as separate JVMs, on embedded PostgreSQL and DynamoDB Local,
 * driven only through frontend's public API; the databases are read afterwards to prove what was
 * and was not written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckoutAcrossServicesIT {

    private EmbeddedStorefront stack;
    private StorefrontClient storefront;
    private DynamoDbClient dynamoDb;

    @BeforeAll
    void startStack() {
        Path home = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();
        stack = EmbeddedStorefront.start(new EmbeddedStorefront.Settings(home, 0, 0, 0, Map.of(),
                Duration.ofSeconds(120),
                Map.of("OTEL_TRACES_EXPORTER", "none"), new PrintStream(System.out, true)));
        storefront = new StorefrontClient(stack.service("frontend").url());
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(URI.create(stack.dynamoDbEndpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterAll
    void stopStack() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void paidCheckoutIsChargedOnceAndReadableThroughFrontend() {
        HttpResponse<String> answer = storefront.checkout(checkoutJson("paid@example.com", "SKU-1", 2), null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(order(answer).status()).isEqualTo("PAID");
        assertThat(order(answer).totalCents()).isEqualTo(9000);
        String orderId = order(answer).orderId();
        HttpResponse<String> read = storefront.get("/api/orders/" + orderId);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(answer.body());
        Map<String, AttributeValue> payment = paymentItem(orderId);
        assertThat(payment.get("amountCents").n()).isEqualTo("9000");
        assertThat(payment.get("paymentId").s()).isEqualTo(order(answer).paymentId());
    }

    @Test
    void unknownOrderIs404ProblemThroughFrontend() {
        String orderId = UUID.randomUUID().toString();

        HttpResponse<String> answer = storefront.get("/api/orders/" + orderId);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("order-not-found").contains(orderId);
    }

    @Test
    void checkoutAboveTheDeclineThresholdIsDeclined() {
        HttpResponse<String> answer = storefront.checkout(checkoutJson("declined@example.com", "SKU-5", 3), null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(order(answer).status()).isEqualTo("DECLINED");
        assertThat(order(answer).totalCents()).isEqualTo(569700);
        String orderId = order(answer).orderId();
        assertThat(order(storefront.get("/api/orders/" + orderId)).status()).isEqualTo("DECLINED");
        assertThat(paymentItem(orderId).get("status").s()).isEqualTo("DECLINED");
    }

    @Test
    void retryWithTheSameKeyReturnsTheSameOrderAndChargesOnce() throws SQLException {
        String key = UUID.randomUUID().toString();
        String body = checkoutJson("retry@example.com", "SKU-2", 1);

        HttpResponse<String> first = storefront.checkout(body, key);
        HttpResponse<String> retry = storefront.checkout(body, key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(order(retry).orderId()).isEqualTo(order(first).orderId());
        assertThat(count("SELECT count(*) FROM orders WHERE idempotency_key = ?", key)).isEqualTo(1);
        assertThat(paymentItem(order(first).orderId())).isNotEmpty();
    }

    @Test
    void unknownSkuIsRejectedWithItsNameAndNothingIsWritten() throws SQLException {
        long orders = count("SELECT count(*) FROM orders WHERE customer_email = ?", "unknown@example.com");

        HttpResponse<String> answer = storefront.checkout(checkoutJson("unknown@example.com", "SKU-404", 1), null);

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("SKU-404");
        assertThat(count("SELECT count(*) FROM orders WHERE customer_email = ?", "unknown@example.com"))
                .isEqualTo(orders);
    }

    @Test
    void withPaymentsStoppedCheckoutIsPendingAndPaidAgainOncePaymentsIsBack() {
        assertThat(stack.stop("payments")).as("payments exits on SIGTERM, without SIGKILL").isPresent();
        String pendingId;
        try {
            HttpResponse<String> pending = storefront.checkout(checkoutJson("pending@example.com", "SKU-9", 1), null);

            assertThat(pending.statusCode()).as(pending.body()).isEqualTo(202);
            assertThat(order(pending).status()).isEqualTo("PENDING");
            assertThat(pending.body()).as("paymentId is present, and null").contains("\"paymentId\":null");
            pendingId = order(pending).orderId();
            assertThat(order(storefront.get("/api/orders/" + pendingId)).status()).isEqualTo("PENDING");
            // Checked while payments is still down: once it is back, the reconciler may rightly
            // settle the order (ORDERS_RECONCILE_MIN_AGE, 10 s), sooner than a slow restart ends.
            assertThat(paymentItem(pendingId)).as("no payment was recorded for the pending order").isEmpty();
        } finally {
            stack.restart("payments");
        }

        HttpResponse<String> paid = storefront.checkout(checkoutJson("pending@example.com", "SKU-9", 1), null);
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        assertThat(order(paid).status()).isEqualTo("PAID");
    }

    private Map<String, AttributeValue> paymentItem(String orderId) {
        return dynamoDb.getItem(g -> g.tableName(EmbeddedStorefront.PAYMENTS_TABLE).consistentRead(true)
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))).item();
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), EmbeddedStorefront.DB_USER,
                EmbeddedStorefront.DB_PASSWORD);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
