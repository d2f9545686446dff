package dev.storefront.local;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code java -jar local/target/storefront-local.jar} as a newcomer runs it, from the outside. */
class LauncherIT {

    private static final Pattern POSTGRES_PORT = Pattern.compile("jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/");

    private static final Pattern DYNAMODB_PORT = Pattern.compile("DynamoDB Local +http://127\\.0\\.0\\.1:(\\d+)");

    private static final String READY = "Storefront is ready";

    /**
     * How long the launcher may take to be ready: about 10 s on a quiet machine, several times that on a
     * loaded 2-core CI machine.
     */
    private static final Duration STARTUP = Duration.ofSeconds(240);

    private static final Path HOME = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();

    /** A running launcher with its output collected. */
    private record Launcher(Process process, List<String> output) {

        boolean printed(String text) {
            return output.stream().anyMatch(line -> line.contains(text));
        }

        /** Whether the text is printed within the timeout (polled every 100 ms); the caller asserts it. */
        boolean awaitOutput(String text, Duration timeout) {
            try {
                await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                        .until(() -> printed(text));
            } catch (ConditionTimeoutException notPrinted) {
                // false: the caller's assertion shows the output
            }
            return printed(text);
        }
    }

    private static Launcher launch(Path home, int frontendPort, int ordersPort, int paymentsPort) throws IOException {
        return launch(home, frontendPort, ordersPort, paymentsPort, Files.createTempDirectory("storefront-logs"));
    }

