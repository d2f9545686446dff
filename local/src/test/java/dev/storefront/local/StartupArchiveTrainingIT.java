package dev.storefront.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first start of a build records each service's start-up archive with a training start that
 * serves the {@link TrainingRequests} against the real databases: the archives are there
 * afterwards, the requests reached the code they train (a catalog read, a DynamoDB read, bodies
 * rejected), and the stores hold nothing the training wrote, read from the stores themselves.
 */
class StartupArchiveTrainingIT {

    private static final Path HOME = Path.of(System.getProperty("storefront.home", "..")).toAbsolutePath().normalize();

    @Test
    void trainingStartsServeTheirRequestsAndLeaveNoOrderAndNoPaymentBehind() throws Exception {
        // A home of its own, so that no archive exists yet: every service is trained in this start.
        Path home = Files.createTempDirectory("storefront-training-home");
        for (String service : EmbeddedStorefront.SERVICES) {
            Files.createDirectories(home.resolve(service));
            Files.createSymbolicLink(home.resolve(service).resolve("target"), HOME.resolve(service).resolve("target"));
        }
        Path logs = Files.createTempDirectory("storefront-training-logs");
        try (EmbeddedStorefront stack = EmbeddedStorefront.start(new EmbeddedStorefront.Settings(home, 0, 0, 0,
                Map.of(), Duration.ofSeconds(240), Map.of("OTEL_TRACES_EXPORTER", "none"),
                new PrintStream(System.out, true), logs, false))) {
            String payments = Files.readString(logs.resolve("payments.log"));
            String orders = Files.readString(logs.resolve("orders.log"));
            String frontend = Files.readString(logs.resolve("frontend.log"));
            assertThat(List.of(payments, orders, frontend)).allSatisfy(log -> assertThat(log)
                    .contains("start-up archive recorded")
                    .contains("training requests (first round): GET /health/readiness 200, GET /no-such-path 404"));
            try (Stream<Path> archives = Files.list(home.resolve("local/target/startup-archives"))) {
                assertThat(archives.map(path -> path.getFileName().toString()))
                        .as("one archive per service, no recording left over").hasSize(3)
                        .allMatch(name -> name.endsWith(".jsa"));
            }
            // Each training start reached its own code: the catalog and the payments table were read,
            // bodies were read and rejected.
            assertThat(orders).contains("GET /products 200", "GET /orders/" + TrainingRequests.UNKNOWN_ORDER + " 404",
                    "POST /orders 422");
            assertThat(payments).contains("GET /payments/" + TrainingRequests.UNKNOWN_ORDER + " 404",
                    "PUT /payments/" + TrainingRequests.UNKNOWN_ORDER + " 400");
            assertThat(frontend).contains("POST /api/checkout 400");

            assertThat(rows(stack, "SELECT count(*) FROM orders")).as("orders").isZero();
            assertThat(rows(stack, "SELECT count(*) FROM order_lines")).as("order lines").isZero();
            assertThat(LocalStores.payments(stack)).as("payments").isEmpty();
        }
    }

    private static long rows(EmbeddedStorefront stack, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), EmbeddedStorefront.DB_USER,
                EmbeddedStorefront.DB_PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
