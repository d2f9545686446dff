package dev.storefront.infra;

import static dev.storefront.infra.Resources.map;
import static org.assertj.core.api.Assertions.assertThat;


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
    void frontendTracksAlbRequestsPerTargetWithACpuGuardrail() {
        Map<String, Map<String, Object>> policies = policiesOf("frontend");

        assertThat(policies.keySet()).containsExactlyInAnyOrder("ALBRequestCountPerTarget", "ECSServiceAverageCPUUtilization");
        Map<String, Object> requests = policies.get("ALBRequestCountPerTarget");
        assertThat(requests).containsEntry("TargetValue", 600);
        String publicTargetGroup = Resources.publicTargetGroup(template);
        assertThat(String.valueOf(map(requests.get("PredefinedMetricSpecification")).get("ResourceLabel")))
                .contains(publicTargetGroup);
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "payments"})
    void ordersAndPaymentsTrackCpu(String service) {
        Map<String, Map<String, Object>> policies = policiesOf(service);
        assertThat(policies.keySet()).containsExactly("ECSServiceAverageCPUUtilization");
        assertThat(policies.get("ECSServiceAverageCPUUtilization")).containsEntry("TargetValue", 60);
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void scalingOutIsFastAndScalingInIsSlow(String service) {
        for (Map<String, Object> policy : policiesOf(service).values()) {
            assertThat(policy).containsEntry("ScaleOutCooldown", 60).containsEntry("ScaleInCooldown", 300);
        }
    }

    /** Target-tracking configurations of a service's policies, by predefined metric type. */
    private static Map<String, Map<String, Object>> policiesOf(String service) {
        String target = Resources.logicalId(template, "AWS::ApplicationAutoScaling::ScalableTarget",
                Resources.scalableTarget(template, service));
        return template.findResources("AWS::ApplicationAutoScaling::ScalingPolicy").values().stream()
                .map(policy -> map(policy.get("Properties")))
                .filter(policy -> Resources.ref(target).equals(policy.get("ScalingTargetId")))
                .map(policy -> map(policy.get("TargetTrackingScalingPolicyConfiguration")))
                .collect(Collectors.toMap(
                        configuration -> (String) map(configuration.get("PredefinedMetricSpecification"))
                                .get("PredefinedMetricType"),
                        configuration -> configuration));
    }

}
