package dev.storefront.infra;

import static dev.storefront.infra.Resources.container;
import static dev.storefront.infra.Resources.ecsService;
import static dev.storefront.infra.Resources.environment;
import static dev.storefront.infra.Resources.integer;
import static dev.storefront.infra.Resources.list;
import static dev.storefront.infra.Resources.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The timing ladder (docs/timing-ladder.md), read back from the synthesized template. */
class TimingLadderTest {

    private static Template template;
    private static final Timings DESIGN = Timings.defaults();

    @BeforeAll
    static void synth() {
        template = Synth.defaultTemplate();
    }

    @Test
    void serviceConnectTimeoutsGrowOutwardsAroundTheServicesReadTimeouts() {
        int payments = perRequestTimeoutSeconds("payments");
        int orders = perRequestTimeoutSeconds("orders");

        assertThat(payments).isEqualTo(2);
        assertThat(orders).isEqualTo(5);
        assertThat((long) payments).isLessThan(DESIGN.ordersToPaymentsReadTimeout().toSeconds());
        assertThat(DESIGN.ordersToPaymentsReadTimeout().toSeconds()).isLessThan(orders);
        assertThat((long) orders).isLessThan(DESIGN.frontendToOrdersReadTimeout().toSeconds());
    }

    @Test
    void serviceConnectIdleTimeoutOutlastsEveryRequestBudgetAroundIt() {
        for (String service : java.util.List.of("orders", "payments")) {
            Map<String, Object> timeout = serviceConnectTimeout(service);
            int idle = integer(timeout.get("IdleTimeoutSeconds"));
            // An idle timeout at or below the per-request timeout would cut requests still in budget.
            assertThat(idle).isEqualTo(60)
                    .isGreaterThan(integer(timeout.get("PerRequestTimeoutSeconds")))
                    .isGreaterThan((int) DESIGN.frontendToOrdersReadTimeout().toSeconds())
                    .isGreaterThan((int) DESIGN.ordersToPaymentsReadTimeout().toSeconds());
        }
    }

