package dev.storefront.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ec2.CfnEIP;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The VPC: two Availability Zones, three tiers of subnets.
 *
 * <ul>
 *   <li>{@code public}: the internet-facing ALB, and NAT gateways if any. Nothing else.</li>
 *   <li>{@code app}: the Fargate tasks (no public IP) and the interface VPC endpoints. Private
 *       with egress through NAT when {@code natGateways > 0}, isolated otherwise.</li>
 *   <li>{@code data}: RDS, isolated (no route out of the VPC at all).</li>
 * </ul>
 *
 * <p>Tasks reach AWS APIs through VPC endpoints, so the default deployment has no NAT gateway
 * and no path to the internet: gateway endpoints for DynamoDB and S3 (ECR image layers live in
 * S3), interface endpoints for ECR (API and registry), CloudWatch Logs, Secrets Manager, SSM and
 * X-Ray (the ADOT collector's exporter). See
 * <a href="https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html">ECR
 * interface VPC endpoints</a>.
 */
public final class Network extends Construct {

    /** The VPC's address range. Security group rules name security groups, never this range. */
    public static final String CIDR = "10.0.0.0/16";

    /** Subnet group of the Fargate tasks. */
    public static final String APP_SUBNETS = "app";
    /** Subnet group of the database. */
    public static final String DATA_SUBNETS = "data";

    /**
     * @param natGateways      NAT gateways (0: none, the tasks reach AWS through endpoints only;
     *                         1: one shared; 2: one per AZ); {@link StorefrontConfig} defaults to 0
     * @param flowLogRetention retention of the VPC flow log; the stack uses one month
     */
    public record Props(int natGateways, RetentionDays flowLogRetention) {
    }

    private final Vpc vpc;
    private final List<InterfaceVpcEndpoint> interfaceEndpoints = new ArrayList<>();

    /** Creates the VPC, its flow log and its endpoints. */
    public Network(Construct scope, String id, Props props) {
        super(scope, id);
        SubnetType appSubnetType = props.natGateways() > 0
                ? SubnetType.PRIVATE_WITH_EGRESS
                : SubnetType.PRIVATE_ISOLATED;
        this.vpc = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr(CIDR))
                .maxAzs(2)
                .natGateways(props.natGateways())
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                        SubnetConfiguration.builder().name(APP_SUBNETS).subnetType(appSubnetType).cidrMask(22).build(),
                        SubnetConfiguration.builder().name(DATA_SUBNETS).subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(26).build()))
                .build();

        vpc.addFlowLog("FlowLog", FlowLogOptions.builder()
                .destination(FlowLogDestination.toCloudWatchLogs(LogGroup.Builder.create(this, "FlowLogGroup")
                        .retention(props.flowLogRetention())
                        .build()))
                .trafficType(FlowLogTrafficType.ALL)
                .build());

        SubnetSelection appSubnets = appSubnets();
        for (Map.Entry<String, GatewayVpcEndpointAwsService> gateway : List.of(
                Map.entry("DynamoDbEndpoint", GatewayVpcEndpointAwsService.DYNAMODB),
                Map.entry("S3Endpoint", GatewayVpcEndpointAwsService.S3))) {
            vpc.addGatewayEndpoint(gateway.getKey(), GatewayVpcEndpointOptions.builder()
                    .service(gateway.getValue())
                    .subnets(List.of(appSubnets))
                    .build());
        }
        // HTTPS from the security groups admitted by allowEndpointsFrom only, not from the VPC's range.
        for (Map.Entry<String, InterfaceVpcEndpointAwsService> endpoint : List.of(
                Map.entry("EcrApiEndpoint", InterfaceVpcEndpointAwsService.ECR),
                Map.entry("EcrRegistryEndpoint", InterfaceVpcEndpointAwsService.ECR_DOCKER),
                Map.entry("LogsEndpoint", InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS),
                Map.entry("SecretsManagerEndpoint", InterfaceVpcEndpointAwsService.SECRETS_MANAGER),
                Map.entry("SsmEndpoint", InterfaceVpcEndpointAwsService.SSM),
                Map.entry("XRayEndpoint", InterfaceVpcEndpointAwsService.XRAY))) {
            interfaceEndpoints.add(vpc.addInterfaceEndpoint(endpoint.getKey(), InterfaceVpcEndpointOptions.builder()
                    .service(endpoint.getValue())
                    .subnets(appSubnets)
                    .privateDnsEnabled(true)
                    .open(false)
                    .build()));
        }
    }

    /**
     * Lets a client (a service's tasks: image pulls, secrets, logs and traces go through its
     * ENI) reach every interface endpoint on 443.
     */
    public void allowEndpointsFrom(IConnectable client, String description) {
        for (InterfaceVpcEndpoint endpoint : interfaceEndpoints) {
            endpoint.getConnections().allowFrom(client, Port.tcp(443), description);
        }
    }

    /**
     * The public addresses of the NAT gateways (empty without NAT): what a public endpoint sees as
     * the source of traffic leaving the task subnets.
     */
    public List<String> natGatewayPublicIps() {
        List<String> addresses = new ArrayList<>();
        for (ISubnet subnet : vpc.getPublicSubnets()) {
            IConstruct eip = subnet.getNode().tryFindChild("EIP");
            if (eip instanceof CfnEIP address) {
                addresses.add(address.getAttrPublicIp());
            }
        }
        return addresses;
    }

    /** The VPC. */
    public IVpc vpc() {
        return vpc;
    }

    /** The subnets of the ALB. */
    public SubnetSelection publicSubnets() {
        return SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build();
    }

    /** The subnets of the Fargate tasks (and of an internal ALB created here). */
    public SubnetSelection appSubnets() {
        return SubnetSelection.builder().subnetGroupName(APP_SUBNETS).build();
    }

    /** The subnets of the database. */
    public SubnetSelection dataSubnets() {
        return SubnetSelection.builder().subnetGroupName(DATA_SUBNETS).build();
    }
}
