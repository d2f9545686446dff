package dev.storefront.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fresh embedded stack in a child JVM ({@link StackHost}), for the benchmark and the Gatling
 * smoke run. {@link #close()} stops it; so does the end of this JVM, however it ends, because the
 * host stops when its standard input closes.
 */
public final class EmbeddedStack implements AutoCloseable {

    /** The services, as EmbeddedStorefront names them. */
    public static final List<String> SERVICES = List.of("frontend", "orders", "payments");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Process host;
    private final Map<String, String> facts;

    private EmbeddedStack(Process host, Map<String, String> facts) {
        this.host = host;
        this.facts = facts;
    }

    /**
     * Starts the stack and waits until every service is ready.
     *
     * @param classpath the classpath holding StackHost and EmbeddedStorefront, e.g. {@code perf/target/perf.jar}
     * @param home the project root, where {@code <service>/target/<service>.jar} are
     * @param frontendPort frontend's port; 0 picks a free one
     * @param serviceJvmOptions JVM options for the services, passed as JDK_JAVA_OPTIONS (which the
     *     host JVM reads too: EmbeddedStorefront has no other way in); empty for none
     * @param log where the host and the services write their log
     * @throws IllegalStateException if the stack does not start, with the host's reason
     */
    public static EmbeddedStack start(String classpath, Path home, int frontendPort, String serviceJvmOptions,
                                      Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath, StackHost.class.getName(),
                home.toAbsolutePath().normalize().toString(), Integer.toString(frontendPort))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Stopping the stack is not what is measured: no drain delay.
        builder.environment().put("DRAIN_DELAY", "0s");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        if (!serviceJvmOptions.isBlank()) {
            builder.environment().put("JDK_JAVA_OPTIONS", serviceJvmOptions);
        }
        Process host;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            host = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + String.join(" ", builder.command()), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(host), "stop-embedded-stack"));
        CompletableFuture<Map<String, String>> ready = CompletableFuture.supplyAsync(() -> readFacts(host));
        try {
            return new EmbeddedStack(host, ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            stop(host);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("the embedded stack did not start: " + cause.getMessage()
                    + " (its log: " + log + ")", cause);
        }
    }

    private static Map<String, String> readFacts(Process host) {
        Map<String, String> facts = new LinkedHashMap<>();
        try {
            BufferedReader lines = new BufferedReader(
                    new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals(StackHost.READY)) {
                    return facts;
                }
                if (line.startsWith(StackHost.FAILED)) {
                    throw new IllegalStateException(line.substring(StackHost.FAILED.length()));
                }
                int equals = line.indexOf('=');
                if (equals > 0) {
                    facts.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the stack host exited with code " + host.exitValue());
    }

    /** Base URL of a service, {@code http://127.0.0.1:port}. */
    public String url(String service) {
        return fact(service + ".url");
    }

    /** Process id of a service's JVM. */
    public long pid(String service) {
        return Long.parseLong(fact(service + ".pid"));
    }

    /** Process id of the host JVM, which also runs DynamoDB Local. */
    public long hostPid() {
        return Long.parseLong(fact("host.pid"));
    }

    /** JDBC URL of the embedded PostgreSQL's orders database. */
    public String jdbcUrl() {
        return fact("jdbc.url");
    }

    /** Port of the embedded PostgreSQL. */
    public int postgresPort() {
        String url = jdbcUrl();
        String hostAndPort = url.substring(url.indexOf("//") + 2, url.indexOf('/', url.indexOf("//") + 2));
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }

    private String fact(String key) {
        String value = facts.get(key);
        if (value == null) {
            throw new IllegalStateException("the stack host did not say " + key);
        }
        return value;
    }

    /** Stops the services and databases: at most about a minute, then whatever is left is killed. */
    @Override
    public void close() {
        stop(host);
    }

    private static void stop(Process host) {
        if (!host.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = new ArrayList<>(host.descendants().toList());
        try {
            host.getOutputStream().close();
            if (!host.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                descendants.forEach(ProcessHandle::destroyForcibly);
                host.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            host.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            descendants.forEach(ProcessHandle::destroyForcibly);
            host.destroyForcibly();
        }
    }
}