    @Test
    void anIdleTimeoutNotAboveThePerRequestTimeoutIsRejected() {
        Timings d = DESIGN;
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Timings(
                d.paymentsPerRequestTimeout(), d.ordersToPaymentsReadTimeout(), d.ordersPerRequestTimeout(),
                d.frontendToOrdersReadTimeout(), d.deregistrationDelay(), d.drainDelay(), d.shutdownGracePeriod(),
                d.stopTimeout(), d.livenessInterval(), d.livenessTimeout(), d.livenessRetries(),
                d.livenessStartPeriod(), d.readinessInterval(), d.readinessTimeout(),
                d.readinessHealthyThreshold(), d.readinessUnhealthyThreshold(), d.healthCheckGracePeriod(),
                d.scaleOutCooldown(), d.scaleInCooldown(), d.alarmPeriod(), d.alarmEvaluationPeriods(),
                Duration.ofSeconds(5), d.blueGreenBakeTime(), d.statementTimeout(), d.proxyBorrowTimeout()));
        assertThat(error).hasMessageContaining("Service Connect idle timeout");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new StorefrontService.ServiceConnectServer(Duration.ofSeconds(5), Duration.ofSeconds(5),
                        java.util.Optional.empty()));
    }

    @Test
    void blueGreenBakeTimeOutlastsTheTimeADeploymentAlarmNeedsToFire() {
        long alarmWindowSeconds = DESIGN.alarmPeriod().toSeconds() * DESIGN.alarmEvaluationPeriods();
        for (String service : StorefrontConfig.SERVICES) {
            Map<String, Object> deployment = map(ecsService(Synth.blueGreenTemplate(), service).get("DeploymentConfiguration"));
            int bakeMinutes = integer(deployment.get("BakeTimeInMinutes"));
            // The old revision must still be there to take traffic back when an alarm fires.
            assertThat(bakeMinutes).isEqualTo(5);
            assertThat(bakeMinutes * 60L).isGreaterThan(alarmWindowSeconds);
            assertThat(map(deployment.get("Alarms"))).containsEntry("Rollback", true);
        }
        Timings d = DESIGN;
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Timings(
                d.paymentsPerRequestTimeout(), d.ordersToPaymentsReadTimeout(), d.ordersPerRequestTimeout(),
                d.frontendToOrdersReadTimeout(), d.deregistrationDelay(), d.drainDelay(), d.shutdownGracePeriod(),
                d.stopTimeout(), d.livenessInterval(), d.livenessTimeout(), d.livenessRetries(),
                d.livenessStartPeriod(), d.readinessInterval(), d.readinessTimeout(),
                d.readinessHealthyThreshold(), d.readinessUnhealthyThreshold(), d.healthCheckGracePeriod(),
                d.scaleOutCooldown(), d.scaleInCooldown(), d.alarmPeriod(), d.alarmEvaluationPeriods(),
                d.serviceConnectIdleTimeout(), Duration.ofMinutes(2), d.statementTimeout(), d.proxyBorrowTimeout()));
        assertThat(error).hasMessageContaining("blue/green bake time");
    }

    @Test
    void deregistrationDelayOutlastsTheLongestRequest() {
        for (Map<String, Object> targetGroup : template.findResources("AWS::ElasticLoadBalancingV2::TargetGroup").values()) {
            Map<String, Object> attributes = attributes(map(targetGroup.get("Properties")));
            int delay = Integer.parseInt((String) attributes.get("deregistration_delay.timeout_seconds"));
            assertThat(delay).isEqualTo(30)
                    .isGreaterThanOrEqualTo((int) DESIGN.frontendToOrdersReadTimeout().toSeconds());
        }
    }

    @Test
    void stopTimeoutOutlastsDrainDelayPlusGracePeriodInEveryService() {
        for (String service : StorefrontConfig.SERVICES) {
            Map<String, Object> app = container(template, service, service);
            Map<String, Object> environment = environment(app);
            long drain = seconds(environment.get("DRAIN_DELAY"));
            long grace = seconds(environment.get("SHUTDOWN_GRACE_PERIOD"));

            assertThat(drain).isEqualTo(5);
            assertThat(grace).isEqualTo(20);
            assertThat(integer(app.get("StopTimeout"))).isEqualTo(60).isGreaterThan((int) (drain + grace));
        }
    }

    @Test
    void containerHealthCheckProbesLivenessWithTheDesignedPeriods() {
        for (String service : StorefrontConfig.SERVICES) {
            Map<String, Object> healthCheck = map(container(template, service, service).get("HealthCheck"));
            assertThat(list(healthCheck.get("Command"))).last().asString().endsWith(":8080/health/liveness");
            assertThat(integer(healthCheck.get("Interval"))).isEqualTo(15);
            assertThat(integer(healthCheck.get("Timeout"))).isEqualTo(5);
            assertThat(integer(healthCheck.get("Retries"))).isEqualTo(3);
            assertThat(integer(healthCheck.get("StartPeriod"))).isEqualTo(30);
        }
    }

    @Test
    void albHealthCheckProbesReadinessWithTheDesignedPeriods() {
        template.resourcePropertiesCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
                "HealthCheckPath", "/health/readiness",
                "HealthCheckIntervalSeconds", 10,
                "HealthCheckTimeoutSeconds", 5,
                "HealthyThresholdCount", 2,
                "UnhealthyThresholdCount", 2,
                "Matcher", Map.of("HttpCode", "200")), 2);
    }

    @Test
    void everyServiceWaitsTheGracePeriodBeforeHealthChecksCount() {
        for (String service : StorefrontConfig.SERVICES) {
            assertThat(integer(ecsService(template, service).get("HealthCheckGracePeriodSeconds")))
                    .isEqualTo(60)
                    .isGreaterThanOrEqualTo((int) DESIGN.livenessStartPeriod().toSeconds());
        }
    }

    @Test
    void aLadderWithAnInnerBudgetLongerThanItsCallerIsRejected() {
        Timings d = DESIGN;
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Timings(
                Duration.ofSeconds(4), d.ordersToPaymentsReadTimeout(), d.ordersPerRequestTimeout(),
                d.frontendToOrdersReadTimeout(), d.deregistrationDelay(), d.drainDelay(), d.shutdownGracePeriod(),
                d.stopTimeout(), d.livenessInterval(), d.livenessTimeout(), d.livenessRetries(),
                d.livenessStartPeriod(), d.readinessInterval(), d.readinessTimeout(),
                d.readinessHealthyThreshold(), d.readinessUnhealthyThreshold(), d.healthCheckGracePeriod(),
                d.scaleOutCooldown(), d.scaleInCooldown(), d.alarmPeriod(), d.alarmEvaluationPeriods(),
                d.serviceConnectIdleTimeout(), d.blueGreenBakeTime(), d.statementTimeout(), d.proxyBorrowTimeout()));
    }

    @Test
    void aStopTimeoutShorterThanDrainPlusGraceIsRejected() {
        Timings d = DESIGN;
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Timings(
                d.paymentsPerRequestTimeout(), d.ordersToPaymentsReadTimeout(), d.ordersPerRequestTimeout(),
                d.frontendToOrdersReadTimeout(), d.deregistrationDelay(), d.drainDelay(), d.shutdownGracePeriod(),
                Duration.ofSeconds(25), d.livenessInterval(), d.livenessTimeout(), d.livenessRetries(),
                d.livenessStartPeriod(), d.readinessInterval(), d.readinessTimeout(),
                d.readinessHealthyThreshold(), d.readinessUnhealthyThreshold(), d.healthCheckGracePeriod(),
                d.scaleOutCooldown(), d.scaleInCooldown(), d.alarmPeriod(), d.alarmEvaluationPeriods(),
                d.serviceConnectIdleTimeout(), d.blueGreenBakeTime(), d.statementTimeout(), d.proxyBorrowTimeout()));
        assertThat(error).hasMessageContaining("ECS stopTimeout");
    }

    private static int perRequestTimeoutSeconds(String service) {
        return integer(serviceConnectTimeout(service).get("PerRequestTimeoutSeconds"));
    }

    private static Map<String, Object> serviceConnectTimeout(String service) {
        Map<String, Object> serviceConnect = map(ecsService(template, service).get("ServiceConnectConfiguration"));
        Map<String, Object> server = map(list(serviceConnect.get("Services")).get(0));
        return map(server.get("Timeout"));
    }

    private static Map<String, Object> attributes(Map<String, Object> targetGroup) {
        return list(targetGroup.get("TargetGroupAttributes")).stream()
                .map(Resources::map)
                .collect(java.util.stream.Collectors.toMap(a -> (String) a.get("Key"), a -> a.get("Value")));
    }

    private static long seconds(Object micronautDuration) {
        String text = (String) micronautDuration;
        assertThat(text).endsWith("s");
        return Long.parseLong(text.substring(0, text.length() - 1));
    }
}
