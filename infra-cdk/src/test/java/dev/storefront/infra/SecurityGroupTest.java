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
    void sharedInternalAlbAdmitsItsClientSecurityGroupOnly() {
        String shared = securityGroupOf("internal");
        String clients = Resources.logicalId(template, "AWS::EC2::SecurityGroup",
                Map.of("GroupDescription", "callers of the shared internal ALB listener"));
        assertThat(ingressSourcesOf(shared)).containsExactly("80 from " + clients);
    }

    @Test
    void interfaceEndpointsAdmitHttpsFromTheThreeTaskSecurityGroupsOnly() {
        Map<String, Map<String, Object>> endpoints = template.findResources("AWS::EC2::VPCEndpoint",
                Map.of("Properties", software.amazon.awscdk.assertions.Match.objectLike(Map.of("VpcEndpointType", "Interface"))));
        assertThat(endpoints).hasSize(6);
        for (Map<String, Object> endpoint : endpoints.values()) {
            String group = (String) list(map(list(map(endpoint.get("Properties")).get("SecurityGroupIds")).get(0))
                    .get("Fn::GetAtt")).get(0);
            assertThat(ingressSourcesOf(group)).containsExactlyInAnyOrder(
                    "443 from " + taskSecurityGroup("frontend"),
                    "443 from " + taskSecurityGroup("orders"),
                    "443 from " + taskSecurityGroup("payments"));
        }
    }

    @Test
    void noSecurityGroupRuleAdmitsAnAddressRangeWhereASecurityGroupExists() {
        // The only CIDR sources: the internet on the public ALB's listener ports.
        List<Object> cidrs = new ArrayList<>();
        template.findResources("AWS::EC2::SecurityGroup").values().forEach(group -> list(map(group.get("Properties"))
                .getOrDefault("SecurityGroupIngress", List.of())).forEach(rule -> cidrs.add(map(rule).get("CidrIp"))));
        template.findResources("AWS::EC2::SecurityGroupIngress").values().forEach(rule ->
                cidrs.add(map(rule.get("Properties")).get("CidrIp")));
        assertThat(cidrs.stream().filter(java.util.Objects::nonNull).toList()).containsOnly("0.0.0.0/0");
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
        return ingressSourcesOf(Resources.logicalId(template, "AWS::EC2::SecurityGroup",
                Map.of("GroupDescription", description)));
    }

    /** "port from source" of every ingress rule of the security group with this logical id. */
    private static List<String> ingressSourcesOf(String group) {
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
