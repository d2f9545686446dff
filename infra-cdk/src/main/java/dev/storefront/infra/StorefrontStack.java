package dev.storefront.infra;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
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
                config.databaseMultiAz(), config.deletionProtection(), "orders", "storefront"));
        Telemetry telemetry = new Telemetry(this, "Telemetry", Telemetry.Props.of(config.adotImage()), LOG_RETENTION);
        ServiceImages images = new ServiceImages(this, config);

        StorefrontService payments = service("payments", cluster, network, images, sizing, timings, telemetry,
                Map.of(
                        "PAYMENTS_TABLE", data.paymentsTableName(),
                        "AWS_REGION", getRegion(),
                        "PAYMENTS_DECLINE_ABOVE_CENTS", "500000"),
                Map.of(),
                Optional.of(new StorefrontService.ServiceConnectServer(timings.paymentsPerRequestTimeout())));

        StorefrontService orders = service("orders", cluster, network, images, sizing, timings, telemetry,
                Map.of(
                        "PAYMENTS_URL", payments.serviceConnectUrl(),
                        "DB_URL", data.jdbcUrl(),
                        "DB_USERNAME", data.username(),
                        "DB_IAM_AUTH", String.valueOf(config.dbIamAuth()),
                        "DB_POOL_SIZE", String.valueOf(sizing.dbPoolSize()),
                        "AWS_REGION", getRegion()),
                Map.of("DB_PASSWORD", data.password()),
                Optional.of(new StorefrontService.ServiceConnectServer(timings.ordersPerRequestTimeout())));

        StorefrontService frontend = service("frontend", cluster, network, images, sizing, timings, telemetry,
                Map.of("ORDERS_URL", orders.serviceConnectUrl()),
                Map.of(),
                Optional.empty());

        // A Service Connect client learns the endpoints that exist when its tasks start, so the
        // servers are created first: payments, then orders, then frontend.
        orders.service().getNode().addDependency(payments.service());
        frontend.service().getNode().addDependency(orders.service());

        payments.allowFrom(orders);
        orders.allowFrom(frontend);
        data.allowDatabaseAccessFrom(orders);
        data.grantConnect(orders.taskRole());
        data.grantPaymentsAccess(payments.taskRole());

        Ingress ingress = new Ingress(this, "Ingress", new Ingress.Props(
                network.vpc(), network.publicSubnets(), network.appSubnets(), frontend,
                config.certificateArn(), config.sharedListener(), config.sharedPathPatterns(),
                config.sharedRulePriority(), timings, sizing));
        frontend.scaleOnRequestCount(ingress.publicTargetGroup());

        frontend.enableDeploymentAlarms(ingress.alarms());
        orders.enableDeploymentAlarms(List.of());
        payments.enableDeploymentAlarms(List.of());

        new Operations(this, "Operations", new Operations.Props(cluster.cluster(), List.of(frontend, orders, payments),
                List.of(new Operations.Entrance("public", ingress.publicTargetGroup(),
                                Optional.of(ingress.publicLoadBalancer())),
                        new Operations.Entrance("shared", ingress.sharedTargetGroup(), ingress.sharedLoadBalancer())),
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
                .description("Internal ALB with the shared listener (reachable from inside the VPC)")
                .value(shared.getLoadBalancerDnsName())
                .build());
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
            Optional<StorefrontService.ServiceConnectServer> server) {
        String id = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return new StorefrontService(this, id, new StorefrontService.Props(
                name, cluster, network.appSubnets(), images.forService(name), sizing.scaleOf(name),
                environment, secrets, server, telemetry, timings, sizing, LOG_RETENTION));
    }
}
