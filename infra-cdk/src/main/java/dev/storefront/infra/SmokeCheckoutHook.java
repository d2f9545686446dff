package dev.storefront.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecs.DeploymentLifecycleLambdaTarget;
import software.amazon.awscdk.services.ecs.DeploymentLifecycleLambdaTargetProps;
import software.amazon.awscdk.services.ecs.DeploymentLifecycleStage;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The lifecycle hook of frontend's blue/green deployments: a Lambda function that runs one real
 * checkout through the public ALB's test listener after test traffic has moved to the new
 * revision (stage POST_TEST_TRAFFIC_SHIFT), and lets ECS shift production traffic only if it
 * answers 201. Anything else (202, 5xx, no answer within 10 s) returns FAILED and ECS rolls the
 * deployment back while the old revision still carries all production traffic.
 *
 * <p>The handler is {@code src/main/lambda/smoke-checkout/index.mjs}, Node.js: Node is already a
 * requirement of this CDK app (jsii), so the function needs no build step of its own and its tests
 * ({@code src/test/lambda}) run with Node's built-in runner from the Maven build.
 *
 * <p>The function runs in the task subnets and leaves the VPC through the NAT gateways, whose
 * addresses are the only sources the test listener admits.
 */
public final class SmokeCheckoutHook extends Construct {

    /** Where the handler lives, relative to the repository root. */
    static final String HANDLER_DIRECTORY = "infra-cdk/src/main/lambda/smoke-checkout";

    /** Lambda timeout: the handler gives up after 10 s (SMOKE_TIMEOUT_MS); this leaves it room to report. */
    private static final Duration FUNCTION_TIMEOUT = Duration.seconds(30);

    /**
     * @param vpc             the VPC
     * @param subnets         the task subnets (with a route through NAT)
     * @param testListenerUrl base URL of the blue/green test listener, e.g. {@code http://<alb>:8080}
     * @param repositoryRoot  the checkout holding {@value #HANDLER_DIRECTORY}
     * @param logRetention    retention of the function's log group
     */
    public record Props(IVpc vpc, SubnetSelection subnets, String testListenerUrl, Path repositoryRoot,
                        RetentionDays logRetention) {
    }

    private final Function function;
    private final Role invokeRole;

    /** Creates the function, its security group and log group. */
    public SmokeCheckoutHook(Construct scope, String id, Props props) {
        super(scope, id);
        SecurityGroup securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.vpc())
                .description("blue/green smoke checkout: calls the test listener of the public ALB")
                .build();
        this.function = Function.Builder.create(this, "Function")
                .description("Blue/green hook: one checkout through the test listener; SUCCEEDED only on 201")
                .runtime(Runtime.NODEJS_24_X)
                .handler("index.handler")
                .code(Code.fromAsset(props.repositoryRoot().resolve(HANDLER_DIRECTORY).toAbsolutePath().normalize().toString()))
                .timeout(FUNCTION_TIMEOUT)
                .memorySize(256)
                .vpc(props.vpc())
                .vpcSubnets(props.subnets())
                .securityGroups(List.of(securityGroup))
                .environment(Map.of(
                        "TEST_LISTENER_URL", props.testListenerUrl(),
                        "SMOKE_TIMEOUT_MS", "10000",
                        "SMOKE_SKU", "SKU-1"))
                .logGroup(LogGroup.Builder.create(this, "Logs").retention(props.logRetention()).build())
                .build();
        for (String policy : List.of("AWSLambdaBasicExecutionRole", "AWSLambdaVPCAccessExecutionRole")) {
            Nag.acknowledge(function, "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                    + policy + "]", policy + ": the function writes its own log group and needs ENIs in the VPC;"
                    + " the managed policies are the documented minimum (Lambda Developer Guide, \"Lambda execution role\")");
        }
        this.invokeRole = Role.Builder.create(this, "InvokeRole")
                .description("ECS invokes the blue/green smoke-checkout hook")
                .assumedBy(new ServicePrincipal("ecs.amazonaws.com"))
                .build();
        function.grantInvoke(invokeRole);
        Nag.acknowledge(invokeRole, "AwsSolutions-IAM5[Resource::<" + Stack.of(this).getLogicalId(
                        (CfnElement) function.getNode().getDefaultChild()) + ".Arn>:*]",
                "lambda:InvokeFunction on this one function and its versions (the ':*' suffix); no other function");
    }

    /** The hook ECS runs after test traffic reaches the new revision. */
    public DeploymentLifecycleLambdaTarget target() {
        return new DeploymentLifecycleLambdaTarget(function, "SmokeCheckoutHook",
                DeploymentLifecycleLambdaTargetProps.builder()
                        .lifecycleStages(List.of(DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT))
                        .role(invokeRole)
                        .build());
    }

    /** The function. */
    public Function function() {
        return function;
    }
}
