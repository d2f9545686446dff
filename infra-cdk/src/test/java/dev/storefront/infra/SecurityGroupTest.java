package dev.storefront.infra;

import static dev.storefront.infra.Resources.list;
import static dev.storefront.infra.Resources.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class SecurityGroupTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synth.defaultTemplate();
    }

    @Test
    void onlyThePublicAlbListenerPortsAreOpenToTheInternet() {
        assertThat(openToTheInternet(template)).containsExactly("PublicLoadBalancer:80");
    }

    @Test
    void withHttpsOnlyPorts80And443AreOpenToTheInternet() {
        Template https = Synth.template(Map.of(
                "storefront:certificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/abc"));
        assertThat(openToTheInternet(https)).containsExactlyInAnyOrder("PublicLoadBalancer:80", "PublicLoadBalancer:443");
    }

    @Test
    void frontendAdmitsItsPortFromTheTwoAlbSecurityGroupsOnly() {
        assertThat(ingressSources("storefront frontend tasks")).containsExactlyInAnyOrder(
                "8080 from " + securityGroupOf("internet-facing"),
                "8080 from " + securityGroupOf("internal"));
    }

    @Test
    void ordersAdmitsFrontendAndPaymentsAdmitsOrdersOnly() {
        assertThat(ingressSources("storefront orders tasks"))
                .containsExactly("8080 from " + taskSecurityGroup("frontend"));
        assertThat(ingressSources("storefront payments tasks"))
                .containsExactly("8080 from " + taskSecurityGroup("orders"));
    }

    @Test
    void databaseAdmitsOrdersOnlyAndIsNotPublic() {
        assertThat(ingressSources("orders database: PostgreSQL from the orders tasks only"))
                .containsExactly("5432 from " + taskSecurityGroup("orders"));
        template.hasResourceProperties("AWS::RDS::DBInstance", Map.of("PubliclyAccessible", false));
    }

    /** "Construct:port" of every ingress rule, inline or separate, from 0.0.0.0/0 or ::/0. */
    private static List<String> openToTheInternet(Template template) {
        List<String> open = new ArrayList<>();
        template.findResources("AWS::EC2::SecurityGroup").forEach((id, group) -> {
            for (Object rule : list(map(group.get("Properties")).getOrDefault("SecurityGroupIngress", List.of()))) {
                Map<String, Object> ingress = map(rule);
                if ("0.0.0.0/0".equals(ingress.get("CidrIp")) || "::/0".equals(ingress.get("CidrIpv6"))) {
                    open.add(owner(id) + ":" + ingress.get("FromPort"));
                }
            }
        });
        template.findResources("AWS::EC2::SecurityGroupIngress").forEach((id, resource) -> {
            Map<String, Object> ingress = map(resource.get("Properties"));
            if ("0.0.0.0/0".equals(ingress.get("CidrIp")) || "::/0".equals(ingress.get("CidrIpv6"))) {
                open.add(id + ":" + ingress.get("FromPort"));
            }
        });
        return open;
    }

    private static String owner(String securityGroupId) {
        return securityGroupId.startsWith("IngressPublicLoadBalancer") ? "PublicLoadBalancer" : securityGroupId;
    }

    /** "port from source" of every ingress rule of the security group with this description. */
    private static List<String> ingressSources(String description) {
        String group = Resources.logicalId(template, "AWS::EC2::SecurityGroup", Map.of("GroupDescription", description));
        List<String> sources = new ArrayList<>();
        for (Object rule : list(map(template.findResources("AWS::EC2::SecurityGroup").get(group).get("Properties"))
                .getOrDefault("SecurityGroupIngress", List.of()))) {
            sources.add(describe(map(rule)));
        }
        template.findResources("AWS::EC2::SecurityGroupIngress").values().stream()
                .map(resource -> map(resource.get("Properties")))
                .filter(ingress -> Resources.getAtt(group, "GroupId").equals(ingress.get("GroupId")))
                .forEach(ingress -> sources.add(describe(ingress)));
        return sources;
    }

    private static String describe(Map<String, Object> ingress) {
        Object source = ingress.containsKey("SourceSecurityGroupId")
                ? list(map(ingress.get("SourceSecurityGroupId")).get("Fn::GetAtt")).get(0)
                : ingress.get("CidrIp");
        assertThat(ingress.get("FromPort")).isEqualTo(ingress.get("ToPort"));
        return ingress.get("FromPort") + " from " + source;
    }

    private static String securityGroupOf(String scheme) {
        String alb = Resources.logicalId(template, "AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("Scheme", scheme));
        Map<String, Object> properties = map(template.findResources("AWS::ElasticLoadBalancingV2::LoadBalancer")
                .get(alb).get("Properties"));
        return (String) list(map(list(properties.get("SecurityGroups")).get(0)).get("Fn::GetAtt")).get(0);
    }

    private static String taskSecurityGroup(String service) {
        return Resources.logicalId(template, "AWS::EC2::SecurityGroup",
                Map.of("GroupDescription", "storefront " + service + " tasks"));
    }
}
