package dev.storefront.infra;

import static dev.storefront.infra.Resources.ecsService;
import static dev.storefront.infra.Resources.list;
import static dev.storefront.infra.Resources.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** storefront:deploymentStrategy=blue-green (with storefront:sharedListener=false and one NAT gateway). */
class BlueGreenTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synth.blueGreenTemplate();
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void everyServiceDeploysBlueGreenWithABakeTimeAndRollbackAlarms(String service) {
        Map<String, Object> deployment = map(ecsService(template, service).get("DeploymentConfiguration"));
        assertThat(deployment).containsEntry("Strategy", "BLUE_GREEN").containsEntry("BakeTimeInMinutes", 5);
        assertThat(map(deployment.get("Alarms"))).containsEntry("Enable", true).containsEntry("Rollback", true);
    }

    @Test
    void frontendMovesBetweenTheProductionAndAnAlternateTargetGroupThroughListenerRules() {
        List<Object> loadBalancers = list(ecsService(template, "frontend").get("LoadBalancers"));
        assertThat(loadBalancers).hasSize(1);
        Map<String, Object> entry = map(loadBalancers.get(0));
        Map<String, Object> advanced = map(entry.get("AdvancedConfiguration"));
        String production = (String) map(entry.get("TargetGroupArn")).get("Ref");
        String alternate = (String) map(advanced.get("AlternateTargetGroupArn")).get("Ref");
        String productionRule = (String) map(advanced.get("ProductionListenerRule")).get("Ref");
        String testRule = (String) map(advanced.get("TestListenerRule")).get("Ref");

        assertThat(entry).containsEntry("ContainerName", "frontend").containsEntry("ContainerPort", 8080);
        assertThat(production).isNotEqualTo(alternate);
        for (String rule : List.of(productionRule, testRule)) {
            Map<String, Object> properties = map(template.findResources("AWS::ElasticLoadBalancingV2::ListenerRule")
                    .get(rule).get("Properties"));
            assertThat(properties.get("Actions")).isEqualTo(List.of(weightedForward(production, alternate)));
        }
        String productionListener = listenerOf(productionRule);
        String testListener = listenerOf(testRule);
        assertThat(listener(productionListener)).containsEntry("Port", 80);
        assertThat(listener(testListener)).containsEntry("Port", Ingress.TEST_LISTENER_PORT).containsEntry("Protocol", "HTTP");
        assertThat(String.valueOf(map(advanced.get("RoleArn")).get("Fn::GetAtt"))).contains("BlueGreenRole");
    }

    @Test
    void everyListenerOfThePublicAlbOnlyForwardsAsEcsBlueGreenRequires() {
        template.findResources("AWS::ElasticLoadBalancingV2::Listener").values().forEach(listener ->
                list(map(listener.get("Properties")).get("DefaultActions")).forEach(action ->
                        assertThat(map(action).get("Type")).isEqualTo("forward")));
        template.findResources("AWS::ElasticLoadBalancingV2::ListenerRule").values().forEach(rule ->
                list(map(rule.get("Properties")).get("Actions")).forEach(action ->
                        assertThat(map(action).get("Type")).isEqualTo("forward")));
    }

    @Test
    void alternateTargetGroupChecksHealthAndDeregistersLikeTheProductionOne() {
        Map<String, Map<String, Object>> groups = template.findResources("AWS::ElasticLoadBalancingV2::TargetGroup");
        assertThat(groups).hasSize(2);
        List<Map<String, Object>> properties = groups.values().stream().map(group -> map(group.get("Properties")))
                .map(HashMap::new)
                .map(group -> {
                    group.remove("Tags");
                    return (Map<String, Object>) group;
                })
                .toList();
        assertThat(properties.get(0)).isEqualTo(properties.get(1));
        assertThat(properties.get(0)).containsEntry("HealthCheckPath", "/health/readiness");
    }

    @Test
    void theTestListenerAdmitsOnlyTheNatGatewaysAddress() {
        String eip = Resources.logicalId(template, "AWS::EC2::EIP", Map.of());
        String albGroup = (String) list(map(list(Resources.properties(template,
                "AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of()).get("SecurityGroups")).get(0))
                .get("Fn::GetAtt")).get(0);
        List<Object> rules = list(map(template.findResources("AWS::EC2::SecurityGroup").get(albGroup).get("Properties"))
                .get("SecurityGroupIngress"));
        assertThat(rules).contains(Map.of(
                "CidrIp", Map.of("Fn::Join", List.of("", List.of(Resources.getAtt(eip, "PublicIp"), "/32"))),
                "Description", "blue/green smoke checkout from the VPC's NAT gateway",
                "FromPort", 8080, "IpProtocol", "tcp", "ToPort", 8080));
        assertThat(rules).filteredOn(rule -> Integer.valueOf(8080).equals(map(rule).get("FromPort"))).hasSize(1);
    }

    @Test
    void aSmokeCheckoutHookRunsAfterTestTrafficReachesTheNewRevision() {
        Map<String, Object> deployment = map(ecsService(template, "frontend").get("DeploymentConfiguration"));
        Map<String, Object> hook = map(list(deployment.get("LifecycleHooks")).get(0));
        String function = (String) list(map(hook.get("HookTargetArn")).get("Fn::GetAtt")).get(0);
        Map<String, Object> lambda = map(template.findResources("AWS::Lambda::Function").get(function).get("Properties"));

        assertThat(hook.get("LifecycleStages")).isEqualTo(List.of("POST_TEST_TRAFFIC_SHIFT"));
        assertThat(lambda).containsEntry("Runtime", "nodejs24.x").containsEntry("Handler", "index.handler")
                .containsEntry("Timeout", 30).containsKey("VpcConfig");
        Map<String, Object> environment = map(map(lambda.get("Environment")).get("Variables"));
        assertThat(environment).containsEntry("SMOKE_TIMEOUT_MS", "10000").containsEntry("SMOKE_SKU", "SKU-1");
        assertThat(String.valueOf(environment.get("TEST_LISTENER_URL"))).startsWith("{Fn::Join=[, [http://, ")
                .endsWith(":8080]]}");
        template.hasOutput(StorefrontStack.TEST_LISTENER_OUTPUT, Map.of("Value", Match.anyValue()));
    }

    @Test
    void alarmsOfTheAlternateTargetGroupAlsoRollBackAFrontendDeployment() {
        Map<String, Object> alarms = map(map(ecsService(template, "frontend").get("DeploymentConfiguration")).get("Alarms"));
        assertThat(list(alarms.get("AlarmNames"))).containsExactlyInAnyOrder(
                "Storefront-frontend-public-unhealthy-hosts",
                "Storefront-frontend-public-target-5xx",
                "Storefront-frontend-publicalternate-unhealthy-hosts",
                "Storefront-frontend-publicalternate-target-5xx");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "payments"})
    void ordersAndPaymentsShiftThroughServiceConnectWithoutALoadBalancer(String service) {
        Map<String, Object> properties = ecsService(template, service);
        assertThat(list(properties.getOrDefault("LoadBalancers", List.of()))).isEmpty();
        assertThat(map(properties.get("ServiceConnectConfiguration"))).containsKey("Services");
    }

    @Test
    void blueGreenWithTheSharedListenerOnIsRejectedWithWhatToChange() {
        assertThatThrownBy(() -> Synth.template(Map.of(
                "storefront:deploymentStrategy", "blue-green", "storefront:natGateways", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-c storefront:sharedListener=false");
    }

    @Test
    void blueGreenWithoutANatGatewayIsRejectedWithWhatToChange() {
        assertThatThrownBy(() -> Synth.template(Map.of(
                "storefront:deploymentStrategy", "blue-green", "storefront:sharedListener", "false")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("storefront:natGateways >= 1");
    }

    @Test
    void anUnknownStrategyIsRejected() {
        assertThatThrownBy(() -> Synth.template(Map.of("storefront:deploymentStrategy", "canary")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("storefront:deploymentStrategy must be rolling or blue-green, got 'canary'");
    }

    private static Map<String, Object> weightedForward(String production, String alternate) {
        return Map.of("Type", "forward", "ForwardConfig", Map.of("TargetGroups", List.of(
                Map.of("TargetGroupArn", Resources.ref(production), "Weight", 100),
                Map.of("TargetGroupArn", Resources.ref(alternate), "Weight", 0))));
    }

    private static String listenerOf(String rule) {
        return (String) map(map(template.findResources("AWS::ElasticLoadBalancingV2::ListenerRule").get(rule)
                .get("Properties")).get("ListenerArn")).get("Ref");
    }

    private static Map<String, Object> listener(String id) {
        return map(template.findResources("AWS::ElasticLoadBalancingV2::Listener").get(id).get("Properties"));
    }
}
