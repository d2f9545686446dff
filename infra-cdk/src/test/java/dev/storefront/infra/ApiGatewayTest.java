package dev.storefront.infra;

import static dev.storefront.infra.Resources.list;
import static dev.storefront.infra.Resources.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** storefront:apiGateway=true: an HTTP API in front of the shared internal listener. */
class ApiGatewayTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synth.template(Map.of("storefront:apiGateway", "true"));
    }

    @Test
    void anHttpApiSendsEveryRequestThroughAVpcLinkToTheSharedListener() {
        template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"));
        String sharedAlb = Resources.logicalId(template, "AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("Scheme", "internal"));
        String sharedListener = Resources.logicalId(template, "AWS::ElasticLoadBalancingV2::Listener",
                Map.of("LoadBalancerArn", Resources.ref(sharedAlb)));
        String vpcLink = Resources.logicalId(template, "AWS::ApiGatewayV2::VpcLink", Map.of());

        Map<String, Object> integration = Resources.properties(template, "AWS::ApiGatewayV2::Integration", Map.of());
        assertThat(integration).containsEntry("IntegrationType", "HTTP_PROXY")
                .containsEntry("ConnectionType", "VPC_LINK")
                .containsEntry("ConnectionId", Resources.ref(vpcLink))
                .containsEntry("IntegrationUri", Resources.ref(sharedListener))
                .containsEntry("IntegrationMethod", "ANY");
        template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "$default"));
    }

    @Test
    void theStageWritesAccessLogsAndThrottles() {
        Map<String, Object> stage = Resources.properties(template, "AWS::ApiGatewayV2::Stage", Map.of());
        assertThat(stage).containsEntry("StageName", "$default").containsEntry("AutoDeploy", true);
        assertThat(map(stage.get("DefaultRouteSettings")))
                .containsEntry("ThrottlingRateLimit", 200)
                .containsEntry("ThrottlingBurstLimit", 400);
        Map<String, Object> accessLog = map(stage.get("AccessLogSettings"));
        String logGroup = (String) list(map(accessLog.get("DestinationArn")).get("Fn::GetAtt")).get(0);
        assertThat(template.findResources("AWS::Logs::LogGroup")).containsKey(logGroup);
        assertThat((String) accessLog.get("Format")).contains("$context.requestId", "$context.status",
                "$context.integrationStatus");
    }

    @Test
    void theVpcLinkMayReachTheSharedListenerPortOnlyAndTheAlbAdmitsIt() {
        String link = Resources.logicalId(template, "AWS::EC2::SecurityGroup",
                Map.of("GroupDescription", "API Gateway VPC link: to the shared ALB listener only"));
        String sharedAlb = Resources.logicalId(template, "AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("Scheme", "internal"));
        String albGroup = (String) list(map(list(map(template.findResources("AWS::ElasticLoadBalancingV2::LoadBalancer")
                .get(sharedAlb).get("Properties")).get("SecurityGroups")).get(0)).get("Fn::GetAtt")).get(0);

        template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
                "GroupId", Resources.getAtt(albGroup, "GroupId"),
                "SourceSecurityGroupId", Resources.getAtt(link, "GroupId"),
                "FromPort", 80, "ToPort", 80));
        Map<String, Map<String, Object>> egress = template.findResources("AWS::EC2::SecurityGroupEgress",
                Map.of("Properties", Match.objectLike(Map.of("GroupId", Resources.getAtt(link, "GroupId")))));
        assertThat(egress.values()).singleElement().satisfies(rule -> assertThat(map(rule.get("Properties")))
                .containsEntry("DestinationSecurityGroupId", Resources.getAtt(albGroup, "GroupId"))
                .containsEntry("FromPort", 80).containsEntry("ToPort", 80));
        assertThat(list(map(template.findResources("AWS::EC2::SecurityGroup").get(link).get("Properties"))
                .getOrDefault("SecurityGroupEgress", List.of()))).noneMatch(rule -> "0.0.0.0/0".equals(map(rule).get("CidrIp")));
        template.hasOutput(StorefrontStack.API_URL_OUTPUT, Map.of("Value", Match.anyValue()));
    }

    @Test
    void anImportedImmutableSharedAlbGetsASynthTimeNoteForEachRuleToAddByHand() {
        App app = Synth.app(Map.of(
                "storefront:apiGateway", "true",
                "storefront:sharedListenerArn", IngressTest.SHARED_LISTENER_ARN,
                "storefront:sharedListenerSecurityGroupId", IngressTest.SHARED_SECURITY_GROUP));
        Annotations annotations = Annotations.fromStack(StorefrontApp.addTo(app));

        annotations.hasWarning("*", Match.stringLikeRegexp(".*outbound rule: TCP 8080 to the frontend tasks' security group.*"));
        annotations.hasWarning("*", Match.stringLikeRegexp(".*inbound rule: TCP 80 from the API Gateway VPC link.*"));
    }

    @Test
    void apiGatewayWithoutTheSharedListenerIsRejected() {
        assertThatThrownBy(() -> Synth.template(Map.of("storefront:apiGateway", "true", "storefront:sharedListener", "false")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("storefront:apiGateway=true fronts the shared internal listener");
    }
}
