package dev.storefront.perf;

import dev.storefront.local.ServiceProcess;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static org.awaitility.Awaitility.await;

/**
 * A realistic mix against the public API, in an open model (arrivals per second, whatever the
 * answers' speed): shoppers browse the catalog, check out with an Idempotency-Key, read their order,
 * and one in ten retries the checkout with the same key (which must answer 200 with the same
 * order); browsers load the storefront page and the catalog.
 *
 * <p>System properties (defaults are the smoke run of {@code ./mvnw verify}):
 * <ul>
 *   <li>{@code perf.baseUrl}: the frontend to load; unset: the one-command launcher starts the
 *       storefront on free ports before the run and stops it after</li>
 *   <li>{@code perf.checkoutsPerSec} (5) and {@code perf.browsesPerSec} (10): arrival rates</li>
 *   <li>{@code perf.durationSec} (20): how long arrivals go on</li>
 *   <li>{@code perf.p99Ms} (2000): the bound on the 99th percentile response time, all requests</li>
 * </ul>
 * Assertions: no failed request, p99 under the bound. Only 127.0.0.1 or the given URL is called.
 */
public class StorefrontSimulation extends Simulation {

    private static final Logger LOG = LoggerFactory.getLogger(StorefrontSimulation.class);

    /** How long the launcher may take to have the storefront ready, and then to stop it. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);

    private static final String BASE_URL = System.getProperty("perf.baseUrl", "");
    private static final double CHECKOUTS_PER_SEC = Double.parseDouble(System.getProperty("perf.checkoutsPerSec", "5"));
    private static final double BROWSES_PER_SEC = Double.parseDouble(System.getProperty("perf.browsesPerSec", "10"));
    private static final Duration DURATION = Duration.ofSeconds(Long.getLong("perf.durationSec", 20));
    private static final int P99_MS = Integer.getInteger("perf.p99Ms", 2000);

    /** One line of the product the shopper browsed to; some are declined (201 DECLINED), as in life. */
    private static final String CHECKOUT_BODY =
            "{\"customerEmail\":\"gatling@example.com\",\"items\":[{\"sku\":\"#{sku}\",\"quantity\":#{quantity}}]}";

    private final int frontendPort = BASE_URL.isEmpty() ? ServiceProcess.freePort() : 0;
    private final String baseUrl = BASE_URL.isEmpty() ? "http://127.0.0.1:" + frontendPort : BASE_URL;
    private Process launcher;

    private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .userAgentHeader("storefront-gatling");

    private final ChainBuilder browseCatalog = exec(http("products").get("/api/products")
            .check(status().is(200), jsonPath("$[*].sku").findRandom().saveAs("sku")));

    private final ChainBuilder checkout = exec(session -> session
            .set("idempotencyKey", UUID.randomUUID().toString())
            .set("quantity", ThreadLocalRandom.current().nextInt(1, 4)))
            .exec(http("checkout").post("/api/checkout")
                    .header("Idempotency-Key", "#{idempotencyKey}")
                    .body(StringBody(CHECKOUT_BODY))
                    // 201 PAID or DECLINED, or 202 PENDING (stored, payment not yet confirmed): both are answers.
                    .check(status().in(201, 202), header("Idempotency-Key").isEL("#{idempotencyKey}"),
                            jsonPath("$.orderId").saveAs("orderId")));

    private final ChainBuilder readOrder = exec(http("order").get("/api/orders/#{orderId}")
            .check(status().is(200), jsonPath("$.orderId").isEL("#{orderId}")));

    private final ChainBuilder retryCheckout = exec(http("checkout retry").post("/api/checkout")
            .header("Idempotency-Key", "#{idempotencyKey}")
            .body(StringBody(CHECKOUT_BODY))
            .check(status().is(200), jsonPath("$.orderId").isEL("#{orderId}")));

    private final ScenarioBuilder shoppers = scenario("shoppers")
            .exec(browseCatalog)
            .pause(Duration.ofMillis(200), Duration.ofMillis(800))
            .exec(checkout)
            .pause(Duration.ofMillis(100), Duration.ofMillis(500))
            .exec(readOrder)
            .exec(randomSwitch().on(percent(10.0).then(retryCheckout)));

