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

class NetworkTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synth.defaultTemplate();
    }

    @Test
    void vpcSpansTwoAzsWithPublicAppAndDataSubnets() {
        template.resourceCountIs("AWS::EC2::VPC", 1);
        template.resourceCountIs("AWS::EC2::Subnet", 6);
        template.resourcePropertiesCountIs("AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", true), 2);
        for (String group : List.of("public", "app", "data")) {
            assertThat(subnetIds(group)).as(group + " subnets").hasSize(2);
        }
    }

    @Test
    void noNatGatewayByDefaultSoTasksHaveNoRouteToTheInternet() {
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        // The only default routes are the public subnets' routes to the internet gateway.
        template.resourcePropertiesCountIs("AWS::EC2::Route", Map.of("DestinationCidrBlock", "0.0.0.0/0"), 2);
        template.resourcePropertiesCountIs("AWS::EC2::Route",
                Map.of("GatewayId", Match.anyValue(), "DestinationCidrBlock", "0.0.0.0/0"), 2);
    }

    @Test
    void aNatGatewayIsAnOption() {
        Template withNat = Synth.template(Map.of("storefront:natGateways", 1));
        withNat.resourceCountIs("AWS::EC2::NatGateway", 1);
        withNat.resourcePropertiesCountIs("AWS::EC2::Route",
                Map.of("NatGatewayId", Match.anyValue(), "DestinationCidrBlock", "0.0.0.0/0"), 2);
    }

    @Test
    void tasksRunInTheAppSubnetsWithoutPublicIps() {
        Set<String> appSubnets = subnetIds("app");
        for (String service : StorefrontConfig.SERVICES) {
            Map<String, Object> network = map(map(ecsService(template, service).get("NetworkConfiguration"))
                    .get("AwsvpcConfiguration"));
            assertThat(network.get("AssignPublicIp")).isEqualTo("DISABLED");
            assertThat(refs(network.get("Subnets"))).isEqualTo(appSubnets);
        }
    }

    @Test
    void publicAlbAloneIsInThePublicSubnets() {
        Map<String, Object> alb = Resources.properties(template, "AWS::ElasticLoadBalancingV2::LoadBalancer",
                Map.of("Scheme", "internet-facing"));
        assertThat(refs(alb.get("Subnets"))).isEqualTo(subnetIds("public"));
        Map<String, Object> shared = Resources.properties(template, "AWS::ElasticLoadBalancingV2::LoadBalancer",
                Map.of("Scheme", "internal"));
        assertThat(refs(shared.get("Subnets"))).isEqualTo(subnetIds("app"));
    }

    @Test
    void databaseIsInTheIsolatedDataSubnets() {
        Map<String, Object> subnetGroup = Resources.properties(template, "AWS::RDS::DBSubnetGroup", Map.of());
        assertThat(refs(subnetGroup.get("SubnetIds"))).isEqualTo(subnetIds("data"));
    }

    @Test
    void awsApisAreReachedThroughVpcEndpoints() {
        for (String gateway : List.of("dynamodb", "s3")) {
            template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of(
                    "VpcEndpointType", "Gateway",
                    "ServiceName", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(
                            Match.arrayWith(List.of("." + gateway))))))));
        }
        for (String service : List.of("ecr.api", "ecr.dkr", "logs", "secretsmanager", "ssm", "xray")) {
            template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of(
                    "VpcEndpointType", "Interface",
                    "PrivateDnsEnabled", true,
                    "ServiceName", "com.amazonaws." + Synth.REGION + "." + service));
        }
    }

    @Test
    void vpcFlowLogIsOn() {
        template.hasResourceProperties("AWS::EC2::FlowLog", Map.of(
                "ResourceType", "VPC",
                "TrafficType", "ALL",
                "LogDestinationType", "cloud-watch-logs"));
    }

    /** Logical ids of the subnets of one subnet group (CDK tags them aws-cdk:subnet-name). */
    private static Set<String> subnetIds(String group) {
        return template.findResources("AWS::EC2::Subnet", Map.of("Properties", Match.objectLike(Map.of(
                        "Tags", Match.arrayWith(List.of(Map.of("Key", "aws-cdk:subnet-name", "Value", group)))))))
                .keySet();
    }

    private static Set<String> refs(Object references) {
        return list(references).stream().map(ref -> (String) map(ref).get("Ref")).collect(Collectors.toSet());
    }
}
