package dev.storefront.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole storefront on one machine without Docker: embedded PostgreSQL, DynamoDB Local in
 * process (a real HTTP endpoint) with the payments table, and the three services as child JVMs
 * from their runnable jars, configured only through the environment of DESIGN.md §4.
 */
public final class LocalStack implements AutoCloseable {

    /** The local credentials DynamoDB Local accepts; never real ones. */
    static final String LOCAL_AWS_KEY = "local";

    /** The table name, as CDK names it in AWS (PAYMENTS_TABLE). */
    static final String PAYMENTS_TABLE = "payments";

    /** Database name and credentials of the embedded PostgreSQL. */
    static final String DB_NAME = "orders";
    static final String DB_USER = "postgres";
    static final String DB_PASSWORD = "postgres";

    /** How long a stopped service may take to drain and exit before it is killed. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(35);

    /**
     * What to start.
     *
     * @param home the project root, where {@code <service>/target/<service>.jar} are
     * @param frontendPort frontend's port (8080 by default); 0 picks a free one
     * @param ordersPort orders' port (8081 by default); 0 picks a free one
     * @param paymentsPort payments' port (8082 by default); 0 picks a free one
     * @param instances how many instances of each service to run (default 1); the first listens on
     *     the service's port, the others on free ports, named {@code orders-2}, {@code orders-3}...
     * @param startupTimeout how long the three services may take to be ready
     * @param telemetry OTEL_* variables for every service, on top of this process's environment:
     *     e.g. {@code OTEL_TRACES_EXPORTER=logging} to print spans to the log
     * @param out where the services' prefixed log lines go
     */
    public record Settings(Path home, int frontendPort, int ordersPort, int paymentsPort,
                           Map<String, Integer> instances, Duration startupTimeout, Map<String, String> telemetry,
                           PrintStream out) {
    }

    /** The services, in start order: each one's callers start after it. */
    static final List<String> SERVICES = List.of("payments", "orders", "frontend");

    private final Settings settings;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private EmbeddedPostgres postgres;
    private DynamoDBProxyServer dynamoDbLocal;
    private String dynamoDbEndpoint;
    private String jdbcUrl;

    private LocalStack(Settings settings) {
        this.settings = settings;
    }

    /**
     * Starts the databases and the three services and waits until all are ready. On any failure
     * whatever was started is stopped again.
     *
     * @throws StartupException naming what failed: a missing jar, a taken port, a service that died
     */
    public static LocalStack start(Settings settings) {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        Map<String, Integer> basePorts = Map.of("payments", settings.paymentsPort(), "orders", settings.ordersPort(),
                "frontend", settings.frontendPort());
        for (String service : SERVICES) {
            int count = settings.instances().getOrDefault(service, 1);
            ports.put(service, choosePort(service, basePorts.get(service), "--" + service + "-port"));
            for (int i = 2; i <= count; i++) {
                ports.put(service + "-" + i, freePort());
            }
            jar(service);
        }
        startPostgres();
        startDynamoDbLocal();
        ports.keySet().forEach(this::startService);
        for (ServiceProcess service : services.values()) {
            service.awaitReady(settings.startupTimeout());
        }
    }

