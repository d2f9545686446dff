package dev.storefront.infra;

import static dev.storefront.infra.Resources.ecsService;
import static dev.storefront.infra.Resources.list;
import static dev.storefront.infra.Resources.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class IngressTest {

    static final String SHARED_LISTENER_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/platform-shared/50dc6c495c0c9188/f2f7dc8efc522ab2";
    static final String SHARED_SECURITY_GROUP = "sg-0123456789abcdef0";

    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synth.defaultTemplate();
    }

    @Test
    void frontendIsRegisteredInTwoIpTargetGroupsOnTheSameContainerAndPort() {
        List<Map<String, Object>> loadBalancers = list(ecsService(template, "frontend").get("LoadBalancers")).stream()
                .map(Resources::map)
                .toList();

        assertThat(loadBalancers).hasSize(2);
        assertThat(loadBalancers).allSatisfy(entry -> {
            assertThat(entry.get("ContainerName")).isEqualTo("frontend");
            assertThat(entry.get("ContainerPort")).isEqualTo(8080);
        });
        Set<String> targetGroups = loadBalancers.stream()
                .map(entry -> (String) map(entry.get("TargetGroupArn")).get("Ref"))
                .collect(Collectors.toSet());
        assertThat(targetGroups).hasSize(2);
        Map<String, Map<String, Object>> all = template.findResources("AWS::ElasticLoadBalancingV2::TargetGroup");
        for (String targetGroup : targetGroups) {
            assertThat(map(all.get(targetGroup).get("Properties")))
                    .containsEntry("TargetType", "ip")
                    .containsEntry("Port", 8080)
                    .containsEntry("Protocol", "HTTP")
                    .containsEntry("HealthCheckPath", "/health/readiness");
        }
    }

    @Test
    void ordersAndPaymentsHaveNoLoadBalancer() {
        assertThat(list(ecsService(template, "orders").get("LoadBalancers"))).isEmpty();
        assertThat(list(ecsService(template, "payments").get("LoadBalancers"))).isEmpty();
    }

    @Test
    void targetGroupsDeregisterAfterThirtySeconds() {
        template.resourcePropertiesCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
                "TargetGroupAttributes", Match.arrayWith(List.of(Map.of(
                        "Key", "deregistration_delay.timeout_seconds", "Value", "30")))), 2);
    }

    @Test
    void publicAlbIsInternetFacingAndForwardsHttpToThePublicTargetGroup() {
        String publicAlb = Resources.logicalId(template, "AWS::ElasticLoadBalancingV2::LoadBalancer",
                Map.of("Scheme", "internet-facing"));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "LoadBalancerArn", Resources.ref(publicAlb),
                "Port", 80,
                "Protocol", "HTTP",
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "forward")))));
        template.hasOutput(StorefrontStack.PUBLIC_DNS_OUTPUT, Map.of(
                "Value", Resources.getAtt(publicAlb, "DNSName")));
    }

    @Test
    void publicAlbWritesAccessLogs() {
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of(
                "Scheme", "internet-facing",
                // arrayWith matches in order: the attributes as CDK writes them.
                "LoadBalancerAttributes", Match.arrayWith(List.of(
                        Map.of("Key", "routing.http.drop_invalid_header_fields.enabled", "Value", "true"),
                        Map.of("Key", "access_logs.s3.enabled", "Value", "true")))));
    }

    @Test
    void sharedInternalListenerForwardsItsPathRuleToTheSecondTargetGroup() {
        String sharedAlb = Resources.logicalId(template, "AWS::ElasticLoadBalancingV2::LoadBalancer",
                Map.of("Scheme", "internal"));
        String sharedListener = Resources.logicalId(template, "AWS::ElasticLoadBalancingV2::Listener",
                Map.of("LoadBalancerArn", Resources.ref(sharedAlb)));
        Map<String, Object> rule = Resources.properties(template, "AWS::ElasticLoadBalancingV2::ListenerRule", Map.of());

        assertThat(rule).containsEntry("ListenerArn", Resources.ref(sharedListener)).containsEntry("Priority", 100);
        // The API, the storefront page, its scripts and the OpenAPI document: moving clients to this
        // listener (or to API Gateway in front of it) must not lose the page.
        assertThat(rule.get("Conditions")).isEqualTo(List.of(Map.of(
                "Field", "path-pattern", "PathPatternConfig", Map.of("Values",
                        List.of("/api/*", "/", "/index.html", "/*.js", "/openapi*")))));
        String forwardedTo = (String) map(map(list(rule.get("Actions")).get(0)).get("TargetGroupArn")).get("Ref");
        assertThat(forwardedTo).isNotEqualTo(Resources.publicTargetGroup(template));
        template.hasOutput(StorefrontStack.SHARED_DNS_OUTPUT, Map.of("Value", Resources.getAtt(sharedAlb, "DNSName")));
    }

    @Test
    void unhealthyHostAlarmsWatchBothTargetGroups() {
        Set<String> watched = template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties", Match.objectLike(
                        Map.of("MetricName", "UnHealthyHostCount")))).values().stream()
                .flatMap(alarm -> list(map(alarm.get("Properties")).get("Dimensions")).stream())
                .map(Resources::map)
                .filter(dimension -> "TargetGroup".equals(dimension.get("Name")))
                .map(dimension -> String.valueOf(dimension.get("Value")))
                .collect(Collectors.toSet());
        assertThat(watched).hasSize(2);
    }

    @Test
    void withACertificateThePublicAlbServesHttpsAndRedirectsHttp() {
        Template https = Synth.template(Map.of(
                "storefront:certificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/abc"));

        https.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Port", 443,
                "Protocol", "HTTPS",
                "Certificates", List.of(Map.of("CertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/abc")),
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "forward")))));
        https.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Port", 80,
                "DefaultActions", List.of(Map.of("Type", "redirect", "RedirectConfig", Map.of(
                        "Port", "443", "Protocol", "HTTPS", "StatusCode", "HTTP_301")))));
    }

    @Test
    void anImportedSharedListenerGetsTheRuleAndItsSecurityGroupReachesFrontend() {
        Template imported = Synth.template(Map.of(
                "storefront:sharedListenerArn", SHARED_LISTENER_ARN,
                "storefront:sharedListenerSecurityGroupId", SHARED_SECURITY_GROUP,
                "storefront:sharedListenerPathPatterns", "/shop/*,/api/*",
                "storefront:sharedListenerRulePriority", "42"));

        imported.resourcePropertiesCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("Scheme", "internal"), 0);
        imported.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Map.of(
                "ListenerArn", SHARED_LISTENER_ARN,
                "Priority", 42,
                "Conditions", List.of(Map.of("Field", "path-pattern",
                        "PathPatternConfig", Map.of("Values", List.of("/shop/*", "/api/*"))))));
        String frontendSecurityGroup = Resources.logicalId(imported, "AWS::EC2::SecurityGroup",
                Map.of("GroupDescription", "storefront frontend tasks"));
        imported.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
                "GroupId", Resources.getAtt(frontendSecurityGroup, "GroupId"),
                "SourceSecurityGroupId", SHARED_SECURITY_GROUP,
                "FromPort", 8080,
                "ToPort", 8080));
        assertThat(list(ecsService(imported, "frontend").get("LoadBalancers"))).hasSize(2);
        imported.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of("MetricName", "UnHealthyHostCount"), 2);
    }

    @Test
    void aMutableImportedSharedAlbSecurityGroupGetsItsEgressRuleToFrontend() {
        Template mutable = Synth.template(Map.of(
                "storefront:sharedListenerArn", SHARED_LISTENER_ARN,
                "storefront:sharedListenerSecurityGroupId", SHARED_SECURITY_GROUP,
                "storefront:sharedListenerSecurityGroupMutable", "true"));
        String frontendSecurityGroup = Resources.logicalId(mutable, "AWS::EC2::SecurityGroup",
                Map.of("GroupDescription", "storefront frontend tasks"));
        mutable.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of(
                "GroupId", SHARED_SECURITY_GROUP,
                "DestinationSecurityGroupId", Resources.getAtt(frontendSecurityGroup, "GroupId"),
                "FromPort", 8080,
                "ToPort", 8080));
    }

    @Test
    void anImmutableImportedSharedAlbSecurityGroupGetsASynthTimeNoteInstead() {
        software.amazon.awscdk.App app = Synth.app(Map.of(
                "storefront:sharedListenerArn", SHARED_LISTENER_ARN,
                "storefront:sharedListenerSecurityGroupId", SHARED_SECURITY_GROUP));
        StorefrontStack stack = StorefrontApp.addTo(app);
        software.amazon.awscdk.assertions.Annotations.fromStack(stack).hasWarning("*", Match.stringLikeRegexp(
                ".*" + SHARED_SECURITY_GROUP + ".*outbound rule: TCP 8080 to the frontend tasks' security group"
                        + " \\(stack output FrontendSecurityGroupId\\).*"));
        Template.fromStack(stack).resourcePropertiesCountIs("AWS::EC2::SecurityGroupEgress",
                Map.of("GroupId", SHARED_SECURITY_GROUP), 0);
    }

    @Test
    void importingTheSharedListenerWithoutItsSecurityGroupFailsSynth() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Synth.template(Map.of(
                        "storefront:sharedListenerArn", SHARED_LISTENER_ARN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("storefront:sharedListenerSecurityGroupId");
    }
}
