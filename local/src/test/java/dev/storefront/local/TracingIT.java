package dev.storefront.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three real service jars export their spans over OTLP/HTTP to an in-process receiver, as
 * they would to the ADOT collector sidecar on ECS; one checkout must be one trace across them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracingIT {

    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(15);

    private final OtlpReceiver receiver = new OtlpReceiver();
    private EmbeddedStorefront stack;

    @BeforeAll
    void startStack() {
        Path home = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();
        stack = EmbeddedStorefront.start(new EmbeddedStorefront.Settings(home, 0, 0, 0, Map.of(),
                Duration.ofSeconds(120),
                Map.of("OTEL_TRACES_EXPORTER", "otlp",
                        "OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint(),
                        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                        // export within 100 ms instead of the default 5 s, to keep the test short
                        "OTEL_BSP_SCHEDULE_DELAY", "100"),
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
    void oneCheckoutIsOneTraceThroughFrontendOrdersAndPaymentsWithItsDatabaseCalls() throws Exception {
        HttpResponse<String> checkout = new StorefrontClient(stack.service("frontend").url())
                .checkout(StorefrontClient.checkoutJson("trace@example.com", "SKU-4", 1), null);
        assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(201);
        String orderId = StorefrontClient.order(checkout).orderId();

        String traceId = awaitTraceIdOf(orderId);
        List<OtlpReceiver.Span> trace = receiver.awaitTrace(traceId, spans -> find(spans,
                s -> s.service().equals("payments") && s.kind().equals("SERVER")).isPresent()
                && find(spans, s -> s.attributes().containsKey("db.system") && s.service().equals("payments")).isPresent()
                && find(spans, s -> s.service().equals("frontend") && s.kind().equals("SERVER")).isPresent(),
                EXPORT_TIMEOUT);

        OtlpReceiver.Span frontendServer = one(trace, "frontend", "SERVER", "POST /api/checkout");
        OtlpReceiver.Span ordersServer = one(trace, "orders", "SERVER", "POST /orders");
        OtlpReceiver.Span paymentsServer = one(trace, "payments", "SERVER", "PUT /payments/{orderId}");
        OtlpReceiver.Span frontendClient = spanById(trace, ordersServer.parentSpanId());
        OtlpReceiver.Span ordersClient = spanById(trace, paymentsServer.parentSpanId());

        assertThat(frontendClient.service()).isEqualTo("frontend");
        assertThat(frontendClient.kind()).isEqualTo("CLIENT");
        assertThat(ancestors(trace, frontendClient)).contains(frontendServer);
        assertThat(ordersClient.service()).isEqualTo("orders");
        assertThat(ordersClient.kind()).isEqualTo("CLIENT");
        assertThat(ancestors(trace, ordersClient)).contains(ordersServer);
        assertThat(trace.stream().map(OtlpReceiver.Span::service).distinct())
                .containsExactlyInAnyOrder("frontend", "orders", "payments");

        List<OtlpReceiver.Span> statements = trace.stream()
                .filter(s -> "postgresql".equals(s.attributes().get("db.system"))).toList();
        assertThat(statements).as("JDBC spans").isNotEmpty()
                .allSatisfy(s -> assertThat(ancestors(trace, s)).contains(ordersServer));
        assertThat(statements).anyMatch(s -> s.name().startsWith("INSERT"));
        OtlpReceiver.Span putItem = trace.stream()
                .filter(s -> s.service().equals("payments") && "PutItem".equals(s.attributes().get("rpc.method")))
                .findFirst().orElseThrow(() -> new AssertionError("no DynamoDB PutItem span in " + trace));
        assertThat(ancestors(trace, putItem)).contains(paymentsServer);

        assertThat(frontendServer.attributes()).containsEntry("order.id", orderId).containsEntry("order.status", "PAID");
        assertThat(ordersServer.attributes()).containsEntry("order.id", orderId);
        assertThat(paymentsServer.attributes()).containsEntry("order.id", orderId)
                .containsEntry("payment.status", "AUTHORIZED");
    }

    @Test
    void anIncomingTraceparentIsContinuedNotReplaced() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpanId = "00f067aa0ba902b7";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.service("frontend").url() + "/api/products"))
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);

        // Each service exports its own batch: wait for both server spans, not the first to arrive.
        List<OtlpReceiver.Span> trace = receiver.awaitTrace(traceId,
                spans -> find(spans, s -> s.service().equals("orders") && s.kind().equals("SERVER")).isPresent()
                        && find(spans, s -> s.service().equals("frontend") && s.kind().equals("SERVER")).isPresent(),
                EXPORT_TIMEOUT);

        OtlpReceiver.Span frontendServer = one(trace, "frontend", "SERVER", "GET /api/products");
        assertThat(frontendServer.parentSpanId()).isEqualTo(callerSpanId);
        assertThat(one(trace, "orders", "SERVER", "GET /products")).isNotNull();
    }

    private String awaitTraceIdOf(String orderId) {
        List<String> traceIds = await("a span with order.id " + orderId).atMost(EXPORT_TIMEOUT)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .until(() -> receiver.traceIdsWith("order.id", orderId), ids -> !ids.isEmpty());
        assertThat(traceIds).as("trace ids of order %s", orderId).hasSize(1);
        return traceIds.get(0);
    }

    private static Optional<OtlpReceiver.Span> find(List<OtlpReceiver.Span> spans, Predicate<OtlpReceiver.Span> test) {
        return spans.stream().filter(test).findFirst();
    }

    private static OtlpReceiver.Span one(List<OtlpReceiver.Span> trace, String service, String kind, String name) {
        List<OtlpReceiver.Span> matching = trace.stream()
                .filter(s -> s.service().equals(service) && s.kind().equals(kind) && s.name().equals(name)).toList();
        assertThat(matching).as("%s %s span '%s' in %s", service, kind, name, trace).hasSize(1);
        return matching.get(0);
    }

    private static OtlpReceiver.Span spanById(List<OtlpReceiver.Span> trace, String spanId) {
        return find(trace, s -> s.spanId().equals(spanId))
                .orElseThrow(() -> new AssertionError("no span " + spanId + " in " + trace));
    }

    /** The span's parent, grandparent... within the trace. */
    private static List<OtlpReceiver.Span> ancestors(List<OtlpReceiver.Span> trace, OtlpReceiver.Span span) {
        List<OtlpReceiver.Span> chain = new java.util.ArrayList<>();
        Optional<OtlpReceiver.Span> parent = find(trace, s -> s.spanId().equals(span.parentSpanId()));
        while (parent.isPresent() && chain.size() < 50) {
            chain.add(parent.get());
            OtlpReceiver.Span current = parent.get();
            parent = find(trace, s -> s.spanId().equals(current.parentSpanId()));
        }
        return chain;
    }
}
