package dev.storefront.e2e;

import dev.storefront.common.testing.CheckoutLoad;
import dev.storefront.common.testing.SettlementAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money and orders agree in containers too: under a bounded checkout load, payments paused
 * ({@code docker pause}) for 10 s, and one of the two orders containers killed ({@code docker kill})
 * and started again. Then every order settles within 60 s on the shipped schedule, one retry of
 * every checkout answers its first answer's order, and the stores agree (SQL and a scan of the
 * payments table, through ports published on 127.0.0.1).
 */
@ExtendWith(StorefrontExtension.class)
class SettlementFaultIT {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementFaultIT.class);

    /** Six containers share this machine's cores with the load: 5 checkouts a second, gentler than local/'s. */
    private static final CheckoutLoad.Shape LOAD = new CheckoutLoad.Shape(5, 150, Duration.ofSeconds(20));
    private static final Duration SETTLED_WITHIN = Duration.ofSeconds(60);

    @Test
    void paymentsPausedTenSecondsUnderLoadEndsWithEveryOrderSettledAndPaidOnce(StorefrontContainers stack) throws Exception {
        runFault(stack, "payments paused 10 s", () -> {
            StorefrontContainers.pause(Duration.ofSeconds(3));
            stack.pauseContainer(StorefrontContainers.PAYMENTS);
            StorefrontContainers.pause(Duration.ofSeconds(10));
            stack.unpauseContainer(StorefrontContainers.PAYMENTS);
        });
    }

    @Test
    void ordersContainerKilledUnderLoadEndsWithEveryOrderSettledAndPaidOnce(StorefrontContainers stack) throws Exception {
        runFault(stack, "orders container killed", () -> {
            StorefrontContainers.pause(Duration.ofSeconds(4));
            stack.kill(StorefrontContainers.ORDERS_2);
            StorefrontContainers.pause(Duration.ofSeconds(3));
            stack.start(StorefrontContainers.ORDERS_2);
            // The fault is over when the replacement serves, as ECS would replace the task.
            stack.awaitHealthy(StorefrontContainers.ORDERS_2, Duration.ofSeconds(120));
        });
    }

    private void runFault(StorefrontContainers stack, String fault, Runnable inject) throws Exception {
        SettlementAudit audit = new SettlementAudit(stack.jdbcUrl(), StorefrontContainers.databaseUser(),
                StorefrontContainers.databaseUser(), SettlementAudit.Schedule.shipped(Images.root()));
        CheckoutLoad load = new CheckoutLoad(stack.frontendUrl().toString(),
                fault.replaceAll("[^a-z0-9]+", "-") + "@example.com");
        SettlementAudit.Drill drill = audit.drill(fault, load, LOAD, inject, () -> scanPayments(stack), SETTLED_WITHIN);

        LOG.info("{}", drill.summary());
        assertThat(drill.checkouts()).as("the load ran").hasSizeGreaterThan(60);
        assertThat(drill.findings().examples()).as("audit findings").isEmpty();
        assertThat(drill.findings().clean()).isTrue();
        assertThat(drill.checkouts()).allSatisfy(c -> assertThat(c.status()).isIn(201, 202, 409, 503));
    }

    private static List<SettlementAudit.Payment> scanPayments(StorefrontContainers stack) {
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .endpointOverride(stack.dynamoDbEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            return SettlementAudit.scanPayments(dynamoDb, "payments");
        }
    }
}
