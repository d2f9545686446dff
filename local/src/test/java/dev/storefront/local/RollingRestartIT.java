package dev.storefront.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deploy, locally: two instances each of orders and payments behind client-side balancing, a
 * steady checkout load through frontend, and each instance in turn stopped with SIGTERM (the
 * default DRAIN_DELAY of 5 s and grace period of 20 s) and started again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollingRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(RollingRestartIT.class);

    /** Checkouts per second of the load. */
    private static final int RATE = 10;
    /** Bounds of the load: it stops at whichever comes first. */
    private static final int MAX_CHECKOUTS = 900;
    private static final Duration MAX_LOAD = Duration.ofSeconds(90);
    private static final String EMAIL = "rolling-restart@example.com";

    private EmbeddedStorefront stack;
    private StorefrontClient storefront;

    /** One checkout of the load and what the client saw. */
    private record Checkout(String idempotencyKey, int status, String body) {

        boolean acknowledged() {
            return status == 201 || status == 202;
        }
    }

    @BeforeAll
    void startStack() {
        Path home = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();
        stack = EmbeddedStorefront.start(new EmbeddedStorefront.Settings(home, 0, 0, 0,
                Map.of("orders", 2, "payments", 2),
                Duration.ofSeconds(120), Map.of("OTEL_TRACES_EXPORTER", "none"), new PrintStream(System.out, true)));
        storefront = new StorefrontClient(stack.service("frontend").url());
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void restartingEachOrdersAndPaymentsInstanceUnderLoadFailsNoCheckoutAndChargesNoOrderTwice() throws Exception {
        List<CompletableFuture<Checkout>> checkouts = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long loadStart = System.nanoTime();
        pacer.scheduleAtFixedRate(() -> {
            if (checkouts.size() < MAX_CHECKOUTS && System.nanoTime() - loadStart < MAX_LOAD.toNanos()) {
                checkouts.add(CompletableFuture.supplyAsync(this::checkout, clients));
            }
        }, 0, 1000 / RATE, TimeUnit.MILLISECONDS);

        Map<String, Optional<Integer>> exitCodes = new TreeMap<>();
        try {
            Thread.sleep(3_000);
            for (String instance : List.of("orders", "orders-2", "payments", "payments-2")) {
                exitCodes.put(instance, stack.stop(instance));
                stack.restart(instance);
                Thread.sleep(2_000);
            }
        } finally {
            pacer.shutdown();
            assertThat(pacer.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
        CompletableFuture.allOf(checkouts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        clients.shutdown();
        List<Checkout> results = checkouts.stream().map(CompletableFuture::join).toList();

        Map<Integer, Long> statuses = results.stream()
                .collect(Collectors.groupingBy(Checkout::status, TreeMap::new, Collectors.counting()));
        List<Checkout> failed = results.stream().filter(c -> !c.acknowledged()).toList();
        LOG.info("rolling restart: {} checkouts in {} s, statuses {}, {} failed", results.size(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - loadStart), statuses, failed.size());

        assertThat(exitCodes).as("every instance drained and exited 0")
                .allSatisfy((instance, code) -> assertThat(code).hasValue(0));
        assertThat(results).as("the load ran through every restart").hasSizeGreaterThan(200);
        assertThat(failed).as("failed checkouts").isEmpty();

        List<String> orderIds = results.stream().map(c -> StorefrontClient.order(c.body()).orderId()).toList();
        for (String orderId : orderIds) {
            HttpResponse<String> read = storefront.get("/api/orders/" + orderId);
            assertThat(read.statusCode()).as("order %s readable", orderId).isEqualTo(200);
        }
        assertThat(countOrders()).as("one order per acknowledged checkout: no duplicate from a retry")
                .isEqualTo(results.size());
        assertOneChargePerCharged(results);
    }

    private Checkout checkout() {
        String key = UUID.randomUUID().toString();
        try {
            HttpResponse<String> answer = storefront.checkout(StorefrontClient.checkoutJson(EMAIL, "SKU-9", 1), key);
            return new Checkout(key, answer.statusCode(), answer.body());
        } catch (RuntimeException e) {
            return new Checkout(key, -1, e.toString());
        }
    }

    /**
     * Every order answered PAID or DECLINED has the one payment intent it was answered with: the
     * table is keyed by order id, and orders are never duplicated, so nothing was charged twice.
     */
    private void assertOneChargePerCharged(List<Checkout> results) {
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .endpointOverride(URI.create(stack.dynamoDbEndpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            for (Checkout checkout : results) {
                String orderId = StorefrontClient.order(checkout.body()).orderId();
                Map<String, AttributeValue> item = dynamoDb.getItem(g -> g.tableName(EmbeddedStorefront.PAYMENTS_TABLE)
                        .consistentRead(true).key(Map.of("orderId", AttributeValue.fromS(orderId)))).item();
                if (checkout.status() == 201) {
                    assertThat(item.get("paymentId").s()).as("payment of order %s", orderId)
                            .isEqualTo(StorefrontClient.order(checkout.body()).paymentId());
                }
            }
        }
    }

    private long countOrders() throws SQLException {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), EmbeddedStorefront.DB_USER,
                EmbeddedStorefront.DB_PASSWORD);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT count(*) FROM orders WHERE customer_email = ?")) {
            statement.setString(1, EMAIL);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
