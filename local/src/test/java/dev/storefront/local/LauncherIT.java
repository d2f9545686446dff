package dev.storefront.local;

import org.junit.jupiter.api.Test;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar local/target/storefront-local.jar} as a newcomer runs it, from the outside. */
class LauncherIT {

    private static final Pattern POSTGRES_PORT = Pattern.compile("jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/");

    private static final Path HOME = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();

    /** A running launcher with its output collected. */
    private record Launcher(Process process, List<String> output) {

        boolean printed(String text) {
            return output.stream().anyMatch(line -> line.contains(text));
        }

        boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && !printed(text)) {
                Thread.sleep(100);
            }
            return printed(text);
        }
    }

    private static Launcher launch(Path home, int frontendPort, int ordersPort, int paymentsPort) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar",
                HOME.resolve("local/target/storefront-local.jar").toString(), "--home", home.toString(),
                "--frontend-port", Integer.toString(frontendPort), "--orders-port", Integer.toString(ordersPort),
                "--payments-port", Integer.toString(paymentsPort))
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean portIsFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void startsTheStorefrontAndOnSigtermStopsEveryProcessAndExits0() throws Exception {
        int frontend = freePort();
        int orders = freePort();
        int payments = freePort();
        Launcher launcher = launch(HOME, frontend, orders, payments);
        try {
            assertThat(launcher.awaitOutput("Storefront is ready", Duration.ofSeconds(120)))
                    .as("launcher output:%n%s", String.join("\n", launcher.output())).isTrue();
            assertThat(launcher.printed("curl -s -X POST http://localhost:" + frontend + "/api/checkout")).isTrue();
            assertThat(launcher.output()).anyMatch(line -> line.startsWith("[orders    ] "));

            HttpResponse<String> checkout = new StorefrontClient("http://127.0.0.1:" + frontend)
                    .checkout(StorefrontClient.checkoutJson("launcher@example.com", "SKU-1", 1), null);
            assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(201);

            List<ProcessHandle> children = launcher.process().toHandle().descendants().toList();
            assertThat(children).as("the 3 service JVMs").hasSizeGreaterThanOrEqualTo(3);
            // PostgreSQL is started through pg_ctl, which daemonizes: follow it by its port.
            int postgres = launcher.output().stream()
                    .map(POSTGRES_PORT::matcher).filter(Matcher::find)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst().orElseThrow();
            assertThat(portIsFree(postgres)).isFalse();

            // SIGTERM; Process.destroy() would also close the pipe this test reads the output from.
            launcher.process().toHandle().destroy();
            assertThat(launcher.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(launcher.process().exitValue()).isZero();
            assertThat(launcher.awaitOutput("storefront-local: stopped", Duration.ofSeconds(5)))
                    .as("launcher output ends:%n%s", String.join("\n", launcher.output().subList(
                            Math.max(0, launcher.output().size() - 15), launcher.output().size()))).isTrue();
            assertThat(children).noneMatch(ProcessHandle::isAlive);
            assertThat(List.of(frontend, orders, payments, postgres)).allMatch(LauncherIT::portIsFree);
        } finally {
            launcher.process().toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.process().destroyForcibly();
        }
    }

    @Test
    void aTakenPortIsNamedAndTheLauncherExits1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Launcher launcher = launch(HOME, freePort(), taken.getLocalPort(), freePort());

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
        int frontend = freePort();
        int orders = freePort();
        int payments = freePort();

        Launcher launcher = launch(home, frontend, orders, payments);

        assertThat(launcher.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.process().exitValue()).isEqualTo(1);
        assertThat(launcher.printed("orders exited with code 1 during startup"))
                .as("launcher output:%n%s", String.join("\n", launcher.output())).isTrue();
        List<Integer> ports = List.of(frontend, orders, payments);
        Instant deadline = Instant.now().plusSeconds(10);
        while (!ports.stream().allMatch(LauncherIT::portIsFree) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(ports).as("the services started before orders died are stopped").allMatch(LauncherIT::portIsFree);
    }
}