    private static Launcher launch(Path home, int frontendPort, int ordersPort, int paymentsPort, Path logs)
            throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar",
                HOME.resolve("local/target/storefront-local.jar").toString(), "--home", home.toString(),
                "--frontend-port", Integer.toString(frontendPort), "--orders-port", Integer.toString(ordersPort),
                "--payments-port", Integer.toString(paymentsPort), "--log-dir", logs.toString())
                .redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the launcher exited
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Launcher(process, output);
    }


    private static boolean portIsFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * One checkout as a client does it: a 503 (the first requests through three cold JVMs can
     * outlast the 6 s budget on a loaded machine), or a 409 while the first attempt is still in
     * flight, is retried with the same Idempotency-Key, as the problem's detail says, for at most
     * 60 s. The key makes the retries one order: 201, or 200 for the replay of one that was created.
     */
    private static HttpResponse<String> checkout(int frontend, String email) {
        StorefrontClient client = new StorefrontClient("http://127.0.0.1:" + frontend);
        String key = java.util.UUID.randomUUID().toString();
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        answer.set(client.checkout(StorefrontClient.checkoutJson(email, "SKU-1", 1), key));
                        return answer.get().statusCode() != 503 && answer.get().statusCode() != 409;
                    });
        } catch (ConditionTimeoutException stillBusy) {
            // the caller's assertion shows the last answer
        }
        return answer.get();
    }

    /** The child JVM running that service's jar. */
    private static ProcessHandle child(Launcher launcher, String service) {
        return launcher.process().toHandle().children()
                .filter(child -> child.info().commandLine().orElse("").contains(service + ".jar"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + service + " child"));
    }

    /**
     * Whether the TCP port is listened on, and only at loopback addresses, from the kernel's socket
     * tables (no traffic to any other address). A JVM's 127.0.0.1 socket shows in /proc/net/tcp6 as
     * the IPv4-mapped ::ffff:127.0.0.1; one on every interface as :: (or 0.0.0.0).
     */
    private static boolean listensOnLoopbackOnly(int port) throws IOException {
        String hexPort = String.format(":%04X", port);
        Set<String> loopback = Set.of("0100007F", "0000000000000000FFFF00000100007F",
                "00000000000000000000000001000000");
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Files.readAllLines(Path.of(table)).stream().skip(1)
                    .map(String::trim).map(line -> line.split("\\s+"))
                    .filter(f -> f[1].endsWith(hexPort) && f[3].equals("0A"))
                    .map(f -> f[1].substring(0, f[1].length() - hexPort.length()))
                    .forEach(listening::add);
        }
        return !listening.isEmpty() && loopback.containsAll(listening);
    }

    @Test
    void startsTheStorefrontAndOnSigtermStopsCallersBeforeCalleesThenTheDatabasesAndExits0() throws Exception {
        int frontend = ServiceProcess.freePort();
        int orders = ServiceProcess.freePort();
        int payments = ServiceProcess.freePort();
        Path logs = Files.createTempDirectory("storefront-logs");
        Launcher launcher = launch(HOME, frontend, orders, payments, logs);
        try {
            assertThat(launcher.awaitOutput(READY, STARTUP))
                    .as("launcher output:%n%s", String.join("\n", launcher.output())).isTrue();
            assertThat(launcher.printed("curl -s -X POST http://localhost:" + frontend + "/api/checkout")).isTrue();

            // The first screen: one progress line per component, then the banner; no database or service logs.
            List<String> firstScreen = launcher.output().subList(0, launcher.output().indexOf(
                    launcher.output().stream().filter(line -> line.contains(READY)).findFirst().orElseThrow()));
            assertThat(firstScreen.stream().filter(line -> !line.isBlank()).toList())
                    .as("first screen").hasSize(5)
                    .allMatch(line -> line.startsWith("storefront-local: ") && line.contains(" ready "));
            assertThat(launcher.printed("logs             " + logs)).isTrue();
            assertThat(Files.readString(logs.resolve("orders.log"))).contains("Startup completed");
            assertThat(Files.readString(logs.resolve("databases.log"))).containsIgnoringCase("postgres");

            int dynamoDb = launcher.output().stream().map(DYNAMODB_PORT::matcher).filter(Matcher::find)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst().orElseThrow();
            assertThat(listensOnLoopbackOnly(dynamoDb)).as("DynamoDB Local on 127.0.0.1 only").isTrue();

            HttpResponse<String> checkout = checkout(frontend, "launcher@example.com");
            assertThat(checkout.statusCode()).as(checkout.body()).isIn(200, 201);

            List<ProcessHandle> children = launcher.process().toHandle().descendants().toList();
            assertThat(children).as("the 3 service JVMs").hasSizeGreaterThanOrEqualTo(3);
            Map<String, CompletableFuture<Instant>> exits = new java.util.LinkedHashMap<>();
            for (String service : List.of("frontend", "orders", "payments")) {
                exits.put(service, child(launcher, service).onExit().thenApply(exited -> Instant.now()));
            }
            // PostgreSQL is started through pg_ctl, which daemonizes: follow it by its port.
            int postgres = launcher.output().stream()
                    .map(POSTGRES_PORT::matcher).filter(Matcher::find)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst().orElseThrow();
            assertThat(portIsFree(postgres)).isFalse();

            // SIGTERM; Process.destroy() would also close the pipe this test reads the output from.
            launcher.process().toHandle().destroy();
            assertThat(launcher.process().waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(launcher.process().exitValue()).isZero();
            assertThat(launcher.awaitOutput("storefront-local: stopped", Duration.ofSeconds(5)))
                    .as("launcher output ends:%n%s", String.join("\n", launcher.output().subList(
                            Math.max(0, launcher.output().size() - 15), launcher.output().size()))).isTrue();
            assertThat(children).noneMatch(ProcessHandle::isAlive);
            assertThat(List.of(frontend, orders, payments, postgres, dynamoDb)).allMatch(LauncherIT::portIsFree);
            // Callers before callees, each drained (exit 0), then the databases.
            assertThat(exits.get("frontend").get()).isBeforeOrEqualTo(exits.get("orders").get());
            assertThat(exits.get("orders").get()).isBeforeOrEqualTo(exits.get("payments").get());
            List<String> stopLines = launcher.output().stream()
                    .filter(line -> line.matches("storefront-local: \\w+ stopped \\(exit .*")).toList();
            assertThat(stopLines).hasSize(3);
            assertThat(stopLines.get(0)).startsWith("storefront-local: frontend stopped (exit 0,");
            assertThat(stopLines.get(1)).startsWith("storefront-local: orders stopped (exit 0,");
            assertThat(stopLines.get(2)).startsWith("storefront-local: payments stopped (exit 0,");
        } finally {
            launcher.process().toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.process().destroyForcibly();
        }
    }

    @Test
    void aKilledServiceIsReportedAtOnceWithItsExitCodeAndRestarted() throws Exception {
        int frontend = ServiceProcess.freePort();
        Launcher launcher = launch(HOME, frontend, ServiceProcess.freePort(), ServiceProcess.freePort());
        try {
            assertThat(launcher.awaitOutput(READY, STARTUP))
                    .as("launcher output:%n%s", String.join("\n", launcher.output())).isTrue();
            ProcessHandle orders = child(launcher, "orders");

            long killed = System.nanoTime();
            orders.destroyForcibly();
            assertThat(launcher.awaitOutput("orders exited with code 137", Duration.ofSeconds(5)))
                    .as("launcher output:%n%s", String.join("\n", launcher.output())).isTrue();
            LoggerFactory.getLogger(LauncherIT.class).info("kill -9 of orders reported after {} ms",
                    Duration.ofNanos(System.nanoTime() - killed).toMillis());
            assertThat(launcher.awaitOutput("orders is ready again", STARTUP))
                    .as("launcher output:%n%s", String.join("\n", launcher.output())).isTrue();
            assertThat(child(launcher, "orders").pid()).isNotEqualTo(orders.pid());

            HttpResponse<String> checkout = checkout(frontend, "restarted@example.com");
            assertThat(checkout.statusCode()).as(checkout.body()).isIn(200, 201);

            launcher.process().toHandle().destroy();
            assertThat(launcher.process().waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(launcher.process().exitValue()).isZero();
        } finally {
            launcher.process().toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.process().destroyForcibly();
        }
    }

    @Test
    void aTakenPortIsNamedAndTheLauncherExits1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Launcher launcher = launch(HOME, ServiceProcess.freePort(), taken.getLocalPort(), ServiceProcess.freePort());

            assertThat(launcher.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(launcher.process().exitValue()).isEqualTo(1);
            assertThat(launcher.printed("port " + taken.getLocalPort() + " for orders is already in use")).isTrue();
            assertThat(launcher.process().toHandle().descendants().toList()).isEmpty();
        }
    }

    @Test
    void aServiceThatDiesAtStartIsNamedAndTheLauncherExits1LeavingNothingBehind() throws Exception {
        Path home = Files.createTempDirectory("storefront-broken-home");
        for (String service : List.of("frontend", "payments")) {
            Files.createDirectories(home.resolve(service));
            Files.createSymbolicLink(home.resolve(service).resolve("target"), HOME.resolve(service).resolve("target"));
        }
        Files.createDirectories(home.resolve("orders/target"));
        Files.writeString(home.resolve("orders/target/orders.jar"), "not a jar");
        int frontend = ServiceProcess.freePort();
        int orders = ServiceProcess.freePort();
        int payments = ServiceProcess.freePort();

        Launcher launcher = launch(home, frontend, orders, payments);

        assertThat(launcher.process().waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.process().exitValue()).isEqualTo(1);
        assertThat(launcher.printed("orders exited with code 1 during startup"))
                .as("launcher output:%n%s", String.join("\n", launcher.output())).isTrue();
        List<Integer> ports = List.of(frontend, orders, payments);
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(ports).as("the services started before orders died are stopped")
                        .allMatch(LauncherIT::portIsFree));
    }
}