    private final ScenarioBuilder browsers = scenario("browsers")
            .exec(http("storefront page").get("/").header("Accept", "text/html").check(status().is(200)))
            .exec(browseCatalog);

    {
        setUp(
                shoppers.injectOpen(constantUsersPerSec(CHECKOUTS_PER_SEC).during(DURATION)),
                browsers.injectOpen(constantUsersPerSec(BROWSES_PER_SEC).during(DURATION)))
                .protocols(protocol)
                // A run never outlives its arrivals by more than a minute, whatever the stack does.
                .maxDuration(DURATION.plusSeconds(60))
                .assertions(
                        global().failedRequests().count().is(0L),
                        global().responseTime().percentile(99.0).lt(P99_MS));
    }

    @Override
    public void before() {
        if (!BASE_URL.isEmpty()) {
            return;
        }
        Path home = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("perf.logDir", "target/gatling-stack")).toAbsolutePath();
        LOG.info("Starting the storefront with its launcher (logs: {})", logs);
        launcher = startLauncher(home, logs);
        try {
            await("frontend ready").atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(250))
                    .until(() -> !launcher.isAlive() || ready());
        } catch (ConditionTimeoutException e) {
            after();
            throw new IllegalStateException("the launcher was not ready within " + STARTUP_TIMEOUT + "; see " + logs, e);
        }
        if (!launcher.isAlive()) {
            throw new IllegalStateException("the launcher exited with " + launcher.exitValue() + "; see " + logs);
        }
        warmUp();
        LOG.info("Storefront ready: {}", baseUrl);
    }

    /**
     * The one-command launcher (local/target/storefront-local.jar) in a process of its own, as a
     * user runs it, on free ports, spans not exported and no drain delay (stopping it is not what is
     * measured). Not in this JVM: its embedded PostgreSQL would find its binaries twice on Gatling's
     * class path (the launcher jar's own lib/ and the Maven repository's copy).
     */
    private Process startLauncher(Path home, Path logs) {
        Path jar = home.resolve("local/target/storefront-local.jar");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--home", home.toString(), "--frontend-port", Integer.toString(frontendPort),
                "--orders-port", Integer.toString(ServiceProcess.freePort()), "--payments-port", Integer.toString(ServiceProcess.freePort()),
                "--log-dir", logs.toString(), "--no-restart")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("launcher.log").toFile()));
        builder.environment().put("OTEL_TRACES_EXPORTER", "none");
        builder.environment().put("DRAIN_DELAY", "0s");
        try {
            Files.createDirectories(logs);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    private boolean ready() throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Three checkouts in a row answered within their budget before the run, at most 20 tries in 90 s:
     * a new task behind an ALB gets its first requests slowly too (slow start), and the first calls of
     * cold JVMs (class loading, the SDK's first signing) can outlast the timeout ladder.
     */
    private void warmUp() {
        HttpClient client = HttpClient.newHttpClient();
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger inARow = new AtomicInteger();
        try {
            await("three checkouts in a row answered").atMost(Duration.ofSeconds(90))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        attempts.incrementAndGet();
                        inARow.set(warmUpCheckoutAnswered(client) ? inARow.get() + 1 : 0);
                        return inARow.get() >= 3 || attempts.get() >= 20;
                    });
        } catch (ConditionTimeoutException stillCold) {
            // The run itself says whether the stack keeps up: its assertions are the verdict, not the warm-up.
        }
        LOG.info("Warm-up done: {} checkouts in a row answered, {} tries", inARow.get(), attempts.get());
    }

    private boolean warmUpCheckoutAnswered(HttpClient client) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/checkout"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(
                        CHECKOUT_BODY.replace("#{sku}", "SKU-1").replace("#{quantity}", "1")))
                .build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 201 || status == 202;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void after() {
        if (launcher == null) {
            return;
        }
        // SIGTERM: the launcher drains the services, callers first, then stops the databases.
        launcher.destroy();
        try {
            if (!launcher.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            launcher.destroyForcibly();
        }
        LOG.info("Storefront stopped");
    }
}
