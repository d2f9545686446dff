package dev.storefront.local;

import dev.storefront.common.config.ShippedSettings;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole storefront on one machine without Docker: embedded PostgreSQL, DynamoDB Local in
 * process (a real HTTP endpoint) with the payments table, and the three services as child JVMs
 * from their runnable jars, configured only through the environment of docs/configuration.md.
 */
public final class EmbeddedStorefront implements AutoCloseable {

    /** The local credentials DynamoDB Local accepts; never real ones. */
    static final String LOCAL_AWS_KEY = "local";

    /** The table name, as CDK names it in AWS (PAYMENTS_TABLE). */
    static final String PAYMENTS_TABLE = "payments";

    /** Database name and credentials of the embedded PostgreSQL. */
    static final String DB_NAME = "orders";
    static final String DB_USER = "postgres";
    static final String DB_PASSWORD = "postgres";

    /**
     * How long a stopped service may take to drain and exit before it is killed: its shipped drain
     * delay and grace period plus closing its context (35 s; docs/drain.md).
     */
    static final Duration STOP_TIMEOUT = ShippedSettings.shared().stopTimeout();

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
     * @param environment variables for every service, on top of this process's environment: OTEL_*
     *     (e.g. {@code OTEL_TRACES_EXPORTER=logging} to print spans to the log), {@code JDK_JAVA_OPTIONS}
     *     for JVM flags, or a setting such as {@code DRAIN_DELAY}
     * @param out where the progress lines and the services' prefixed log lines go
     * @param logDirectory where each service's output is also written ({@code <instance>.log}); with
     *     a directory, a service's lines reach {@code out} only after {@link #showServiceOutput()},
     *     so that the first screen is one progress line per component. Null: no files, lines at once
     * @param restartOnExit whether a service that exits without being stopped is restarted with
     *     backoff (see {@link ServiceProcess}); a test that kills one on purpose leaves this off
     * @param java the runtime whose {@code bin/java} runs the services (default: this JVM's); their
     *     start-up archives are recorded for it
     */
    public record Settings(Path home, int frontendPort, int ordersPort, int paymentsPort,
                           Map<String, Integer> instances, Duration startupTimeout, Map<String, String> environment,
                           PrintStream out, Path logDirectory, boolean restartOnExit, JavaRuntime java) {

        /** The services run on this JVM's runtime. */
        public Settings(Path home, int frontendPort, int ordersPort, int paymentsPort,
                        Map<String, Integer> instances, Duration startupTimeout, Map<String, String> environment,
                        PrintStream out, Path logDirectory, boolean restartOnExit) {
            this(home, frontendPort, ordersPort, paymentsPort, instances, startupTimeout, environment, out,
                    logDirectory, restartOnExit, JavaRuntime.current());
        }

        /** Output on {@code out} only, no restarts: what the cross-service tests and the benchmark use. */
        public Settings(Path home, int frontendPort, int ordersPort, int paymentsPort,
                        Map<String, Integer> instances, Duration startupTimeout, Map<String, String> environment,
                        PrintStream out) {
            this(home, frontendPort, ordersPort, paymentsPort, instances, startupTimeout, environment, out, null, false);
        }

        /** These settings with the services run by another runtime, e.g. a JDK the benchmark compares. */
        public Settings withJava(JavaRuntime runtime) {
            return new Settings(home, frontendPort, ordersPort, paymentsPort, instances, startupTimeout, environment,
                    out, logDirectory, restartOnExit, runtime);
        }
    }

    /** Restarts allowed within {@link #RESTART_WINDOW} before a service is given up. */
    static final int MAX_RESTARTS = 5;

    /** The period over which a service's exits are counted. */
    static final Duration RESTART_WINDOW = Duration.ofMinutes(2);

    /** The services, in start order: each one's callers start after it. */
    static final List<String> SERVICES = List.of("payments", "orders", "frontend");

    private final Settings settings;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private EmbeddedPostgres postgres;
    private Server dynamoDbLocal;
    private LocalDynamoDBRequestHandler dynamoDbRequests;
    private String dynamoDbEndpoint;
    private String jdbcUrl;
    private final CompletableFuture<ServiceProcess> gaveUp = new CompletableFuture<>();
    private volatile boolean outputShown;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedStorefront(Settings settings) {
        this.settings = settings;
    }

    /**
     * Starts the databases and the three services and waits until all are ready. On any failure
     * whatever was started is stopped again.
     *
     * @throws StartupException naming what failed: a missing jar, a taken port, a service that died
     */
    public static EmbeddedStorefront start(Settings settings) {
        EmbeddedStorefront stack = new EmbeddedStorefront(settings);
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
                ports.put(service + "-" + i, ServiceProcess.freePort());
            }
            jar(service);
        }
        long start = System.nanoTime();
        startPostgres();
        progress("PostgreSQL", jdbcUrl, start);
        start = System.nanoTime();
        startDynamoDbLocal();
        progress("DynamoDB Local", dynamoDbEndpoint + " (table " + PAYMENTS_TABLE + ")", start);
        start = System.nanoTime();
        ports.keySet().forEach(this::startService);
        for (ServiceProcess service : services.values()) {
            service.awaitReady(settings.startupTimeout());
            progress(service.name(), service.url(), start);
        }
        if (settings.restartOnExit()) {
            services.values().forEach(service -> service.supervise(supervision()));
        }
    }

    /**
     * From now on the services' log lines go to {@link Settings#out()} too, prefixed (with a
     * {@link Settings#logDirectory()}, they are only in the files until this is called).
     */
    public void showServiceOutput() {
        outputShown = true;
        services.values().forEach(ServiceProcess::showOutput);
    }

    private ServiceProcess.Supervision supervision() {
        return new ServiceProcess.Supervision(MAX_RESTARTS, RESTART_WINDOW, gaveUp::complete);
    }

    /** One line of the first screen: a component is ready. */
    private void progress(String component, String where, long startNanos) {
        synchronized (settings.out()) {
            settings.out().printf("storefront-local: %-15s ready  %s  (%.1f s)%n", component, where,
                    (System.nanoTime() - startNanos) / 1e9);
        }
    }

    /**
     * Completes with the service that kept dying after {@link #MAX_RESTARTS} restarts within
     * {@link #RESTART_WINDOW}; never, without {@link Settings#restartOnExit()}.
     */
    public CompletableFuture<ServiceProcess> gaveUp() {
        return gaveUp;
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

    /** Port of the embedded PostgreSQL on 127.0.0.1. */
    public int postgresPort() {
        return postgres.getPort();
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
        if (outputShown) {
            service.showOutput();
        }
        if (settings.restartOnExit()) {
            service.supervise(supervision());
        }
        return service;
    }

    private void startService(String name) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
        String service = serviceOf(name);
        environment.put("OTEL_SERVICE_NAME", service);
        environment.put("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=" + name);
        environment.putAll(settings.environment());
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
        Path logFile = settings.logDirectory() == null ? null : settings.logDirectory().resolve(name + ".log");
        services.put(name, ServiceProcess.start(name, jar(service), ports.get(name), environment, settings.out(),
                logFile, logFile == null, settings.java(), startupArchives()));
    }

    /**
     * The services' start-up archives, next to the launcher's own jar in local/target: the first
     * start of a service jar records one with a short training start, every start maps it
     * ({@link StartupArchive}); a rebuilt jar or another runtime records a new one.
     */
    private StartupArchive startupArchives() {
        return StartupArchive.in(settings.home().resolve("local").resolve("target").resolve("startup-archives"));
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
            postgres = EmbeddedPostgres.builder().setPort(ServiceProcess.freePort()).start();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DB_NAME);
            }
        } catch (IOException | SQLException e) {
            throw new StartupException("embedded PostgreSQL did not start: " + e.getMessage());
        }
        jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DB_NAME;
    }

    /**
     * DynamoDB Local in this JVM, on 127.0.0.1 only. Its own launcher (ServerRunner) has no bind
     * option and listens on every interface, which would open the table to the network with any
     * credentials; so the same request handler is served here by a Jetty server of ours with one
     * loopback connector. In memory; no telemetry is configured, so none is sent.
     */
    private void startDynamoDbLocal() {
        int port = ServiceProcess.freePort();
        try {
            dynamoDbRequests = new LocalDynamoDBRequestHandler(0, true, null, false, false);
            dynamoDbLocal = new Server();
            ServerConnector loopback = new ServerConnector(dynamoDbLocal);
            loopback.setHost("127.0.0.1");
            loopback.setPort(port);
            dynamoDbLocal.addConnector(loopback);
            ContextHandler context = new ContextHandler();
            context.setHandler(new LocalDynamoDBServerHandler(dynamoDbRequests, null));
            dynamoDbLocal.setHandler(context);
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
            return ServiceProcess.freePort();
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException e) {
            throw new StartupException("port " + port + " for " + service + " is already in use; stop what uses it"
                    + " or choose another with " + flag);
        }
    }


    /**
     * Stops callers before callees, so that no in-flight request loses the service it calls:
     * frontend, then orders, then payments, each with SIGTERM (its instances together) and waiting
     * for it to drain and exit (killing any that outlives {@link #STOP_TIMEOUT}); then DynamoDB
     * Local and PostgreSQL. Later calls do nothing.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            // Once only: the launcher closes the stack, then its shutdown hook would again.
            return;
        }
        List<String> callersFirst = new ArrayList<>(SERVICES);
        java.util.Collections.reverse(callersFirst);
        for (String service : callersFirst) {
            List<ServiceProcess> instances = services.values().stream()
                    .filter(instance -> serviceOf(instance.name()).equals(service)).toList();
            if (!instances.isEmpty()) {
                stopTogether(service, instances);
            }
        }
        if (dynamoDbLocal != null) {
            try {
                dynamoDbLocal.stop();
                dynamoDbRequests.shutdown();
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

    /** Stops the instances of one service in parallel and waits for all of them. */
    private void stopTogether(String service, List<ServiceProcess> instances) {
        long start = System.nanoTime();
        if (instances.stream().anyMatch(ServiceProcess::isAlive)) {
            settings.out().println("storefront-local: stopping " + service + " (draining)");
        }
        List<Thread> stopping = new ArrayList<>();
        Map<String, Optional<Integer>> exitCodes = new java.util.concurrent.ConcurrentHashMap<>();
        for (ServiceProcess instance : instances) {
            Thread stopper = new Thread(() -> exitCodes.put(instance.name(), instance.stop(STOP_TIMEOUT)),
                    "stop-" + instance.name());
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
        settings.out().printf("storefront-local: %s stopped (exit %s, %.1f s)%n", service,
                exitCodes.values().stream().map(code -> code.map(String::valueOf).orElse("killed")).distinct()
                        .collect(java.util.stream.Collectors.joining(", ")),
                (System.nanoTime() - start) / 1e9);
    }
}
