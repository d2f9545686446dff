package dev.storefront.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One service running as a child JVM ({@code java -jar <service>.jar}), its output streamed line
 * by line with a {@code [name]} prefix.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private final Process process;

    private ServiceProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts {@code java [jvmOptions] -jar jar} with the given environment added to this one's.
     *
     * @param name service name, used as the log prefix
     * @param jar the service's runnable jar
     * @param port the port it listens on (MICRONAUT_SERVER_PORT)
     * @param environment the service's configuration (DESIGN.md §4)
     * @param jvmOptions options before {@code -jar}
     * @param out where its log lines go, prefixed
     */
    static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment,
                                List<String> jvmOptions, PrintStream out) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        ServiceProcess service = new ServiceProcess(name, port, process);
        Thread pump = new Thread(() -> service.pump(out), name + "-log");
        pump.setDaemon(true);
        pump.start();
        return service;
    }

    private void pump(PrintStream out) {
        String prefix = String.format("[%-10s] ", name);
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (out) {
                    out.println(prefix + line);
                }
            }
        } catch (IOException ignored) {
            // the process ended and closed its output
        }
    }

    /** Service name. */
    public String name() {
        return name;
    }

    /** Port it listens on. */
    public int port() {
        return port;
    }

    /** Base URL, {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Polls {@code /health/readiness} until it answers 200.
     *
     * @param timeout how long to wait at most
     * @throws StartupException if the process exits first or the timeout passes
     */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(url() + "/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new StartupException(name + " exited with code " + process.exitValue()
                        + " during startup; its log is above");
            }
            try {
                if (HTTP.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // not listening yet: poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while waiting for " + name);
            }
            sleep(Duration.ofMillis(100));
        }
        throw new StartupException(name + " was not ready within " + timeout.toSeconds() + " s");
    }

    /**
     * Sends SIGTERM and waits for the process to exit; after {@code timeout}, SIGKILL.
     *
     * @return the exit code, or empty if it had to be killed
     */
    public Optional<Integer> stop(Duration timeout) {
        if (!process.isAlive()) {
            return Optional.of(process.exitValue());
        }
        // ProcessHandle.destroy() sends SIGTERM like Process.destroy(), but leaves the output pipe open, so
        // the service's shutdown log still reaches the terminal.
        process.toHandle().destroy();
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of(process.exitValue());
            }
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return Optional.empty();
    }

    /** Kills the process at once (SIGKILL), for exits where no orderly stop is possible. */
    void kill() {
        process.destroyForcibly();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
