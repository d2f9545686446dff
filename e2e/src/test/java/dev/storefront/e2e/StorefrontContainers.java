package dev.storefront.e2e;

import dev.storefront.common.config.ShippedSettings;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The storefront in containers on one network, as docker-compose.yml runs it: PostgreSQL,
 * DynamoDB Local with the payments table, payments, two orders containers, and frontend balancing
 * across both (ORDERS_URL lists them). Every service container runs hardened as in compose
 * (read-only root, tmpfs /tmp, no capabilities, no-new-privileges, 512 MiB). frontend publishes
 * its port on 127.0.0.1 for the clients; PostgreSQL and DynamoDB Local publish theirs on 127.0.0.1
 * only so that tests can audit the stores themselves.
 */
final class StorefrontContainers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StorefrontContainers.class);

    static final String FRONTEND = "frontend";
    static final String ORDERS_1 = "orders-1";
    static final String ORDERS_2 = "orders-2";
    static final String PAYMENTS = "payments";
    static final String POSTGRES = "postgres";
    static final String DYNAMODB_LOCAL = "dynamodb-local";

    /** The containers built from the project's Dockerfiles. */
    static final List<String> SERVICE_CONTAINERS = List.of(FRONTEND, ORDERS_1, ORDERS_2, PAYMENTS);

    /**
     * docker stop's wait before SIGKILL: the services' shipped drain delay and grace period plus
     * closing their context (35 s; docs/drain.md).
     */
    static final int STOP_TIMEOUT_SECONDS = (int) ShippedSettings.shared().stopTimeout().toSeconds();

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final long MEMORY_BYTES = 512L * 1024 * 1024;
    private static final String DB_USER = "storefront";

    private final Network network = Network.newNetwork();
    private final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
    private final DockerClient docker = DockerClientFactory.instance().client();

    private StorefrontContainers() {
    }

    /** Builds the service images, starts everything and waits until every container is healthy. */
    static StorefrontContainers start() {
        Instant started = Instant.now();
        StorefrontContainers stack = new StorefrontContainers();
        try {
            stack.startAll();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        LOG.info("stack healthy in {} s (images: java {}, postgres {}, dynamodb-local {})",
                Duration.between(started, Instant.now()).toSeconds(), Images.JAVA, Images.POSTGRES,
                Images.DYNAMODB_LOCAL);
        return stack;
    }

    private void startAll() {
        Instant t0 = Instant.now();
        String payments = Images.service("payments");
        String orders = Images.service("orders");
        String frontend = Images.service("frontend");
        LOG.info("service images built in {} s", Duration.between(t0, Instant.now()).toSeconds());

        GenericContainer<?> postgres = add(POSTGRES, new GenericContainer<>(DockerImageName.parse(Images.POSTGRES))
                .withEnv(Map.of("POSTGRES_DB", "orders", "POSTGRES_USER", DB_USER, "POSTGRES_PASSWORD", DB_USER))
                // Neither the official image nor the stand-in has a health check: the same as compose's.
                .withCreateContainerCmdModifier(cmd -> cmd.withHealthcheck(new HealthCheck()
                        .withTest(List.of("CMD", "pg_isready", "-h", "127.0.0.1", "-U", DB_USER, "-d", "orders"))
                        .withInterval(TimeUnit.SECONDS.toNanos(1))
                        .withTimeout(TimeUnit.SECONDS.toNanos(3))
                        .withRetries(60)))
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(STARTUP_TIMEOUT)));
        publishOnLoopback(postgres, 5432);
        GenericContainer<?> dynamoDb = add(DYNAMODB_LOCAL,
                new GenericContainer<>(DockerImageName.parse(Images.DYNAMODB_LOCAL))
                        .withCommand("-jar", "DynamoDBLocal.jar", "-inMemory", "-sharedDb", "-disableTelemetry")
                        // It unpacks its SQLite native library to /tmp and loads it from there.
                        .withTmpFs(Map.of("/tmp", "rw,exec"))
                        .waitingFor(Wait.forLogMessage(".*CorsParams.*", 1).withStartupTimeout(STARTUP_TIMEOUT)));
        publishOnLoopback(dynamoDb, 8000);
        Startables.deepStart(Stream.of(postgres, dynamoDb)).join();

        createPaymentsTable();

        GenericContainer<?> paymentsContainer = add(PAYMENTS, service(payments, Map.of(
                "DYNAMODB_ENDPOINT", "http://" + DYNAMODB_LOCAL + ":8000",
                "PAYMENTS_TABLE", "payments",
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local")));
        Map<String, String> ordersEnv = Map.of(
                "DB_URL", "jdbc:postgresql://" + POSTGRES + ":5432/orders",
                "DB_USERNAME", DB_USER,
                "DB_PASSWORD", DB_USER,
                "PAYMENTS_URL", "http://" + PAYMENTS + ":8080",
                "AWS_REGION", "us-east-1");
        GenericContainer<?> orders1 = add(ORDERS_1, service(orders, ordersEnv));
        GenericContainer<?> orders2 = add(ORDERS_2, service(orders, ordersEnv));
        Startables.deepStart(Stream.of(paymentsContainer, orders1, orders2)).join();

        // Two instances: frontend skips one whose readiness is 503 (draining) by default.
        add(FRONTEND, service(frontend, Map.of(
                "ORDERS_URL", "http://" + ORDERS_1 + ":8080,http://" + ORDERS_2 + ":8080"))
                .withExposedPorts(8080)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(8080)))))
                .start();
    }

    /** Publishes a container's port on a free port of 127.0.0.1, never on every interface. */
    private static void publishOnLoopback(GenericContainer<?> container, int port) {
        container.withExposedPorts(port).withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(port))));
    }

    /** JDBC URL of the orders database, through its port published on 127.0.0.1. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + publishedPort(POSTGRES, 5432) + "/orders";
    }

    /** The orders database's user, who is also its password here. */
    static String databaseUser() {
        return DB_USER;
    }

    /** DynamoDB Local's endpoint, through its port published on 127.0.0.1. */
    URI dynamoDbEndpoint() {
        return URI.create("http://127.0.0.1:" + publishedPort(DYNAMODB_LOCAL, 8000));
    }

    /** The host port a container's port is published on now: a restarted container may get another. */
    private String publishedPort(String name, int port) {
        return inspect(name).getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(port))[0].getHostPortSpec();
    }

    /** {@code docker pause}: freezes every process of the container (the cgroup freezer). */
    void pauseContainer(String name) {
        LOG.info("docker pause {}", name);
        docker.pauseContainerCmd(id(name)).exec();
    }

    /** {@code docker unpause}. */
    void unpauseContainer(String name) {
        LOG.info("docker unpause {}", name);
        docker.unpauseContainerCmd(id(name)).exec();
    }

    /** {@code docker kill}: SIGKILL, no drain, as a crashed host. */
    void kill(String name) {
        LOG.info("docker kill {}", name);
        docker.killContainerCmd(id(name)).exec();
    }

    /** The one-shot of docker-compose.yml's dynamodb-init: the same script, in the JRE image. */
    private void createPaymentsTable() {
        try (GenericContainer<?> init = new GenericContainer<>(DockerImageName.parse(Images.JAVA))
                .withNetwork(network)
                .withCopyFileToContainer(MountableFile.forHostPath(
                        Images.root().resolve("scripts/create-payments-table.sh"), 0755),
                        "/usr/local/bin/create-payments-table.sh")
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh", "/usr/local/bin/create-payments-table.sh"))
                .withEnv(Map.of("DYNAMODB_ENDPOINT", "http://" + DYNAMODB_LOCAL + ":8000", "PAYMENTS_TABLE", "payments"))
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("container.dynamodb-init")))
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(90)))) {
            init.start();
        }
    }

    private GenericContainer<?> service(String image, Map<String, String> environment) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        return new GenericContainer<>(DockerImageName.parse(image))
                .withEnv(env)
                .withTmpFs(Map.of("/tmp", "rw"))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.getHostConfig()
                            .withReadonlyRootfs(true)
                            .withCapDrop(Capability.ALL)
                            .withSecurityOpts(List.of("no-new-privileges:true"))
                            .withMemory(MEMORY_BYTES);
                    // The image's own HEALTHCHECK command (no test given here: Docker keeps the
                    // image's), polled every second instead of every 15 s, as compose polls it more often.
                    cmd.withHealthcheck(new HealthCheck().withInterval(TimeUnit.SECONDS.toNanos(1)));
                })
                .waitingFor(Wait.forHealthcheck().withStartupTimeout(STARTUP_TIMEOUT));
    }

    private GenericContainer<?> add(String name, GenericContainer<?> container) {
        container.withNetwork(network)
                .withNetworkAliases(name)
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("container." + name)));
        containers.put(name, container);
        return container;
    }

    /** frontend's published port: {@code http://127.0.0.1:<port>}. */
    URI frontendUrl() {
        return URI.create("http://127.0.0.1:" + containers.get(FRONTEND).getMappedPort(8080));
    }

    /** The current state of a container, by name (e.g. {@link #ORDERS_1}). */
    InspectContainerResponse inspect(String name) {
        return docker.inspectContainerCmd(id(name)).exec();
    }

    /** {@code docker stop}: SIGTERM (SIGINT for PostgreSQL), SIGKILL after {@link #STOP_TIMEOUT_SECONDS}. */
    void stop(String name) {
        LOG.info("docker stop {}", name);
        docker.stopContainerCmd(id(name)).withTimeout(STOP_TIMEOUT_SECONDS).exec();
    }

    /** {@code docker start} of a stopped container: same container, same network alias. */
    void start(String name) {
        LOG.info("docker start {}", name);
        docker.startContainerCmd(id(name)).exec();
    }

    /**
     * Waits until the container's health check says {@code healthy}, inspecting it every 500 ms.
     *
     * @throws IllegalStateException if it stops running, or is not healthy within the timeout
     */
    void awaitHealthy(String name, Duration timeout) {
        AtomicReference<String> status = new AtomicReference<>("");
        try {
            await(name + " healthy").atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        InspectContainerResponse.ContainerState state = inspect(name).getState();
                        status.set(state.getHealth() == null ? "no health check" : state.getHealth().getStatus());
                        if (!"healthy".equals(status.get()) && !Boolean.TRUE.equals(state.getRunning())) {
                            throw new IllegalStateException(name + " is not running (exit code "
                                    + state.getExitCodeLong() + ")");
                        }
                        return "healthy".equals(status.get());
                    });
        } catch (ConditionTimeoutException notHealthy) {
            throw new IllegalStateException(name + " not healthy within " + timeout + ": " + status.get(), notHealthy);
        }
    }

    /** Runs a command in a running container and returns its standard output. */
    String exec(String name, String... command) throws IOException, InterruptedException {
        return containers.get(name).execInContainer(command).getStdout();
    }

    private String id(String name) {
        GenericContainer<?> container = containers.get(name);
        if (container == null) {
            throw new IllegalArgumentException("no container " + name);
        }
        return container.getContainerId();
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        List<GenericContainer<?>> reversed = new ArrayList<>(containers.values());
        Collections.reverse(reversed);
        reversed.forEach(GenericContainer::stop);
        network.close();
    }
}
