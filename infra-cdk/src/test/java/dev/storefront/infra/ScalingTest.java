package dev.storefront.infra;

import static dev.storefront.infra.Resources.list;
import static dev.storefront.infra.Resources.map;
import static org.assertj.core.api.Assertions.assertThat;


import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

class ScalingTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synth.defaultTemplate();
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void everyServiceScalesBetweenTwoAndTenTasks(String service) {
        Map<String, Object> target = Resources.scalableTarget(template, service);
        assertThat(target).containsEntry("MinCapacity", 2).containsEntry("MaxCapacity", 10);
    }

    @Test
    void frontendTracksAlbRequestsPerTaskOverBothTargetGroupsWithACpuGuardrail() {
        Map<String, Map<String, Object>> policies = policiesOf(template, "frontend");

        assertThat(policies.keySet()).containsExactlyInAnyOrder(REQUESTS_PER_TASK, "ECSServiceAverageCPUUtilization");
        Map<String, Object> requests = policies.get(REQUESTS_PER_TASK);
        assertThat(requests).containsEntry("TargetValue", 600);
        assertThat(requestCountTargetGroups(requests)).containsExactlyInAnyOrderElementsOf(
                template.findResources("AWS::ElasticLoadBalancingV2::TargetGroup").keySet());
        assertThat(requestCountTargetGroups(requests)).contains(Resources.publicTargetGroup(template)).hasSize(2);
        List<Map<String, Object>> metrics = metrics(requests);
        assertThat(metrics.get(metrics.size() - 1)).containsEntry("Expression",
                "(FILL(requests0, 0) + FILL(requests1, 0)) / tasks").containsEntry("ReturnData", true);
        assertThat(metrics).filteredOn(metric -> Boolean.TRUE.equals(metric.get("ReturnData"))).hasSize(1);
        Map<String, Object> tasks = map(map(metrics.stream().filter(m -> "tasks".equals(m.get("Id"))).findFirst()
                .orElseThrow().get("MetricStat")).get("Metric"));
        assertThat(tasks).containsEntry("Namespace", "ECS/ContainerInsights").containsEntry("MetricName", "RunningTaskCount");
    }

    @Test
    void withoutTheSharedListenerRequestScalingWatchesThePublicTargetGroupAlone() {
        Template single = Synth.template(Map.of("storefront:sharedListener", "false"));
        Map<String, Object> requests = policiesOf(single, "frontend").get(REQUESTS_PER_TASK);
        assertThat(requestCountTargetGroups(requests)).containsExactly(Resources.publicTargetGroup(single));
        List<Map<String, Object>> metrics = metrics(requests);
        assertThat(metrics.get(metrics.size() - 1)).containsEntry("Expression", "(FILL(requests0, 0)) / tasks");
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void noServiceSetsItsDesiredCountSoADeployNeverResetsTheRunningCount(String service) {
        assertThat(Resources.ecsService(template, service)).doesNotContainKey("DesiredCount");
        assertThat(Resources.scalableTarget(template, service)).containsEntry("MinCapacity", 2);
    }

    private static final String REQUESTS_PER_TASK = "requests per task, all target groups";

    private static List<Map<String, Object>> metrics(Map<String, Object> policy) {
        return list(map(policy.get("CustomizedMetricSpecification")).get("Metrics")).stream().map(Resources::map).toList();
    }

    /** Logical ids of the target groups whose RequestCount the policy sums. */
    private static List<String> requestCountTargetGroups(Map<String, Object> policy) {
        return metrics(policy).stream()
                .filter(metric -> metric.containsKey("MetricStat"))
                .map(metric -> map(map(metric.get("MetricStat")).get("Metric")))
                .filter(metric -> "RequestCount".equals(metric.get("MetricName")))
                .flatMap(metric -> list(metric.get("Dimensions")).stream().map(Resources::map))
                .filter(dimension -> "TargetGroup".equals(dimension.get("Name")))
                .map(dimension -> (String) list(map(dimension.get("Value")).get("Fn::GetAtt")).get(0))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "payments"})
    void ordersAndPaymentsTrackCpu(String service) {
        Map<String, Map<String, Object>> policies = policiesOf(template, service);
        assertThat(policies.keySet()).containsExactly("ECSServiceAverageCPUUtilization");
        assertThat(policies.get("ECSServiceAverageCPUUtilization")).containsEntry("TargetValue", 60);
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void scalingOutIsFastAndScalingInIsSlow(String service) {
        for (Map<String, Object> policy : policiesOf(template, service).values()) {
            assertThat(policy).containsEntry("ScaleOutCooldown", 60).containsEntry("ScaleInCooldown", 300);
        }
    }

    /** Target-tracking configurations of a service's policies, by predefined metric type (or custom). */
    private static Map<String, Map<String, Object>> policiesOf(Template template, String service) {
        String target = Resources.logicalId(template, "AWS::ApplicationAutoScaling::ScalableTarget",
                Resources.scalableTarget(template, service));
        return template.findResources("AWS::ApplicationAutoScaling::ScalingPolicy").values().stream()
                .map(policy -> map(policy.get("Properties")))
                .filter(policy -> Resources.ref(target).equals(policy.get("ScalingTargetId")))
                .map(policy -> map(policy.get("TargetTrackingScalingPolicyConfiguration")))
                .collect(Collectors.toMap(
                        configuration -> configuration.containsKey("PredefinedMetricSpecification")
                                ? (String) map(configuration.get("PredefinedMetricSpecification")).get("PredefinedMetricType")
                                : REQUESTS_PER_TASK,
                        configuration -> configuration));
    }

}
