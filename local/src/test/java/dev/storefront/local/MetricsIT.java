package dev.storefront.local;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three real service jars export their metrics over OTLP/HTTP to an in-process receiver, as
 * they would to the ADOT collector sidecar on ECS: the HTTP server duration histogram of each
 * service per route, HikariCP's pool meters and the JVM's (Micrometer, bridged), the DynamoDB
 * client metric of payments, and the checkout counter by outcome after a PAID, a DECLINED and a
 * PENDING checkout, which an idempotent replay does not count again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {

    /** Exports every 500 ms instead of 60 s; the deadline leaves room for a loaded machine. */
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(30);

    private final OtlpReceiver receiver = new OtlpReceiver();
    private EmbeddedStorefront stack;

    @BeforeAll
    void startStack() {
        Path home = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();
        stack = EmbeddedStorefront.start(new EmbeddedStorefront.Settings(home, 0, 0, 0, Map.of(),
                Duration.ofSeconds(120),
                Map.of("OTEL_METRICS_EXPORTER", "otlp",
                        "OTEL_TRACES_EXPORTER", "none",
                        "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                        "OTEL_METRIC_EXPORT_INTERVAL", "500"),
                new PrintStream(System.out, true)));
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
        receiver.close();
    }

    @Test
    void everyServiceExportsItsHttpPoolClientAndCheckoutMetrics() throws Exception {
        StorefrontClient client = new StorefrontClient(stack.service("frontend").url());
        // Warm the cold JVMs and clients up with one checkout of any outcome (on a busy machine the
        // very first one can run into a timeout), then count from the totals after it.
        assertThat(client.get("/api/products").statusCode()).isEqualTo(200);
        client.checkout(StorefrontClient.checkoutJson("warm-up@example.com", "SKU-1", 1), null);
        await("frontend", "http.server.request.duration", p -> "/api/checkout".equals(p.attributes().get("http.route")));
        Map<String, Double> before = checkouts();
        Predicate<OtlpReceiver.MetricPoint> putItemCalls = p -> "PutItem".equals(p.attributes().get("rpc.method"));
        long putItemsBefore = total("payments", "rpc.client.call.duration", putItemCalls);

        String paidKey = UUID.randomUUID().toString();
        String paidBody = StorefrontClient.checkoutJson("paid@example.com", "SKU-4", 1);
        assertStatus(client.checkout(paidBody, paidKey), 201, "PAID");
        // Above PAYMENTS_DECLINE_ABOVE_CENTS (500000): SKU-5 costs 189900 cents.
        assertStatus(client.checkout(StorefrontClient.checkoutJson("declined@example.com", "SKU-5", 3), null),
                201, "DECLINED");
        // The same key and body again: the same order, answered 200, not a new checkout.
        assertThat(client.checkout(paidBody, paidKey).statusCode()).isEqualTo(200);

        // The PAID and the DECLINED payment: two more PutItem calls (on a busy machine one may fail,
        // and is then measured with its error.type).
        awaitTotal("payments", "rpc.client.call.duration", putItemCalls, putItemsBefore + 2);
        OtlpReceiver.MetricPoint putItem = await("payments", "rpc.client.call.duration",
                p -> putItemCalls.test(p) && !p.attributes().containsKey("error.type"));
        assertThat(putItem.unit()).isEqualTo("s");
        assertThat(putItem.type()).isEqualTo("HISTOGRAM");
        assertThat(putItem.attributes()).containsEntry("rpc.system", "aws-api").containsEntry("rpc.service", "DynamoDB")
                .doesNotContainKey("error.type");
        assertThat(putItem.value()).as("seconds spent in PutItem").isPositive();
        assertServerDuration("payments", "PUT", "/payments/{orderId}", 2);

        // Payments gone: orders keeps the order PENDING and frontend answers 202.
        assertThat(stack.stop("payments")).isPresent();
        assertStatus(client.checkout(StorefrontClient.checkoutJson("pending@example.com", "SKU-4", 1), null),
                202, "PENDING");

        // An export with the PENDING checkout was taken after the replay: PAID must still be one more in it.
        await("frontend", "storefront.checkouts", p -> "PENDING".equals(p.attributes().get("outcome"))
                && p.value() >= before.get("PENDING") + 1);
        Map<String, Double> after = checkouts();
        for (String outcome : List.of("PAID", "DECLINED", "PENDING")) {
            assertThat(after.get(outcome) - before.get(outcome))
                    .as("new %s checkouts (the replay is not one)", outcome).isEqualTo(1.0);
        }
        assertThat(receiver.metric("frontend", "storefront.checkouts")).allSatisfy(checkouts -> {
            assertThat(checkouts.type()).isEqualTo("SUM");
            assertThat(checkouts.unit()).isEqualTo("{checkout}");
        });

        assertServerDuration("frontend", "POST", "/api/checkout", 5);
        assertServerDuration("orders", "POST", "/orders", 5);
        OtlpReceiver.MetricPoint clientDuration = await("orders", "http.client.request.duration",
                p -> "PUT".equals(p.attributes().get("http.request.method")));
        assertThat(clientDuration.unit()).isEqualTo("s");

        for (String gauge : List.of("hikaricp.connections.active", "hikaricp.connections.idle",
                "hikaricp.connections.pending", "hikaricp.connections.max")) {
            OtlpReceiver.MetricPoint pool = await("orders", gauge, p -> true);
            assertThat(pool.type()).as(gauge).isEqualTo("GAUGE");
        }
        assertThat(await("orders", "hikaricp.connections.max", p -> true).value())
                .as("DB_POOL_SIZE default").isEqualTo(5.0);
        // The settlement backlog: gauges of orders' reconciler, refreshed every run (5 s).
        OtlpReceiver.MetricPoint pending = await("orders", "orders.pending", p -> true);
        assertThat(pending.type()).isEqualTo("GAUGE");
        assertThat(pending.value()).as("PENDING orders waiting for settlement").isGreaterThanOrEqualTo(0);
        assertThat(await("orders", "orders.pending.oldest.age", p -> true).unit()).isEqualTo("s");
        // A counter is exported once something is counted: no series, or 0, means no timeout.
        assertThat(receiver.metric("orders", "hikaricp.connections.timeout"))
                .as("no request waited HikariCP's 1 s connection timeout out").allSatisfy(p -> assertThat(p.value()).isZero());

        for (String service : List.of("frontend", "orders")) {
            assertThat(await(service, "jvm.memory.used", p -> "heap".equals(p.attributes().get("area"))).value())
                    .as("%s heap bytes", service).isPositive();
            await(service, "jvm.threads.live", p -> p.value() > 0);
        }
        assertThat(receiver.metric("frontend", "http.server.requests"))
                .as("Micrometer's own HTTP timers are off: OpenTelemetry's histograms measure the same requests")
                .isEmpty();
    }

    /** The checkout totals by outcome, as last exported; every outcome is exported from the start at 0. */
    private Map<String, Double> checkouts() {
        Map<String, Double> totals = new java.util.HashMap<>();
        for (String outcome : List.of("PAID", "DECLINED", "PENDING")) {
            totals.put(outcome, await("frontend", "storefront.checkouts",
                    p -> outcome.equals(p.attributes().get("outcome"))).value());
        }
        return totals;
    }

    private void assertServerDuration(String service, String method, String route, int atLeast) {
        OtlpReceiver.MetricPoint duration = await(service, "http.server.request.duration",
                p -> route.equals(p.attributes().get("http.route")) && method.equals(p.attributes().get("http.request.method"))
                        && p.count() >= 1);
        assertThat(duration.unit()).isEqualTo("s");
        assertThat(duration.type()).isEqualTo("HISTOGRAM");
        assertThat(duration.attributes()).containsKey("http.response.status_code");
        awaitTotal(service, "http.server.request.duration", p -> route.equals(p.attributes().get("http.route")), atLeast);
    }

    /** The sum of the counts of the metric's matching histogram series, as last exported. */
    private long total(String service, String name, Predicate<OtlpReceiver.MetricPoint> test) {
        return receiver.metric(service, name).stream().filter(test).mapToLong(OtlpReceiver.MetricPoint::count).sum();
    }

    /** Polls every 100 ms until {@link #total} reaches the expected count, or fails at the deadline. */
    private void awaitTotal(String service, String name, Predicate<OtlpReceiver.MetricPoint> test, long atLeast) {
        Awaitility.await().atMost(EXPORT_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(total(service, name, test))
                        .as("%s from %s; received: %s", name, service, receiver.metric(service, name))
                        .isGreaterThanOrEqualTo(atLeast));
    }

    /** The first point of the metric that satisfies the test, polled every 100 ms until the deadline. */
    private OtlpReceiver.MetricPoint await(String service, String name, Predicate<OtlpReceiver.MetricPoint> test) {
        return Awaitility.await("a matching " + name + " from " + service).atMost(EXPORT_TIMEOUT)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(() -> receiver.metric(service, name).stream().filter(test).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static void assertStatus(HttpResponse<String> answer, int status, String orderStatus) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(StorefrontClient.order(answer).status()).isEqualTo(orderStatus);
    }
}
