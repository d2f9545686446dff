package dev.storefront.local;

import sun.misc.Signal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * {@code java -jar local/target/storefront-local.jar [options]}: runs the storefront locally until
 * Ctrl-C or SIGTERM, then stops the services callers first (frontend, orders, payments), each
 * drained, then the databases, and exits 0. The first screen is one progress line per component and
 * the ready banner; the services' and databases' own logs go to files the banner names. A service
 * that exits is restarted with backoff; exits 1 if one keeps dying or something cannot start,
 * saying what.
 */
public final class StorefrontLocal {

    private static final String USAGE = """
            Usage: java -jar local/target/storefront-local.jar [options]
              --frontend-port N   frontend's port (default 8080)
              --orders-port N     orders' port (default 8081)
              --payments-port N   payments' port (default 8082)
              --instances S=N,... run N instances of service S, e.g. orders=2,payments=2;
                                  the callers balance across them (default 1 each)
              --trace-log         print every span to the services' logs
                                  (OTEL_TRACES_EXPORTER=logging)
              --metrics-log       print every metric to the services' logs every 10 s
                                  (OTEL_METRICS_EXPORTER=logging)
                                  Otherwise the OTEL_* variables of this shell apply
                                  (an OTLP endpoint alone exports both over OTLP), and
                                  with none set, nothing is exported
              --home DIR          project root holding <service>/target/<service>.jar
                                  (default: found from this jar's location)
              --log-dir DIR       where each service's log and the databases' log go
                                  (default: local/target/logs under the project root)
              --database-logs     print PostgreSQL's and DynamoDB Local's own output here
                                  instead of into databases.log
              --no-restart        leave a service that exits stopped; by default it is
                                  restarted with backoff, and the launcher exits 1 if it
                                  keeps dying
            """;

    private StorefrontLocal() {
    }

