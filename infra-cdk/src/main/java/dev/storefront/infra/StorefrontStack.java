package dev.storefront.infra;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecs.ServiceConnectTlsConfiguration;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The storefront on ECS Fargate: wires {@link Network}, {@link StorefrontCluster}, {@link Data},
 * {@link Telemetry}, three {@link StorefrontService}s, {@link Ingress} and {@link Operations}. Each concern lives in
 * its construct; this class only connects them.
 *
 * <p>Request path: public ALB (or shared listener) → frontend → Service Connect → orders →
 * Service Connect → payments; orders uses PostgreSQL, payments DynamoDB.
 */
public final class StorefrontStack extends Stack {

    /** Output: DNS name of the internet-facing ALB. */
    public static final String PUBLIC_DNS_OUTPUT = "PublicLoadBalancerDnsName";
    /** Output: name of the ECS cluster, for the aws ecs commands that watch a deployment. */
    public static final String CLUSTER_OUTPUT = "ClusterName";
    /** Output: DNS name of the internal ALB, when the shared listener is created here. */
    public static final String SHARED_DNS_OUTPUT = "SharedLoadBalancerDnsName";
    /** Output: security group whose members may call the internal ALB created here. */
    public static final String SHARED_CLIENTS_OUTPUT = "SharedListenerClientsSecurityGroupId";
    /** Output: the frontend tasks' security group, for rules an imported shared ALB needs. */
    public static final String FRONTEND_SECURITY_GROUP_OUTPUT = "FrontendSecurityGroupId";
    /** Output: the API Gateway stage URL (storefront:apiGateway). */
    public static final String API_URL_OUTPUT = "ApiUrl";
    /** Output: the blue/green test listener (storefront:deploymentStrategy=blue-green). */
    public static final String TEST_LISTENER_OUTPUT = "TestListenerUrl";

    private static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;

