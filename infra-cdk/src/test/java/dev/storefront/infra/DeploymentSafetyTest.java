package dev.storefront.infra;

import static dev.storefront.infra.Resources.ecsService;
import static dev.storefront.infra.Resources.list;
import static dev.storefront.infra.Resources.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class DeploymentSafetyTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synth.defaultTemplate();
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void circuitBreakerRollsBackAndEveryTaskServesUntilReplaced(String service) {
        Map<String, Object> deployment = map(ecsService(template, service).get("DeploymentConfiguration"));

        assertThat(deployment.get("DeploymentCircuitBreaker")).isEqualTo(Map.of("Enable", true, "Rollback", true));
        assertThat(deployment.get("MinimumHealthyPercent")).isEqualTo(100);
        assertThat(deployment.get("MaximumPercent")).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void tasksAreRebalancedAcrossAvailabilityZones(String service) {
        assertThat(ecsService(template, service).get("AvailabilityZoneRebalancing")).isEqualTo("ENABLED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "payments"})
    void serviceConnect5xxAlarmRollsBackAServerDeployment(String service) {
        Map<String, Object> alarms = map(map(ecsService(template, service).get("DeploymentConfiguration")).get("Alarms"));
        String alarmName = "Storefront-" + service + "-service-connect-5xx";

        assertThat(alarms).isEqualTo(Map.of("AlarmNames", List.of(alarmName), "Enable", true, "Rollback", true));
        Map<String, Object> alarm = Resources.properties(template, "AWS::CloudWatch::Alarm", Map.of("AlarmName", alarmName));
        assertThat(alarm).containsEntry("Namespace", "AWS/ECS")
                .containsEntry("MetricName", "HTTPCode_Target_5XX_Count")
                .containsEntry("ComparisonOperator", "GreaterThanThreshold");
        assertThat(list(alarm.get("Dimensions"))).contains(
                Map.of("Name", "ServiceName", "Value", service),
                Map.of("Name", "DiscoveryName", "Value", service));
    }

    @Test
    void targetGroupAlarmsOfBothAlbsRollBackAFrontendDeployment() {
        Map<String, Object> alarms = map(map(ecsService(template, "frontend").get("DeploymentConfiguration")).get("Alarms"));

        assertThat(alarms.get("Enable")).isEqualTo(true);
        assertThat(alarms.get("Rollback")).isEqualTo(true);
        assertThat(list(alarms.get("AlarmNames"))).containsExactlyInAnyOrder(
                "Storefront-frontend-public-unhealthy-hosts",
                "Storefront-frontend-public-target-5xx",
                "Storefront-frontend-shared-unhealthy-hosts",
                "Storefront-frontend-shared-target-5xx");
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/ApplicationELB", "MetricName", "UnHealthyHostCount"), 2);
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/ApplicationELB", "MetricName", "HTTPCode_Target_5XX_Count"), 2);
    }

    @Test
    void everyDeploymentAlarmExistsBeforeItsService() {
        String frontendId = Resources.logicalId(template, "AWS::ECS::Service", Map.of("ServiceName", "frontend"));
        @SuppressWarnings("unchecked")
        List<String> dependsOn = (List<String>) template.findResources("AWS::ECS::Service").get(frontendId).get("DependsOn");
        for (String alarmName : List.of("Storefront-frontend-public-unhealthy-hosts", "Storefront-frontend-shared-target-5xx")) {
            assertThat(dependsOn).contains(Resources.logicalId(template, "AWS::CloudWatch::Alarm", Map.of("AlarmName", alarmName)));
        }
    }
}