    /**
     * Runs the local stack.
     *
     * @param args the options of the usage text
     */
    public static void main(String[] args) {
        int frontendPort = 8080;
        int ordersPort = 8081;
        int paymentsPort = 8082;
        Path home = defaultHome();
        Map<String, Integer> instances = new HashMap<>();
        boolean traceLog = false;
        boolean databaseLogs = false;
        boolean restart = true;
        Path logDirectory = null;
        boolean metricsLog = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--frontend-port" -> frontendPort = Integer.parseInt(args[++i]);
                    case "--orders-port" -> ordersPort = Integer.parseInt(args[++i]);
                    case "--payments-port" -> paymentsPort = Integer.parseInt(args[++i]);
                    case "--home" -> home = Path.of(args[++i]);
                    case "--instances" -> instances = parseInstances(args[++i]);
                    case "--trace-log" -> traceLog = true;
                    case "--log-dir" -> logDirectory = Path.of(args[++i]);
                    case "--database-logs" -> databaseLogs = true;
                    case "--no-restart" -> restart = false;
                    case "--metrics-log" -> metricsLog = true;
                    case "--help", "-h" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("storefront-local: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }

        if (logDirectory == null) {
            logDirectory = home.resolve("local").resolve("target").resolve("logs");
        }
        Path databasesLog = logDirectory.resolve("databases.log");
        try {
            Files.createDirectories(logDirectory);
            Files.deleteIfExists(databasesLog);
        } catch (IOException e) {
            System.err.println("storefront-local: cannot write logs to " + logDirectory + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        if (!databaseLogs) {
            // Embedded PostgreSQL (initdb, pg_ctl) and DynamoDB Local's Jetty log through SLF4J; before any
            // logger exists, send slf4j-simple's output to the file the banner names.
            System.setProperty("org.slf4j.simpleLogger.logFile", databasesLog.toString());
        }

        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        Signal.handle(new Signal("INT"), signal -> exitCode.complete(0));
        Signal.handle(new Signal("TERM"), signal -> exitCode.complete(0));

        long start = System.nanoTime();
        EmbeddedStorefront stack;
        try {
            stack = EmbeddedStorefront.start(new EmbeddedStorefront.Settings(home, frontendPort, ordersPort,
                    paymentsPort, instances, Duration.ofSeconds(90), telemetry(traceLog, metricsLog, System.getenv()),
                    System.out, logDirectory, restart));
        } catch (StartupException e) {
            System.err.println("storefront-local: " + e.getMessage());
            System.exit(1);
            return;
        }
        // Should this JVM be stopped some other way (an exception, System.exit), leave no child behind.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stop-local-stack"));
        printBanner(stack, Duration.ofNanos(System.nanoTime() - start), logDirectory, databaseLogs);
        stack.showServiceOutput();
        stack.gaveUp().thenAccept(service -> exitCode.complete(1));

        int code;
        try {
            code = exitCode.get();
        } catch (InterruptedException | ExecutionException e) {
            Thread.currentThread().interrupt();
            code = 1;
        }
        System.out.println("storefront-local: stopping the services (callers first) and databases…");
        stack.close();
        System.out.println("storefront-local: stopped");
        System.exit(code);
    }

    private static void printBanner(EmbeddedStorefront stack, Duration startup, Path logDirectory,
                                    boolean databaseLogs) {
        int frontend = stack.service("frontend").port();
        String instances = stack.services().stream()
                .map(service -> service.name() + " :" + service.port())
                .collect(Collectors.joining(", "));
        System.out.printf("""

                Storefront is ready (started in %.1f s)
                  storefront page  http://localhost:%d/
                  frontend API     http://localhost:%d/api/products
                  services         %s
                  PostgreSQL       %s (user %s, password %s)
                  DynamoDB Local   %s (table %s)
                  logs             %s (%s)

                Place an order:
                  curl -s -X POST http://localhost:%d/api/checkout -H 'Content-Type: application/json' \\
                    -d '{"customerEmail":"a@example.com","items":[{"sku":"SKU-1","quantity":2}]}'

                The services' log lines follow. A service that exits is restarted. Ctrl-C stops
                everything: frontend, orders, payments (each drained), then the databases.

                """, startup.toMillis() / 1000.0, frontend, frontend, instances, stack.jdbcUrl(),
                EmbeddedStorefront.DB_USER, EmbeddedStorefront.DB_PASSWORD, stack.dynamoDbEndpoint(),
                EmbeddedStorefront.PAYMENTS_TABLE, logDirectory,
                stack.services().stream().map(service -> service.name() + ".log")
                        .collect(Collectors.joining(", ")) + (databaseLogs ? "" : ", databases.log"),
                frontend);
    }

    /**
     * The OTEL_* settings for the services, per signal (traces, metrics): printed to the log with
     * --trace-log or --metrics-log; else whatever this shell's OTEL_* variables say (the children
     * inherit them), an OTLP endpoint without an exporter meaning otlp, since the services'
     * default exporter is none; else no export, since nothing listens on a laptop.
     *
     * @param environment this shell's environment
     * @return variables to set on every service, on top of the inherited ones
     */
    static Map<String, String> telemetry(boolean traceLog, boolean metricsLog, Map<String, String> environment) {
        Map<String, String> telemetry = new HashMap<>();
        telemetry.putAll(exporter("TRACES", traceLog, environment));
        telemetry.putAll(exporter("METRICS", metricsLog, environment));
        if (metricsLog) {
            // Every 10 s rather than the SDK's 60 s, so that a request shows in the log soon after.
            telemetry.put("OTEL_METRIC_EXPORT_INTERVAL", "10000");
        }
        return telemetry;
    }

    /** OTEL_{signal}_EXPORTER for one signal, or nothing when this shell decides. */
    private static Map<String, String> exporter(String signal, boolean log, Map<String, String> environment) {
        String exporter = "OTEL_" + signal + "_EXPORTER";
        if (log) {
            return Map.of(exporter, "logging");
        }
        if (environment.containsKey(exporter) || environment.containsKey("OTEL_SDK_DISABLED")) {
            return Map.of();
        }
        boolean endpoint = environment.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT")
                || environment.containsKey("OTEL_EXPORTER_OTLP_" + signal + "_ENDPOINT");
        return Map.of(exporter, endpoint ? "otlp" : "none");
    }

    /** {@code orders=2,payments=2} → {orders: 2, payments: 2}. */
    private static Map<String, Integer> parseInstances(String spec) {
        Map<String, Integer> instances = new HashMap<>();
        for (String part : spec.split(",")) {
            String[] serviceAndCount = part.split("=");
            if (serviceAndCount.length != 2 || !EmbeddedStorefront.SERVICES.contains(serviceAndCount[0])
                    || Integer.parseInt(serviceAndCount[1]) < 1) {
                throw new IllegalArgumentException("--instances takes service=count pairs such as orders=2, not " + part);
            }
            instances.put(serviceAndCount[0], Integer.parseInt(serviceAndCount[1]));
        }
        return instances;
    }

    /** local/target/storefront-local.jar (or local/target/classes) → the project root. */
    private static Path defaultHome() {
        try {
            Path location = Path.of(StorefrontLocal.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent().getParent().getParent();
        } catch (URISyntaxException e) {
            return Path.of(".");
        }
    }
}
