package dev.storefront.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.storefront.common.testing.HttpStandIn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The drain sequence of docs/drain.md on each real service jar. The service's dependency is an
 * HTTP stand-in that answers slowly when the test wants a request in flight at SIGTERM: orders
 * (for frontend), payments (for orders), DynamoDB's JSON protocol (for payments).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrainIT {

    private static final Logger LOG = LoggerFactory.getLogger(DrainIT.class);

    private static final Path HOME = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private EmbeddedPostgres postgres;

    @BeforeAll
    void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    void stopPostgres() throws IOException {
        postgres.close();
    }

    /**
     * One service under test: how to start it against the stand-in, its slow request (in flight at
     * SIGTERM) and its fast one (served during the drain delay).
     */
    private record Target(String service, Map<String, String> environment, HttpRequest slow, HttpRequest fast,
                          Function<HttpStandIn.Request, HttpStandIn.Answer> dependency,
                          Predicate<HttpStandIn.Request> slowCall) {
    }

    private Target target(String service, String standInUrl, String baseUrl, Duration slowness) {
        Map<String, String> environment = new HashMap<>();
        String orderId = UUID.randomUUID().toString();
        return switch (service) {
            case "frontend" -> {
                environment.put("ORDERS_URL", standInUrl);
                yield new Target(service, environment,
                        get(baseUrl + "/api/products"),
                        get(baseUrl + "/api/orders/" + orderId),
                        request -> {
                            if (request.path().equals("/products")) {
                                pause(slowness);
                                return HttpStandIn.Answer.json(200, "[]");
                            }
                            return HttpStandIn.Answer.json(200, orderJson(orderId));
                        },
                        request -> request.path().equals("/products"));
            }
            case "orders" -> {
                environment.put("DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
                environment.put("DB_USERNAME", "postgres");
                environment.put("DB_PASSWORD", "postgres");
                environment.put("PAYMENTS_URL", standInUrl);
                yield new Target(service, environment,
                        post(baseUrl + "/orders", "{\"customerEmail\":\"drain@example.com\","
                                + "\"items\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}"),
                        get(baseUrl + "/products"),
                        request -> {
                            pause(slowness);
                            return HttpStandIn.Answer.json(201, "{\"paymentId\":\"" + UUID.randomUUID()
                                    + "\",\"status\":\"AUTHORIZED\"}");
                        },
                        request -> request.path().startsWith("/payments/"));
            }
            case "payments" -> {
                environment.put("DYNAMODB_ENDPOINT", standInUrl);
                environment.put("AWS_ACCESS_KEY_ID", "local");
                environment.put("AWS_SECRET_ACCESS_KEY", "local");
                // A stand-in slower than the SDK's 400 ms attempt timeout, for this test only.
                environment.put("DYNAMODB_API_CALL_TIMEOUT", "30s");
                environment.put("DYNAMODB_API_CALL_ATTEMPT_TIMEOUT", "30s");
                yield new Target(service, environment,
                        put(baseUrl + "/payments/" + UUID.randomUUID(), "{\"amountCents\":100,\"currency\":\"USD\"}"),
                        get(baseUrl + "/payments/" + orderId),
                        request -> {
                            String target = request.headers().getOrDefault("x-amz-target", "");
                            if (target.endsWith("PutItem")) {
                                pause(slowness);
                                return new HttpStandIn.Answer(200, "application/x-amz-json-1.0", "{}");
                            }
                            return new HttpStandIn.Answer(200, "application/x-amz-json-1.0", paymentItem(orderId));
                        },
                        // not the GetItem of the readiness probe: the PutItem of the slow request
                        request -> request.headers().getOrDefault("x-amz-target", "").endsWith("PutItem"));
            }
            default -> throw new IllegalArgumentException(service);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void sigtermDrainsWithoutFailingARequestAndExits0(String service) throws Exception {
        Duration drainDelay = Duration.ofSeconds(2);
        Duration gracePeriod = Duration.ofSeconds(10);
        try (HttpStandIn dependency = new HttpStandIn(); Output output = new Output()) {
            int port = ServiceProcess.freePort();
            String baseUrl = "http://127.0.0.1:" + port;
            Target target = target(service, dependency.url(), baseUrl, Duration.ofMillis(3_500));
            dependency.respond(target.dependency());
            ServiceProcess process = start(target, port, drainDelay, gracePeriod, output);

            CompletableFuture<HttpResponse<String>> inFlight = HTTP.sendAsync(target.slow(), body());
            assertThat(dependency.awaitRequest(target.slowCall(), Duration.ofSeconds(10)))
                    .as("slow request reached the dependency").isTrue();

            long signal = System.nanoTime();
            CompletableFuture<Optional<Integer>> exit = CompletableFuture.supplyAsync(
                    () -> process.stop(Duration.ofSeconds(60)));
            long readiness503 = awaitStatus(baseUrl + "/health/readiness", 503, Duration.ofSeconds(1)) - signal;
            assertThat(status(baseUrl + "/health/liveness")).as("liveness while draining").isEqualTo(200);

            HttpResponse<String> duringDelay = HTTP.send(target.fast(), body());
            assertThat(duringDelay.statusCode()).as(duringDelay.body()).isBetween(200, 299);
            assertThat(duringDelay.headers().firstValue("connection")).hasValue("close");

            long refused = awaitRefused(port, drainDelay.plusSeconds(2)) - signal;
            assertThat(Duration.ofNanos(refused)).as("listener open for the drain delay")
                    .isGreaterThanOrEqualTo(drainDelay.minusMillis(100));

            HttpResponse<String> slow = inFlight.get(20, TimeUnit.SECONDS);
            assertThat(slow.statusCode()).as("in-flight request: %s", slow.body()).isBetween(200, 299);

            Optional<Integer> exitCode = exit.get(30, TimeUnit.SECONDS);
            long exited = System.nanoTime() - signal;
            assertThat(exitCode).as("exit code; log:%n%s", output).hasValue(0);
            assertThat(Duration.ofNanos(exited)).isLessThan(drainDelay.plus(gracePeriod).plusSeconds(2));
            assertThat(output.toString()).contains("drain 4/4").contains("exiting 0");
            if (service.equals("orders")) {
                assertThat(output.toString().indexOf("reconciler: stopped claiming"))
                        .as("the reconciler stops claiming before the pool closes").isPositive()
                        .isLessThan(output.toString().indexOf("drain 4/4"));
            }
            LOG.info("{} drain timeline: readiness 503 at {} ms, listener closed by {} ms, "
                            + "in-flight request answered, exit 0 at {} ms (DRAIN_DELAY {} ms)", service,
                    TimeUnit.NANOSECONDS.toMillis(readiness503), TimeUnit.NANOSECONDS.toMillis(refused),
                    TimeUnit.NANOSECONDS.toMillis(exited), drainDelay.toMillis());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void aRequestOutlivingTheGracePeriodIsCutNamedAndTheExitCodeSaysSo(String service) throws Exception {
        Duration gracePeriod = Duration.ofSeconds(1);
        try (HttpStandIn dependency = new HttpStandIn(); Output output = new Output()) {
            int port = ServiceProcess.freePort();
            Target target = target(service, dependency.url(), "http://127.0.0.1:" + port, Duration.ofSeconds(8));
            dependency.respond(target.dependency());
            ServiceProcess process = start(target, port, Duration.ZERO, gracePeriod, output);
            HTTP.sendAsync(target.slow(), body());
            assertThat(dependency.awaitRequest(target.slowCall(), Duration.ofSeconds(10))).isTrue();

            Optional<Integer> exitCode = process.stop(Duration.ofSeconds(30));

            assertThat(exitCode).as("log:%n%s", output).hasValue(3);
            String path = target.slow().uri().getPath();
            assertThat(output.toString()).contains("cutting 1 requests: " + target.slow().method() + " " + path);
        }
    }

    private ServiceProcess start(Target target, int port, Duration drainDelay, Duration gracePeriod, Output output) {
        Map<String, String> environment = new HashMap<>(target.environment());
        environment.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
        environment.put("DRAIN_DELAY", drainDelay.toMillis() + "ms");
        environment.put("SHUTDOWN_GRACE_PERIOD", gracePeriod.toMillis() + "ms");
        Path jar = HOME.resolve(target.service()).resolve("target").resolve(target.service() + ".jar");
        ServiceProcess process = ServiceProcess.start(target.service(), jar, port, environment, output.stream());
        process.awaitReady(Duration.ofSeconds(60));
        return process;
    }

    /** The service's log, kept for assertions and echoed to the test output. */
    private static final class Output implements AutoCloseable {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final PrintStream stream = new PrintStream(new java.io.OutputStream() {
            @Override
            public synchronized void write(int b) {
                bytes.write(b);
                System.out.write(b);
            }
        }, true, StandardCharsets.UTF_8);

        PrintStream stream() {
            return stream;
        }

        @Override
        public synchronized String toString() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            stream.flush();
        }
    }

    /** Polls every 20 ms until the URL answers {@code expected}; returns {@link System#nanoTime()} then. */
    private static long awaitStatus(String url, int expected, Duration timeout) {
        await(url + " answering " + expected).atMost(timeout).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).until(() -> status(url) == expected);
        return System.nanoTime();
    }

    /** Polls every 20 ms until a connection to the port is refused; returns {@link System#nanoTime()} then. */
    private static long awaitRefused(int port, Duration timeout) {
        await("port " + port + " refusing connections").atMost(timeout).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                        return false;
                    } catch (ConnectException refused) {
                        return true;
                    }
                });
        return System.nanoTime();
    }

    private static int status(String url) throws Exception {
        return HTTP.send(get(url), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpResponse.BodyHandler<String> body() {
        return HttpResponse.BodyHandlers.ofString();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build();
    }

    private static HttpRequest post(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpRequest put(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build();
    }


    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String orderJson(String orderId) {
        return "{\"orderId\":\"" + orderId + "\",\"status\":\"PAID\",\"customerEmail\":\"a@example.com\","
                + "\"items\":[{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPriceCents\":4500}],\"totalCents\":4500,"
                + "\"currency\":\"USD\",\"paymentId\":\"p-1\",\"createdAt\":\"2026-01-02T03:04:05.678Z\"}";
    }

    private static String paymentItem(String orderId) {
        return "{\"Item\":{\"orderId\":{\"S\":\"" + orderId + "\"},\"paymentId\":{\"S\":\"" + UUID.randomUUID()
                + "\"},\"amountCents\":{\"N\":\"100\"},\"currency\":{\"S\":\"USD\"},\"status\":{\"S\":\"AUTHORIZED\"},"
                + "\"createdAt\":{\"S\":\"2026-01-02T03:04:05.678Z\"}}}";
    }
}