    /**
     * Builds the stack.
     *
     * @param config what the deployment chose (context)
     * @throws IllegalArgumentException if a task size, the timing ladder or the connection budget is invalid
     * @throws IllegalStateException if a service image has neither an image URI nor a buildable Dockerfile
     */
    public StorefrontStack(Construct scope, String id, StackProps stackProps, StorefrontConfig config) {
        super(scope, id, stackProps);
        Timings timings = Timings.defaults();
        Sizing sizing = config.sizing();

        Network network = new Network(this, "Network", new Network.Props(config.natGateways(), LOG_RETENTION));
        StorefrontCluster cluster = new StorefrontCluster(this, "Cluster", StorefrontCluster.Props.of(network.vpc()));
        Data data = new Data(this, "Data", new Data.Props(
                network.vpc(), network.dataSubnets(), sizing.database(),
                config.databaseMultiAz(), config.deletionProtection(), "orders", "storefront",
                config.rdsProxy()
                        ? Optional.of(new Data.Proxy(network.appSubnets(), config.dbIamAuth(),
                                timings.proxyBorrowTimeout(), sizing.proxyMaxConnectionsPercent(),
                                timings.services().statementTimeout()))
                        : Optional.empty()));
        Optional<ServiceConnectTlsConfiguration> tls = config.serviceConnectTlsCaArn().map(this::serviceConnectTls);
        Telemetry telemetry = new Telemetry(this, "Telemetry", Telemetry.Props.of(config.adotImage()), LOG_RETENTION);
        ServiceImages images = new ServiceImages(this, config);

        StorefrontService payments = service("payments", cluster, network, images, sizing, timings, telemetry,
                Map.of(
                        "PAYMENTS_TABLE", data.paymentsTableName(),
                        "AWS_REGION", getRegion()),
                Map.of(),
                Optional.of(new StorefrontService.ServiceConnectServer(timings.paymentsPerRequestTimeout(),
                        timings.serviceConnectIdleTimeout(), tls)),
                config.blueGreen());

        StorefrontService orders = service("orders", cluster, network, images, sizing, timings, telemetry,
                Map.of(
                        "PAYMENTS_URL", payments.serviceConnectUrl(),
                        "DB_URL", data.jdbcUrl(),
                        "DB_USERNAME", data.username(),
                        "DB_IAM_AUTH", String.valueOf(config.dbIamAuth()),
                        "AWS_REGION", getRegion()),
                Map.of("DB_PASSWORD", data.password()),
                Optional.of(new StorefrontService.ServiceConnectServer(timings.ordersPerRequestTimeout(),
                        timings.serviceConnectIdleTimeout(), tls)),
                config.blueGreen());

        StorefrontService frontend = service("frontend", cluster, network, images, sizing, timings, telemetry,
                Map.of("ORDERS_URL", orders.serviceConnectUrl()),
                Map.of(),
                Optional.empty(),
                config.blueGreen());

        // A Service Connect client learns the endpoints that exist when its tasks start, so the
        // servers are created first: payments, then orders, then frontend.
        orders.service().getNode().addDependency(payments.service());
        frontend.service().getNode().addDependency(orders.service());

        payments.allowFrom(orders);
        orders.allowFrom(frontend);
        for (StorefrontService service : List.of(frontend, orders, payments)) {
            network.allowEndpointsFrom(service.service(), service.name() + " tasks to AWS APIs");
        }
        data.allowDatabaseAccessFrom(orders);
        data.grantConnect(orders.taskRole());
        data.grantPaymentsAccess(payments.taskRole());

        Ingress ingress = new Ingress(this, "Ingress", new Ingress.Props(
                network.vpc(), network.publicSubnets(), network.appSubnets(), frontend,
                config.certificateArn(), config.sharedListener(), config.sharedPathPatterns(),
                config.sharedRulePriority(), timings, sizing, config.sharedListenerEnabled(),
                config.sharedListenerSecurityGroupMutable(), config.blueGreen(), network.natGatewayPublicIps()));
        frontend.scaleOnRequestCount(ingress.targetGroups());

        ingress.testListenerUrl().ifPresent(url -> {
            SmokeCheckoutHook hook = new SmokeCheckoutHook(this, "SmokeCheckoutHook", new SmokeCheckoutHook.Props(
                    network.vpc(), network.appSubnets(), url, config.repositoryRoot(), LOG_RETENTION));
            frontend.service().addLifecycleHook(hook.target());
            CfnOutput.Builder.create(this, TEST_LISTENER_OUTPUT)
                    .description("Blue/green test listener: the new frontend revision during a deployment"
                            + " (reachable only through this VPC's NAT gateways)")
                    .value(url)
                    .build();
        });
        if (config.apiGateway()) {
            ApiGateway api = new ApiGateway(this, "ApiGateway", new ApiGateway.Props(
                    network.vpc(), network.appSubnets(), ingress.sharedListener().orElseThrow(), ingress,
                    sizing, LOG_RETENTION));
            CfnOutput.Builder.create(this, API_URL_OUTPUT)
                    .description("API Gateway HTTP API in front of the shared listener: <this>api/products")
                    .value(api.url())
                    .build();
        }

        frontend.enableDeploymentAlarms(ingress.alarms());
        orders.enableDeploymentAlarms(List.of());
        payments.enableDeploymentAlarms(List.of());

        // Every target group frontend is registered in: the public one, the shared listener's (when on),
        // and blue/green's alternate (which takes the production traffic half of the time).
        List<Operations.Entrance> entrances = new java.util.ArrayList<>();
        entrances.add(new Operations.Entrance("public", ingress.publicTargetGroup(),
                Optional.of(ingress.publicLoadBalancer())));
        ingress.alternateTargetGroup().ifPresent(alternate -> entrances.add(
                new Operations.Entrance("alternate", alternate, Optional.of(ingress.publicLoadBalancer()))));
        ingress.sharedTargetGroup().ifPresent(shared -> entrances.add(
                new Operations.Entrance("shared", shared, ingress.sharedLoadBalancer())));
        new Operations(this, "Operations", new Operations.Props(cluster.cluster(), List.of(frontend, orders, payments),
                List.copyOf(entrances),
                data.database(), Data.ALLOCATED_STORAGE_GIB, data.paymentsTable(), timings, sizing,
                Duration.ofMinutes(5), Optional.ofNullable(getNode().tryGetContext(Operations.ALARM_EMAIL_CONTEXT)).map(String::valueOf)));

        CfnOutput.Builder.create(this, CLUSTER_OUTPUT)
                .description("ECS cluster of the three services")
                .value(cluster.cluster().getClusterName())
                .build();
        CfnOutput.Builder.create(this, PUBLIC_DNS_OUTPUT)
                .description("Internet-facing ALB: http(s)://<this>/api/products")
                .value(ingress.publicLoadBalancer().getLoadBalancerDnsName())
                .build();
        ingress.sharedLoadBalancer().ifPresent(shared -> CfnOutput.Builder.create(this, SHARED_DNS_OUTPUT)
                .description("Internal ALB with the shared listener (reachable from members of "
                        + SHARED_CLIENTS_OUTPUT + ")")
                .value(shared.getLoadBalancerDnsName())
                .build());
        ingress.sharedListenerClients().ifPresent(clients -> CfnOutput.Builder.create(this, SHARED_CLIENTS_OUTPUT)
                .description("Security group to attach to a caller of the shared internal ALB")
                .value(clients.getSecurityGroupId())
                .build());
        CfnOutput.Builder.create(this, FRONTEND_SECURITY_GROUP_OUTPUT)
                .description("Security group of the frontend tasks")
                .value(frontend.service().getConnections().getSecurityGroups().get(0).getSecurityGroupId())
                .build();
    }

    /**
     * Service Connect TLS with an AWS Private CA: ECS issues and rotates the proxies' certificates
     * through the given role (ECS Developer Guide, "Encrypt Amazon ECS Service Connect traffic").
     */
    private ServiceConnectTlsConfiguration serviceConnectTls(String certificateAuthorityArn) {
        Role role = Role.Builder.create(this, "ServiceConnectTlsRole")
                .description("ECS infrastructure role: Service Connect TLS certificates from the Private CA")
                .assumedBy(new ServicePrincipal("ecs.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName(
                        "service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity")))
                .build();
        Nag.acknowledge(role, "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                        + "AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity]",
                "AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity is the policy ECS"
                        + " documents for this role; it is scoped by ECS to the Private CA named in the service");
        return ServiceConnectTlsConfiguration.builder()
                .awsPcaAuthorityArn(certificateAuthorityArn)
                .role(role)
                .build();
    }

    private StorefrontService service(
            String name,
            StorefrontCluster cluster,
            Network network,
            ServiceImages images,
            Sizing sizing,
            Timings timings,
            Telemetry telemetry,
            Map<String, String> environment,
            Map<String, software.amazon.awscdk.services.ecs.Secret> secrets,
            Optional<StorefrontService.ServiceConnectServer> server,
            boolean blueGreen) {
        String id = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return new StorefrontService(this, id, new StorefrontService.Props(
                name, cluster, network.appSubnets(), images.forService(name), sizing.scaleOf(name),
                environment, secrets, server, telemetry, timings, sizing, LOG_RETENTION, blueGreen));
    }
}