    /** The running service of that name. */
    public ServiceProcess service(String name) {
        return Optional.ofNullable(services.get(name))
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** The running instances, in start order: payments, orders, frontend. */
    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    /** The instance names of a service, e.g. {@code orders}, {@code orders-2}. */
    public List<String> instances(String service) {
        return ports.keySet().stream().filter(name -> serviceOf(name).equals(service)).toList();
    }

    /** {@code orders-2} → {@code orders}. */
    private static String serviceOf(String instance) {
        int dash = instance.lastIndexOf('-');
        return dash < 0 ? instance : instance.substring(0, dash);
    }

    /** The base URLs of a service's instances, comma-separated: what ORDERS_URL and PAYMENTS_URL take. */
    private String urls(String service) {
        return instances(service).stream().map(name -> "http://127.0.0.1:" + ports.get(name))
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** JDBC URL of the embedded PostgreSQL's {@code orders} database. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** HTTP endpoint of DynamoDB Local. */
    public String dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /**
     * Stops one service with SIGTERM, as a deploy or scale-in does.
     *
     * @return its exit code, or empty if it had to be killed
     */
    public Optional<Integer> stop(String name) {
        return service(name).stop(STOP_TIMEOUT);
    }

    /** Starts a stopped service again on its port and waits until it is ready. */
    public ServiceProcess restart(String name) {
        if (service(name).isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        startService(name);
        ServiceProcess service = service(name);
        service.awaitReady(settings.startupTimeout());
        return service;
    }

    private void startService(String name) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
        String service = serviceOf(name);
        environment.put("OTEL_SERVICE_NAME", service);
        environment.put("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=" + name);
        environment.putAll(settings.telemetry());
        String upstream = service.equals("frontend") ? "orders" : service.equals("orders") ? "payments" : null;
        if (upstream != null && instances(upstream).size() > 1) {
            // Balancing across several instances: skip one whose readiness is 503 (draining).
            environment.put("UPSTREAM_HEALTH_CHECK", "true");
        }
        switch (service) {
            case "payments" -> {
                environment.put("DYNAMODB_ENDPOINT", dynamoDbEndpoint);
                environment.put("PAYMENTS_TABLE", PAYMENTS_TABLE);
                environment.put("AWS_REGION", "us-east-1");
                environment.put("AWS_ACCESS_KEY_ID", LOCAL_AWS_KEY);
                environment.put("AWS_SECRET_ACCESS_KEY", LOCAL_AWS_KEY);
            }
            case "orders" -> {
                environment.put("DB_URL", jdbcUrl);
                environment.put("DB_USERNAME", DB_USER);
                environment.put("DB_PASSWORD", DB_PASSWORD);
                environment.put("PAYMENTS_URL", urls("payments"));
            }
            case "frontend" -> environment.put("ORDERS_URL", urls("orders"));
            default -> throw new IllegalArgumentException("no service " + name);
        }
        services.put(name, ServiceProcess.start(name, jar(service), ports.get(name), environment, List.of(),
                settings.out()));
    }

    private Path jar(String name) {
        Path jar = settings.home().resolve(name).resolve("target").resolve(name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new StartupException(jar + " is missing: build it first with ./mvnw -DskipTests package");
        }
        return jar;
    }

    private void startPostgres() {
        try {
            postgres = EmbeddedPostgres.builder().setPort(freePort()).start();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DB_NAME);
            }
        } catch (IOException | SQLException e) {
            throw new StartupException("embedded PostgreSQL did not start: " + e.getMessage());
        }
        jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DB_NAME;
    }

    private void startDynamoDbLocal() {
        int port = freePort();
        try {
            // -disableTelemetry: DynamoDB Local would otherwise report usage to AWS; nothing leaves this machine.
            dynamoDbLocal = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
            dynamoDbLocal.start();
        } catch (Exception e) {
            throw new StartupException("DynamoDB Local did not start: " + e.getMessage());
        }
        dynamoDbEndpoint = "http://127.0.0.1:" + port;
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .endpointOverride(URI.create(dynamoDbEndpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCAL_AWS_KEY, LOCAL_AWS_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            // The same key schema and billing mode as the table CDK creates in AWS.
            dynamoDb.createTable(t -> t.tableName(PAYMENTS_TABLE)
                    .keySchema(k -> k.attributeName("orderId").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("orderId").attributeType(ScalarAttributeType.S))
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        }
    }

    private static int choosePort(String service, int port, String flag) {
        if (port == 0) {
            return freePort();
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException e) {
            throw new StartupException("port " + port + " for " + service + " is already in use; stop what uses it"
                    + " or choose another with " + flag);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StartupException("no free port: " + e.getMessage());
        }
    }

    /**
     * Stops the services with SIGTERM, all at once, waits for each to exit (killing any that
     * outlives {@link #STOP_TIMEOUT}), then stops DynamoDB Local and PostgreSQL.
     */
    @Override
    public void close() {
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess service : services.values()) {
            Thread stopper = new Thread(() -> service.stop(STOP_TIMEOUT), "stop-" + service.name());
            stopper.start();
            stopping.add(stopper);
        }
        for (Thread stopper : stopping) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                services.values().forEach(ServiceProcess::kill);
            }
        }
        if (dynamoDbLocal != null) {
            try {
                dynamoDbLocal.stop();
            } catch (Exception e) {
                settings.out().println("DynamoDB Local did not stop cleanly: " + e.getMessage());
            }
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                settings.out().println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }
}
