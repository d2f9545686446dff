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

/**
 * The timing ladder (docs/timing-ladder.md), read back from the synthesized template around the
 * values the services run with, which {@link Timings.ServiceTimings#shipped()} reads from their own
 * configuration.
 */
class TimingLadderTest {

    private static Template template;
    private static final Timings SHIPPED = Timings.defaults();

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
        assertThat((long) payments).isLessThan(SHIPPED.services().ordersToPaymentsReadTimeout().toSeconds());
        assertThat(SHIPPED.services().ordersToPaymentsReadTimeout().toSeconds()).isLessThan(orders);
        assertThat((long) orders).isLessThan(SHIPPED.services().frontendToOrdersReadTimeout().toSeconds());
    }

    @Test
    void serviceConnectIdleTimeoutOutlastsEveryRequestBudgetAroundIt() {
        for (String service : java.util.List.of("orders", "payments")) {
            Map<String, Object> timeout = serviceConnectTimeout(service);
            int idle = integer(timeout.get("IdleTimeoutSeconds"));
            // An idle timeout at or below the per-request timeout would cut requests still in budget.
            assertThat(idle).isEqualTo(60)
                    .isGreaterThan(integer(timeout.get("PerRequestTimeoutSeconds")))
                    .isGreaterThan((int) SHIPPED.services().frontendToOrdersReadTimeout().toSeconds())
                    .isGreaterThan((int) SHIPPED.services().ordersToPaymentsReadTimeout().toSeconds());
        }
    }

    @Test
    void anIdleTimeoutNotAboveThePerRequestTimeoutIsRejected() {
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SHIPPED.toBuilder().serviceConnectIdleTimeout(Duration.ofSeconds(5)).build());
        assertThat(error).hasMessageContaining("Service Connect idle timeout");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new StorefrontService.ServiceConnectServer(Duration.ofSeconds(5), Duration.ofSeconds(5),
                        java.util.Optional.empty()));
    }

    @Test
    void blueGreenBakeTimeOutlastsTheTimeADeploymentAlarmNeedsToFire() {
        long alarmWindowSeconds = SHIPPED.alarmPeriod().toSeconds() * SHIPPED.alarmEvaluationPeriods();
        for (String service : StorefrontConfig.SERVICES) {
            Map<String, Object> deployment = map(ecsService(Synth.blueGreenTemplate(), service).get("DeploymentConfiguration"));
            int bakeMinutes = integer(deployment.get("BakeTimeInMinutes"));
            // The old revision must still be there to take traffic back when an alarm fires.
            assertThat(bakeMinutes).isEqualTo(5);
            assertThat(bakeMinutes * 60L).isGreaterThan(alarmWindowSeconds);
            assertThat(map(deployment.get("Alarms"))).containsEntry("Rollback", true);
        }
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SHIPPED.toBuilder().blueGreenBakeTime(Duration.ofMinutes(2)).build());
        assertThat(error).hasMessageContaining("blue/green bake time");
    }

    @Test
    void deregistrationDelayOutlastsTheLongestRequest() {
        for (Map<String, Object> targetGroup : template.findResources("AWS::ElasticLoadBalancingV2::TargetGroup").values()) {
            Map<String, Object> attributes = attributes(map(targetGroup.get("Properties")));
            int delay = Integer.parseInt((String) attributes.get("deregistration_delay.timeout_seconds"));
            assertThat(delay).isEqualTo(30)
                    .isGreaterThanOrEqualTo((int) SHIPPED.services().frontendToOrdersReadTimeout().toSeconds());
        }
    }

    @Test
    void stopTimeoutOutlastsTheDrainTheServicesShipWith() {
        Timings.ServiceTimings services = SHIPPED.services();
        for (String service : StorefrontConfig.SERVICES) {
            Map<String, Object> app = container(template, service, service);
            // The services' own drain settings apply: the task overrides neither.
            assertThat(environment(app)).doesNotContainKeys("DRAIN_DELAY", "SHUTDOWN_GRACE_PERIOD");
            assertThat(integer(app.get("StopTimeout"))).isEqualTo(60)
                    .isGreaterThanOrEqualTo((int) services.minimumStopTimeout().toSeconds());
        }
        assertThat(services.minimumStopTimeout())
                .isGreaterThan(services.drainDelay().plus(services.shutdownGracePeriod()));
    }

    @Test
    void bothTargetGroupsRampANewTaskUpInsteadOfFloodingIt() {
        for (Map<String, Object> targetGroup : template.findResources("AWS::ElasticLoadBalancingV2::TargetGroup").values()) {
            Map<String, Object> attributes = attributes(map(targetGroup.get("Properties")));
            assertThat(Integer.parseInt((String) attributes.get("slow_start.duration_seconds"))).isEqualTo(120);
            // Slow start needs round robin: the ALB does not combine it with least outstanding requests.
            assertThat(attributes).doesNotContainEntry("load_balancing.algorithm.type", "least_outstanding_requests");
        }
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SHIPPED.toBuilder().slowStart(Duration.ofSeconds(10)).build());
        assertThat(error).hasMessageContaining("slow start");
    }

    @Test
    void theLoadBalancersCloseIdleConnectionsBeforeTheServicesDo() {
        for (Map<String, Object> loadBalancer : template.findResources("AWS::ElasticLoadBalancingV2::LoadBalancer").values()) {
            Map<String, Object> attributes = attributes(map(loadBalancer.get("Properties")), "LoadBalancerAttributes");
            int idle = Integer.parseInt((String) attributes.get("idle_timeout.timeout_seconds"));
            assertThat(idle).isEqualTo(60).isLessThan((int) SHIPPED.services().keepAliveIdleTimeout().toSeconds());
        }
    }

    @Test
    void aServiceTimeoutChangedAloneOutsideTheLadderFailsTheSynthesis() {
        Timings.ServiceTimings shipped = SHIPPED.services();
        // Inside Service Connect's 5 s per-request timeout in front of orders: that proxy would
        // answer 504 before frontend gives up.
        var inside = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> SHIPPED
                .toBuilder().services(shipped.withFrontendToOrdersReadTimeout(Duration.ofSeconds(4))).build());
        assertThat(inside).hasMessageContaining("frontend's read timeout towards orders");
        // Beyond the deregistration delay: the ALB would cut requests still in budget.
        var beyond = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> SHIPPED
                .toBuilder().services(shipped.withFrontendToOrdersReadTimeout(Duration.ofSeconds(31))).build());
        assertThat(beyond).hasMessageContaining("deregistration delay");
    }

    @Test
    void theLadderIsCheckedAgainstTheServicesCurrentConfiguration() throws java.io.IOException {
        // The packaged copies (ServiceSettings) are the modules' files as they are now, not as last
        // built: a stale copy would let a changed service timeout pass unnoticed.
        for (String service : StorefrontConfig.SERVICES) {
            assertThat(packaged("service-settings/" + service + "/application.yml"))
                    .isEqualTo(java.nio.file.Files.readString(
                            java.nio.file.Path.of("..", service, "src/main/resources/application.yml")));
        }
        assertThat(packaged("service-settings/storefront-defaults.yml")).isEqualTo(java.nio.file.Files.readString(
                java.nio.file.Path.of("..", dev.storefront.common.config.ShippedSettings.SHARED_DEFAULTS_SOURCE)));
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
                    .isGreaterThanOrEqualTo((int) SHIPPED.livenessStartPeriod().toSeconds());
        }
    }

    @Test
    void aLadderWithAnInnerBudgetLongerThanItsCallerIsRejected() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SHIPPED.toBuilder().paymentsPerRequestTimeout(Duration.ofSeconds(4)).build());
    }

    @Test
    void aStopTimeoutShorterThanDrainPlusGraceIsRejected() {
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SHIPPED.toBuilder().stopTimeout(Duration.ofSeconds(25)).build());
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
        return attributes(targetGroup, "TargetGroupAttributes");
    }

    private static Map<String, Object> attributes(Map<String, Object> resource, String property) {
        return list(resource.get(property)).stream()
                .map(Resources::map)
                .collect(java.util.stream.Collectors.toMap(a -> (String) a.get("Key"), a -> a.get("Value")));
    }

    private static String packaged(String resource) throws java.io.IOException {
        try (var in = TimingLadderTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
