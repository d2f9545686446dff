package dev.storefront.infra;

import java.util.List;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpAlbIntegration;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpAlbIntegrationProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.apigatewayv2.VpcLink;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationListener;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The end state of the migration to the shared ALB: an API Gateway HTTP API in front of the
 * shared internal listener, through a VPC link (private integration). Every method and path goes
 * to the listener, whose rule forwards the API, the page, its scripts and the OpenAPI document to
 * frontend, so moving the public DNS name to this API keeps the whole storefront.
 *
 * <p>The {@code $default} stage writes one JSON access-log line per request and throttles at
 * {@link Sizing#apiRateLimit()} requests per second (burst {@link Sizing#apiBurstLimit()}), above
 * what frontend serves at its maximum scale, so the throttle stops a flood, not ordinary peaks.
 * The VPC link's security group may reach only the ALB's listener port, and the ALB admits it.
 */
public final class ApiGateway extends Construct {

    /** One JSON line per request, with the context variables of HTTP APIs. */
    private static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"ip\":\"$context.identity.sourceIp\",\"requestTime\":\"$context.requestTime\","
            + "\"httpMethod\":\"$context.httpMethod\",\"path\":\"$context.path\","
            + "\"status\":\"$context.status\",\"protocol\":\"$context.protocol\","
            + "\"responseLength\":\"$context.responseLength\","
            + "\"integrationStatus\":\"$context.integrationStatus\","
            + "\"integrationLatency\":\"$context.integrationLatency\","
            + "\"integrationError\":\"$context.integrationErrorMessage\"}";

    /**
     * @param vpc          the VPC of the shared ALB
     * @param subnets      the VPC link's subnets (the task subnets)
     * @param listener     the shared internal ALB listener
     * @param ingress      admits the VPC link on the listener
     * @param sizing       the throttling limits
     * @param logRetention retention of the access log
     */
    public record Props(IVpc vpc, SubnetSelection subnets, IApplicationListener listener, Ingress ingress,
                        Sizing sizing, RetentionDays logRetention) {
    }

    private final HttpApi api;
    private final HttpStage stage;

    /** Creates the VPC link, the HTTP API, its stage and access log. */
    public ApiGateway(Construct scope, String id, Props props) {
        super(scope, id);
        SecurityGroup linkSecurityGroup = SecurityGroup.Builder.create(this, "VpcLinkSecurityGroup")
                .vpc(props.vpc())
                .description("API Gateway VPC link: to the shared ALB listener only")
                .allowAllOutbound(false)
                .build();
        props.ingress().allowSharedListenerFrom(linkSecurityGroup, "the API Gateway VPC link");

        VpcLink link = VpcLink.Builder.create(this, "VpcLink")
                .vpc(props.vpc())
                .subnets(props.subnets())
                .securityGroups(List.of(linkSecurityGroup))
                .build();
        this.api = HttpApi.Builder.create(this, "Api")
                .description("storefront: public entry through the shared internal ALB")
                .createDefaultStage(false)
                .defaultIntegration(new HttpAlbIntegration("SharedListener", props.listener(),
                        HttpAlbIntegrationProps.builder().vpcLink(link).method(HttpMethod.ANY).build()))
                .build();

        LogGroup accessLog = LogGroup.Builder.create(this, "AccessLog").retention(props.logRetention()).build();
        LogGroupLogDestination destination = new LogGroupLogDestination(accessLog);
        this.stage = HttpStage.Builder.create(this, "DefaultStage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(props.sizing().apiRateLimit())
                        .burstLimit(props.sizing().apiBurstLimit())
                        .build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return destination;
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                    }
                })
                .build();
        Nag.acknowledge(api, "AwsSolutions-APIG4",
                "The storefront's public API is anonymous by design (browse, check out, read an order by its"
                        + " unguessable id), as on the public ALB it replaces; abuse is bounded by the stage's throttling");
    }

    /** The stage's invoke URL, {@code https://<api id>.execute-api.<region>.amazonaws.com/}. */
    public String url() {
        return stage.getUrl();
    }
}
