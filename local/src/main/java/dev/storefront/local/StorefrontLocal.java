package dev.storefront.local;

import sun.misc.Signal;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code java -jar local/target/storefront-local.jar [--frontend-port N] [--orders-port N]
 * [--payments-port N]}: runs the storefront locally until Ctrl-C or SIGTERM, then stops every
 * service and database and exits 0. Exits 1 if something cannot start, saying what.
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

        CountDownLatch stopRequested = new CountDownLatch(1);
        Signal.handle(new Signal("INT"), signal -> stopRequested.countDown());
        Signal.handle(new Signal("TERM"), signal -> stopRequested.countDown());

        long start = System.nanoTime();
        LocalStack stack;
        try {
            stack = LocalStack.start(new LocalStack.Settings(home, frontendPort, ordersPort, paymentsPort, instances,
                    Duration.ofSeconds(90), telemetry(traceLog, metricsLog, System.getenv()), System.out));
        } catch (StartupException e) {
            System.err.println("storefront-local: " + e.getMessage());
            System.exit(1);
            return;
        }
        // Should this JVM be stopped some other way (an exception, System.exit), leave no child behind.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stop-local-stack"));
        printBanner(stack, Duration.ofNanos(System.nanoTime() - start));

        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.out.println("storefront-local: stopping the services and databases…");
        stack.close();
        System.out.println("storefront-local: stopped");
        System.exit(0);
    }

    private static void printBanner(LocalStack stack, Duration startup) {
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

                Place an order:
                  curl -s -X POST http://localhost:%d/api/checkout -H 'Content-Type: application/json' \\
                    -d '{"customerEmail":"a@example.com","items":[{"sku":"SKU-1","quantity":2}]}'

                Ctrl-C stops everything.

                """, startup.toMillis() / 1000.0, frontend, frontend, instances, stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD,
                stack.dynamoDbEndpoint(), LocalStack.PAYMENTS_TABLE, frontend);
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
        boolean traceLog = false;
        for (String part : spec.split(",")) {
            String[] serviceAndCount = part.split("=");
            if (serviceAndCount.length != 2 || !LocalStack.SERVICES.contains(serviceAndCount[0])
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
