package dev.storefront.perf;

import dev.storefront.local.EmbeddedStorefront;
import dev.storefront.local.ServiceProcess;
import dev.storefront.local.StartupException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The embedded stack in a JVM of its own, driven through its standard streams by
 * {@link EmbeddedStack}: {@code java -cp perf.jar dev.storefront.perf.StackHost HOME FRONTEND_PORT}.
 *
 * <p>It starts {@link EmbeddedStorefront} (embedded PostgreSQL, DynamoDB Local in this JVM, the three
 * services as child JVMs), prints {@code key=value} lines (each service's pid and URL, the JDBC
 * URL, the DynamoDB endpoint, this JVM's pid) and then {@code READY} on stdout, and stops
 * everything when its standard input ends: so the stack goes away with whoever started it, even if
 * that process is killed. The services' log lines go to stderr.
 *
 * <p>A JVM of its own keeps DynamoDB Local's CPU apart from the load generator's and the
 * databases' classes off Gatling's classpath. Exit codes: 0 stopped, 1 did not start, 2 usage.
 */
public final class StackHost {

    /** What the stack prints once every service answers readiness 200. */
    static final String READY = "READY";
    /** What it prints instead when it cannot start, followed by the reason. */
    static final String FAILED = "FAILED ";

    private StackHost() {
    }

    /**
     * Runs the stack until standard input ends.
     *
     * @param args the project root and frontend's port (0: a free one)
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: StackHost HOME FRONTEND_PORT");
            System.exit(2);
        }
        PrintStream protocol = System.out;
        EmbeddedStorefront stack;
        try {
            // Spans are not exported, as the launcher does when no OTEL_* variable is set: nothing listens
            // on the OTLP default port here, and an exporter retrying would be measured as the services' work.
            stack = EmbeddedStorefront.start(new EmbeddedStorefront.Settings(Path.of(args[0]), Integer.parseInt(args[1]), 0, 0,
                    Map.of(), Duration.ofSeconds(180), Map.of("OTEL_TRACES_EXPORTER", "none"), System.err));
        } catch (StartupException | IllegalArgumentException e) {
            protocol.println(FAILED + e.getMessage());
            protocol.flush();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stop-stack"));
        for (ServiceProcess service : stack.services()) {
            protocol.println(service.name() + ".pid=" + service.pid());
            protocol.println(service.name() + ".url=" + service.url());
        }
        protocol.println("jdbc.url=" + stack.jdbcUrl());
        protocol.println("dynamodb.endpoint=" + stack.dynamoDbEndpoint());
        protocol.println("host.pid=" + ProcessHandle.current().pid());
        protocol.println(READY);
        protocol.flush();

        try (BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (commands.readLine() != null) {
                // Any input is ignored; its end is the signal to stop.
            }
        }
        System.exit(0); // the shutdown hook stops the stack
    }
}
