package dev.storefront.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroupImportOptions;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListenerAttributes;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListenerRule;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancerRedirectConfig;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.IListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.elasticloadbalancingv2.WeightedTargetGroup;
import software.amazon.awscdk.services.ecs.AlternateTarget;
import software.amazon.awscdk.services.ecs.ListenerRuleConfiguration;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * How requests reach frontend: two load balancers, two target groups, one ECS service.
 *
 * <ul>
 *   <li>The <b>public ALB</b>, internet-facing in the public subnets: HTTP on 80, or, with a
 *       certificate, HTTPS on 443 and 80 redirecting to it. It forwards to the <b>public target
 *       group</b>.</li>
 *   <li>A <b>shared internal ALB listener</b>, either created here (an internal ALB in the task
 *       subnets, port 80, admitting the {@code SharedListenerClients} security group and, with
 *       {@code storefront:apiGateway}, the VPC link) or imported by ARN and security group id, as a
 *       platform team's shared listener would be. A path rule forwards the API, the page, its
 *       scripts and the OpenAPI document to the <b>shared target group</b>. Off with
 *       {@code storefront:sharedListener=false}.</li>
 * </ul>
 *
 * <p>With blue/green ({@code storefront:deploymentStrategy=blue-green}) the public target group
 * gets an alternate twin, the production listener and a test listener ({@value #TEST_LISTENER_PORT})
 * forward through weighted rules ECS moves, and the shared listener must be off: ECS blue/green
 * shifts between two target groups of one load balancer through forward-only rules, which neither
 * a second load balancer nor a listener that also answers fixed responses fits.
 *
 * <p>The frontend ECS service is registered in both target groups (IP targets, same container,
 * same port), so both paths serve the same tasks while traffic moves from one to the other.
 * The frontend security group admits the container port from the two ALB security groups only.
 *
 * <p><b>Retiring the original (public) ALB</b> once clients use the shared listener:
 * <ol>
 *   <li>Watch the public target group's RequestCount fall to zero (CloudWatch, AWS/ApplicationELB).</li>
 *   <li>Nothing to change in scaling: frontend's request-count policy sums the requests of every
 *       target group it is registered in.</li>
 *   <li>Remove the public ALB, its listeners and the public target group from this construct
 *       and {@code cdk deploy}: CloudFormation updates the ECS service to one LoadBalancers entry
 *       (a rolling deployment, under the circuit breaker) and then deletes the ALB; the security
 *       group rule from the public ALB goes with it.</li>
 * </ol>
 */
public final class Ingress extends Construct {

    /** ALB health checks use readiness: a draining or dependency-less task leaves rotation. */
    static final String READINESS_PATH = "/health/readiness";

    /**
     * @param vpc                the VPC
     * @param publicSubnets      subnets of the internet-facing ALB
     * @param internalSubnets    subnets of an internal ALB created here
     * @param frontend           the service behind both target groups
     * @param certificateArn     ACM certificate: HTTPS on 443, 80 redirects; empty: HTTP on 80
     * @param sharedListener     the shared listener to import; empty: create one here
     * @param sharedPathPatterns paths the shared listener forwards to frontend (at most 5)
     * @param sharedRulePriority priority of that rule on the shared listener
     * @param timings            deregistration delay, health check and alarm timings
     * @param sizing             alarm thresholds
     * @param sharedListenerEnabled register frontend behind the shared listener too (the second
     *                           target group); false: the public ALB only
     * @param sharedSecurityGroupMutable the imported shared listener's security group may get the
     *                           egress rule to frontend here; false: a synth-time warning says what to
     *                           add by hand
     * @param blueGreen          frontend deploys blue/green: alternate target group, production and
     *                           test listener rules, a test listener
     * @param testListenerSources public addresses (the NAT gateways') the blue/green test listener
     *                           admits: the smoke-checkout hook reaches it through them from inside
     *                           the VPC
     */
    public record Props(
            IVpc vpc,
            SubnetSelection publicSubnets,
            SubnetSelection internalSubnets,
            StorefrontService frontend,
            Optional<String> certificateArn,
            Optional<StorefrontConfig.SharedListener> sharedListener,
            List<String> sharedPathPatterns,
            int sharedRulePriority,
            Timings timings,
            Sizing sizing,
            boolean sharedListenerEnabled,
            boolean sharedSecurityGroupMutable,
            boolean blueGreen,
            List<String> testListenerSources) {
        /** Copies the collections, so the record stays immutable. */
        public Props {
            sharedPathPatterns = List.copyOf(sharedPathPatterns);
            testListenerSources = List.copyOf(testListenerSources);
        }
    }

    private static final String BLUE_GREEN_POLICY = "AmazonECSInfrastructureRolePolicyForLoadBalancers";

    /** Port of the blue/green test listener on the public ALB. */
    public static final int TEST_LISTENER_PORT = 8080;

    private final Props props;
    private final ApplicationLoadBalancer publicLoadBalancer;
    private Optional<ApplicationLoadBalancer> sharedLoadBalancer;
    private Optional<ApplicationListener> testListener = Optional.empty();
    private final ApplicationTargetGroup publicTargetGroup;
    private final Optional<ApplicationTargetGroup> alternateTargetGroup;
    private final Optional<ApplicationTargetGroup> sharedTargetGroup;
    private final Optional<IApplicationListener> sharedListener;
    private Optional<SecurityGroup> sharedListenerClients;
    private final List<StorefrontService.DeploymentAlarm> alarms = new ArrayList<>();

    /** Creates both load balancer paths and registers frontend in both target groups. */
    public Ingress(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;

        Bucket accessLogs = Bucket.Builder.create(this, "AccessLogs")
                // ALB access logs support SSE-S3 only (ELB User Guide, "Access logs").
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(90)).build()))
                .build();
        Nag.acknowledge(accessLogs, "AwsSolutions-S1",
                "This bucket is the access log destination of the ALBs; server access logs of it"
                        + " would need another log bucket, whose own S1 finding would recurse");

        this.publicLoadBalancer = ApplicationLoadBalancer.Builder.create(this, "PublicLoadBalancer")
                .vpc(props.vpc())
                .vpcSubnets(props.publicSubnets())
                .internetFacing(true)
                .dropInvalidHeaderFields(true)
                .idleTimeout(Timings.cdk(props.timings().loadBalancerIdleTimeout()))
                .build();
        publicLoadBalancer.logAccessLogs(accessLogs, "public");
        Nag.acknowledge(publicLoadBalancer, "AwsSolutions-EC23",
                "Internet-facing ALB: its listener ports (80, and 443 with a certificate) are meant to be"
                        + " reached from anywhere, and its security group admits nothing else");

        this.publicTargetGroup = targetGroup("PublicTargetGroup");
        this.alternateTargetGroup = props.blueGreen()
                ? Optional.of(targetGroup("PublicAlternateTargetGroup"))
                : Optional.empty();
        ApplicationListener production;
        if (props.certificateArn().isPresent()) {
            IListenerCertificate certificate = ListenerCertificate.fromArn(props.certificateArn().get());
            production = publicLoadBalancer.addListener("Https", BaseApplicationListenerProps.builder()
                    .protocol(ApplicationProtocol.HTTPS)
                    .port(443)
                    .certificates(List.of(certificate))
                    .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                    .defaultAction(publicForward())
                    .build());
            publicLoadBalancer.addRedirect(ApplicationLoadBalancerRedirectConfig.builder()
                    .sourceProtocol(ApplicationProtocol.HTTP)
                    .sourcePort(80)
                    .targetProtocol(ApplicationProtocol.HTTPS)
                    .targetPort(443)
                    .build());
        } else {
            production = publicLoadBalancer.addListener("Http", BaseApplicationListenerProps.builder()
                    .protocol(ApplicationProtocol.HTTP)
                    .port(80)
                    .defaultAction(publicForward())
                    .build());
        }
        if (alternateTargetGroup.isPresent()) {
            blueGreen(production, alternateTargetGroup.get());
        } else {
            props.frontend().attachTo(publicTargetGroup);
        }

        if (props.sharedListenerEnabled()) {
            IApplicationListener listener = sharedListener(accessLogs);
            ApplicationTargetGroup shared = targetGroup("SharedTargetGroup");
            ApplicationListenerRule.Builder.create(this, "SharedListenerRule")
                    .listener(listener)
                    .priority(props.sharedRulePriority())
                    .conditions(List.of(ListenerCondition.pathPatterns(props.sharedPathPatterns())))
                    .action(ListenerAction.forward(List.of(shared)))
                    .build();
            props.frontend().attachTo(shared);
            this.sharedListener = Optional.of(listener);
            this.sharedTargetGroup = Optional.of(shared);
        } else {
            this.sharedListener = Optional.empty();
            this.sharedTargetGroup = Optional.empty();
            this.sharedLoadBalancer = Optional.empty();
            this.sharedListenerClients = Optional.empty();
        }

        alarms.addAll(targetGroupAlarms("Public", publicTargetGroup));
        alternateTargetGroup.ifPresent(alternate -> alarms.addAll(targetGroupAlarms("PublicAlternate", alternate)));
        sharedTargetGroup.ifPresent(shared -> alarms.addAll(targetGroupAlarms("Shared", shared)));
    }

    /**
     * The shared listener: imported by ARN, or an internal ALB created here whose security group
     * admits port 80 from the {@code SharedListenerClients} security group only (callers inside
     * the VPC join it; API Gateway's VPC link is admitted by {@link #allowSharedListenerFrom}).
     */
    private IApplicationListener sharedListener(Bucket accessLogs) {
        if (props.sharedListener().isPresent()) {
            StorefrontConfig.SharedListener imported = props.sharedListener().get();
            ISecurityGroup securityGroup = SecurityGroup.fromSecurityGroupId(this, "SharedListenerSecurityGroup",
                    imported.securityGroupId(), SecurityGroupImportOptions.builder()
                            .mutable(props.sharedSecurityGroupMutable())
                            // Mutable: the egress rule to frontend is written here, so CDK must not
                            // assume the group already allows all outbound traffic.
                            .allowAllOutbound(!props.sharedSecurityGroupMutable())
                            .build());
            if (!props.sharedSecurityGroupMutable()) {
                Annotations.of(this).addWarningV2("storefront:sharedListenerEgress", "The shared ALB's security group "
                        + imported.securityGroupId() + " is not changed by this stack. If it restricts egress (the CDK"
                        + " default for ALBs), add by hand an outbound rule: TCP " + StorefrontService.CONTAINER_PORT
                        + " to the frontend tasks' security group (stack output "
                        + StorefrontStack.FRONTEND_SECURITY_GROUP_OUTPUT + "). Without it the shared target group has"
                        + " no healthy target and its alarms roll back every frontend deployment. Or pass"
                        + " -c storefront:sharedListenerSecurityGroupMutable=true to have the stack add it.");
            }
            this.sharedLoadBalancer = Optional.empty();
            this.sharedListenerClients = Optional.empty();
            return ApplicationListener.fromApplicationListenerAttributes(this, "SharedListener",
                    ApplicationListenerAttributes.builder()
                            .listenerArn(imported.listenerArn())
                            .securityGroup(securityGroup)
                            .build());
        }
        ApplicationLoadBalancer internal = ApplicationLoadBalancer.Builder.create(this, "SharedLoadBalancer")
                .vpc(props.vpc())
                .vpcSubnets(props.internalSubnets())
                .internetFacing(false)
                .dropInvalidHeaderFields(true)
                .idleTimeout(Timings.cdk(props.timings().loadBalancerIdleTimeout()))
                .build();
        internal.logAccessLogs(accessLogs, "shared");
        ApplicationListener listener = internal.addListener("Http", BaseApplicationListenerProps.builder()
                .protocol(ApplicationProtocol.HTTP)
                .port(80)
                // Internal: only the security groups admitted below, never 0.0.0.0/0.
                .open(false)
                .defaultAction(ListenerAction.fixedResponse(404))
                .build());
        SecurityGroup clients = SecurityGroup.Builder.create(this, "SharedListenerClients")
                .vpc(props.vpc())
                .description("callers of the shared internal ALB listener")
                .build();
        listener.getConnections().allowFrom(clients, Port.tcp(80), "callers of the shared listener");
        this.sharedLoadBalancer = Optional.of(internal);
        this.sharedListenerClients = Optional.of(clients);
        return listener;
    }

    /**
     * Blue/green on the public ALB: the production listener and a test listener each get a rule
     * that forwards, by weight, to the production and the alternate target group; ECS moves the
     * weights during a deployment and registers each revision's tasks in one of the two. Every
     * action forwards: ECS blue/green does not support listeners that mix forward with fixed
     * responses or redirects (ECS Developer Guide, "Application Load Balancer resources for
     * blue/green deployments"). The test listener admits only the given addresses (the NAT gateways
     * through which the smoke-checkout hook leaves the VPC).
     */
    private void blueGreen(ApplicationListener production, ApplicationTargetGroup alternate) {
        ApplicationListenerRule productionRule = ApplicationListenerRule.Builder.create(this, "ProductionRule")
                .listener(production)
                .priority(1)
                .conditions(List.of(ListenerCondition.pathPatterns(List.of("/*"))))
                .action(publicForward())
                .build();
        this.testListener = Optional.of(publicLoadBalancer.addListener("Test", BaseApplicationListenerProps.builder()
                .protocol(ApplicationProtocol.HTTP)
                .port(TEST_LISTENER_PORT)
                .open(false)
                .defaultAction(publicForward())
                .build()));
        ApplicationListenerRule testRule = ApplicationListenerRule.Builder.create(this, "TestRule")
                .listener(testListener.get())
                .priority(1)
                .conditions(List.of(ListenerCondition.pathPatterns(List.of("/*"))))
                .action(publicForward())
                .build();
        for (String source : props.testListenerSources()) {
            testListener.get().getConnections().allowFrom(Peer.ipv4(source + "/32"), Port.tcp(TEST_LISTENER_PORT),
                    "blue/green smoke checkout from the VPC's NAT gateway");
        }
        Role role = Role.Builder.create(this, "BlueGreenRole")
                .description("ECS infrastructure role: moves frontend's listener rules between its target groups")
                .assumedBy(new ServicePrincipal("ecs.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName(BLUE_GREEN_POLICY)))
                .build();
        Nag.acknowledge(role, "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/" + BLUE_GREEN_POLICY + "]",
                BLUE_GREEN_POLICY + " is the policy ECS documents for the blue/green infrastructure role"
                        + " (ECS Developer Guide, \"Amazon ECS infrastructure IAM role for load balancers\")");
        props.frontend().attachTo(publicTargetGroup, AlternateTarget.Builder.create("PublicAlternateTarget")
                .alternateTargetGroup(alternate)
                .role(role)
                .productionListener(ListenerRuleConfiguration.applicationListenerRule(productionRule))
                .testListener(ListenerRuleConfiguration.applicationListenerRule(testRule))
                .build());
    }

    /** Forward to the public target group, or by weight 100/0 to it and the alternate one. */
    private ListenerAction publicForward() {
        if (alternateTargetGroup.isEmpty()) {
            return ListenerAction.forward(List.of(publicTargetGroup));
        }
        return ListenerAction.weightedForward(List.of(
                WeightedTargetGroup.builder().targetGroup(publicTargetGroup).weight(100).build(),
                WeightedTargetGroup.builder().targetGroup(alternateTargetGroup.get()).weight(0).build()));
    }

    /** The internet-facing ALB. */
    public ApplicationLoadBalancer publicLoadBalancer() {
        return publicLoadBalancer;
    }

    /** The internal ALB, when the shared listener was created here rather than imported. */
    public Optional<ApplicationLoadBalancer> sharedLoadBalancer() {
        return sharedLoadBalancer;
    }

    /** The target group behind the public ALB. */
    public ApplicationTargetGroup publicTargetGroup() {
        return publicTargetGroup;
    }

    /** The target group behind the shared listener's path rule, unless the shared listener is off. */
    public Optional<ApplicationTargetGroup> sharedTargetGroup() {
        return sharedTargetGroup;
    }

    /** The blue/green alternate of the public target group. */
    public Optional<ApplicationTargetGroup> alternateTargetGroup() {
        return alternateTargetGroup;
    }

    /** Every target group frontend's tasks are registered in (or, for the alternate, may be). */
    public List<ApplicationTargetGroup> targetGroups() {
        List<ApplicationTargetGroup> all = new ArrayList<>(List.of(publicTargetGroup));
        alternateTargetGroup.ifPresent(all::add);
        sharedTargetGroup.ifPresent(all::add);
        return all;
    }

    /** The shared listener (created or imported), unless it is off. */
    public Optional<IApplicationListener> sharedListener() {
        return sharedListener;
    }

    /** The security group whose members may call the shared internal ALB created here. */
    public Optional<SecurityGroup> sharedListenerClients() {
        return sharedListenerClients;
    }

    /** The blue/green test listener's base URL, {@code http://<public ALB>:8080}. */
    public Optional<String> testListenerUrl() {
        return testListener.map(listener ->
                "http://" + publicLoadBalancer.getLoadBalancerDnsName() + ":" + TEST_LISTENER_PORT);
    }

    /**
     * Lets a client reach the shared listener on port 80: the ingress rule on the ALB's security
     * group and the client's egress rule. On an imported, immutable security group only the
     * client's side is written, and a synth-time warning names the rule to add by hand.
     */
    public void allowSharedListenerFrom(IConnectable client, String description) {
        IApplicationListener listener = sharedListener.orElseThrow(() ->
                new IllegalStateException("The shared listener is off (storefront:sharedListener=false)"));
        listener.getConnections().allowFrom(client, Port.tcp(80), description);
        if (props.sharedListener().isPresent() && !props.sharedSecurityGroupMutable()) {
            Annotations.of(this).addWarningV2("storefront:sharedListenerIngress", "Add by hand to the shared ALB's"
                    + " security group " + props.sharedListener().get().securityGroupId() + " an inbound rule: TCP 80"
                    + " from " + description + " (its security group is not changed by this stack).");
        }
    }

    /** 5xx and UnHealthyHostCount alarms of both target groups, for frontend's deployment alarms. */
    public List<StorefrontService.DeploymentAlarm> alarms() {
        return List.copyOf(alarms);
    }

    private ApplicationTargetGroup targetGroup(String id) {
        Timings timings = props.timings();
        return ApplicationTargetGroup.Builder.create(this, id)
                .vpc(props.vpc())
                .targetType(TargetType.IP)
                .protocol(ApplicationProtocol.HTTP)
                .port(StorefrontService.CONTAINER_PORT)
                .deregistrationDelay(Timings.cdk(timings.deregistrationDelay()))
                .slowStart(Timings.cdk(timings.slowStart()))
                .healthCheck(HealthCheck.builder()
                        .path(READINESS_PATH)
                        .healthyHttpCodes("200")
                        .interval(Timings.cdk(timings.readinessInterval()))
                        .timeout(Timings.cdk(timings.readinessTimeout()))
                        .healthyThresholdCount(timings.readinessHealthyThreshold())
                        .unhealthyThresholdCount(timings.readinessUnhealthyThreshold())
                        .build())
                .build();
    }

    private List<StorefrontService.DeploymentAlarm> targetGroupAlarms(String prefix, ApplicationTargetGroup targetGroup) {
        Timings timings = props.timings();
        MetricOptions period = MetricOptions.builder().period(Timings.cdk(timings.alarmPeriod())).build();
        String unhealthyName = StorefrontService.alarmName(this, "frontend-" + prefix.toLowerCase() + "-unhealthy-hosts");
        Alarm unhealthy = Alarm.Builder.create(this, prefix + "UnhealthyHostsAlarm")
                .alarmName(unhealthyName)
                .alarmDescription(prefix + " target group: a frontend task fails /health/readiness; rolls back a deployment")
                .metric(targetGroup.getMetrics().unhealthyHostCount(MetricOptions.builder()
                        .period(Timings.cdk(timings.alarmPeriod()))
                        .statistic("Maximum")
                        .build()))
                .threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(timings.alarmEvaluationPeriods())
                .datapointsToAlarm(timings.alarmEvaluationPeriods())
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        String errorsName = StorefrontService.alarmName(this, "frontend-" + prefix.toLowerCase() + "-target-5xx");
        Alarm errors = Alarm.Builder.create(this, prefix + "Target5xxAlarm")
                .alarmName(errorsName)
                .alarmDescription(prefix + " target group: frontend answers 5xx; rolls back a deployment")
                .metric(targetGroup.getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, period))
                .threshold(props.sizing().max5xxPerPeriod())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(timings.alarmEvaluationPeriods())
                .datapointsToAlarm(timings.alarmEvaluationPeriods())
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        return List.of(new StorefrontService.DeploymentAlarm(unhealthyName, unhealthy),
                new StorefrontService.DeploymentAlarm(errorsName, errors));
    }
}
