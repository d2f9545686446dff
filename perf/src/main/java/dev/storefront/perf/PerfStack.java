package dev.storefront.perf;

import dev.storefront.local.EmbeddedStorefront;
import dev.storefront.local.JavaRuntime;
import dev.storefront.local.ServiceProcess;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded storefront as the benchmark and the Gatling smoke run load it: {@link EmbeddedStorefront}
 * in this JVM (which so also runs DynamoDB Local and relays the services' log lines), the services'
 * lines in one log file and the databases' own in {@code databases.log} beside it. Closing it, or
 * the end of this JVM short of a kill, stops everything.
 *
 * @param storefront the running stack
 * @param log where its progress lines and the services' prefixed lines go
 */
public record PerfStack(EmbeddedStorefront storefront, PrintStream log) implements AutoCloseable {

    /** The services, in the order the benchmark reports them. */
    public static final List<String> SERVICES = List.of("frontend", "orders", "payments");

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);

    /**
     * Starts the stack, the services on this JVM's runtime, and waits until every service is ready.
     *
     * @param home the project root, where {@code <service>/target/<service>.jar} are
     * @param frontendPort frontend's port; 0 picks a free one
     * @param serviceJvmOptions JVM options for the services (JDK_JAVA_OPTIONS); "" for none
     * @param logFile the stack's log, appended to
     * @throws dev.storefront.local.StartupException naming what did not start
     */
    public static PerfStack start(Path home, int frontendPort, String serviceJvmOptions, Path logFile) {
        return start(home, frontendPort, serviceJvmOptions, logFile, JavaRuntime.current());
    }

    /**
     * As {@link #start(Path, int, String, Path)}, the services run by {@code java}'s {@code bin/java}.
     *
     * @throws dev.storefront.local.StartupException naming what did not start
     */
    public static PerfStack start(Path home, int frontendPort, String serviceJvmOptions, Path logFile,
                                  JavaRuntime java) {
        Map<String, String> environment = new HashMap<>();
        // Spans are not exported, as the launcher does when no OTEL_* variable is set: nothing listens on the
        // OTLP default port here, and an exporter retrying would be measured as the services' work.
        environment.put("OTEL_TRACES_EXPORTER", "none");
        // Stopping the stack is not what is measured: no drain delay.
        environment.put("DRAIN_DELAY", "0s");
        // The services' options only: not inherited from whoever started this JVM.
        environment.put("JDK_JAVA_OPTIONS", serviceJvmOptions);
        // Embedded PostgreSQL and DynamoDB Local's Jetty log through SLF4J: with slf4j-simple (the benchmark's
        // provider), to a file beside the stack's log, set before any logger exists, as the launcher does.
        System.setProperty("org.slf4j.simpleLogger.logFile",
                logFile.toAbsolutePath().resolveSibling("databases.log").toString());
        PrintStream log = open(logFile);
        try {
            EmbeddedStorefront storefront = EmbeddedStorefront.start(new EmbeddedStorefront.Settings(
                    home.toAbsolutePath().normalize(), frontendPort, 0, 0, Map.of(), STARTUP_TIMEOUT, environment,
                    log).withJava(java));
            PerfStack stack = new PerfStack(storefront, log);
            // However this JVM ends short of a kill, leave no service JVM or database behind.
            Runtime.getRuntime().addShutdownHook(new Thread(storefront::close, "stop-perf-stack"));
            return stack;
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /** Base URL of a service, {@code http://127.0.0.1:port}. */
    public String url(String service) {
        return storefront.service(service).url();
    }

    /** Process id of a service's JVM. */
    long pid(String service) {
        return storefront.service(service).pid();
    }

    /** Whether every service started by mapping its start-up archive (a recorded one, not being recorded). */
    boolean startedFromArchives() {
        return storefront.services().stream().allMatch(ServiceProcess::startedFromArchive);
    }

    /** Process id of this JVM, which runs DynamoDB Local. */
    long hostPid() {
        return ProcessHandle.current().pid();
    }

    /** Port of the embedded PostgreSQL. */
    int postgresPort() {
        return storefront.postgresPort();
    }

    /** Stops the services (callers first) and the databases; later calls do nothing. */
    @Override
    public void close() {
        storefront.close();
        log.close();
    }

    private static PrintStream open(Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            return new PrintStream(new FileOutputStream(logFile.toFile(), true), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logFile, e);
        }
    }
}
