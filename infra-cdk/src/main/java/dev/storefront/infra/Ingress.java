package dev.storefront.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
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
 *       subnets, port 80, open to the VPC) or imported by ARN and security group id, as a
 *       platform team's shared listener would be. A path rule forwards to the <b>shared target
 *       group</b>.</li>
 * </ul>
 *
 * <p>The frontend ECS service is registered in both target groups (IP targets, same container,
 * same port), so both paths serve the same tasks while traffic moves from one to the other.
 * The frontend security group admits the container port from the two ALB security groups only.
 *
 * <p><b>Retiring the original (public) ALB</b> once clients use the shared listener:
 * <ol>
 *   <li>Watch the public target group's RequestCount fall to zero (CloudWatch, AWS/ApplicationELB).</li>
 *   <li>Move frontend's request-count scaling to the shared target group
 *       ({@code frontend.scaleOnRequestCount(sharedTargetGroup())} in {@link StorefrontStack}).</li>
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
            Sizing sizing) {
        /** Copies the collections, so the record stays immutable. */
        public Props {
            sharedPathPatterns = List.copyOf(sharedPathPatterns);
        }
    }

    private final Props props;
    private final ApplicationLoadBalancer publicLoadBalancer;
    private final Optional<ApplicationLoadBalancer> sharedLoadBalancer;
    private final ApplicationTargetGroup publicTargetGroup;
    private final ApplicationTargetGroup sharedTargetGroup;
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
                .build();
        publicLoadBalancer.logAccessLogs(accessLogs, "public");
        Nag.acknowledge(publicLoadBalancer, "AwsSolutions-EC23",
                "Internet-facing ALB: its listener ports (80, and 443 with a certificate) are meant to be"
                        + " reached from anywhere, and its security group admits nothing else");

        this.publicTargetGroup = targetGroup("PublicTargetGroup");
        if (props.certificateArn().isPresent()) {
            IListenerCertificate certificate = ListenerCertificate.fromArn(props.certificateArn().get());
            publicLoadBalancer.addListener("Https", BaseApplicationListenerProps.builder()
                    .protocol(ApplicationProtocol.HTTPS)
                    .port(443)
                    .certificates(List.of(certificate))
                    .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                    .defaultTargetGroups(List.of(publicTargetGroup))
                    .build());
            publicLoadBalancer.addRedirect(ApplicationLoadBalancerRedirectConfig.builder()
                    .sourceProtocol(ApplicationProtocol.HTTP)
                    .sourcePort(80)
                    .targetProtocol(ApplicationProtocol.HTTPS)
                    .targetPort(443)
                    .build());
        } else {
            publicLoadBalancer.addListener("Http", BaseApplicationListenerProps.builder()
                    .protocol(ApplicationProtocol.HTTP)
                    .port(80)
                    .defaultTargetGroups(List.of(publicTargetGroup))
                    .build());
        }
        props.frontend().attachTo(publicTargetGroup);

        IApplicationListener sharedListener;
        if (props.sharedListener().isPresent()) {
            StorefrontConfig.SharedListener imported = props.sharedListener().get();
            sharedListener = ApplicationListener.fromApplicationListenerAttributes(this, "SharedListener",
                    ApplicationListenerAttributes.builder()
                            .listenerArn(imported.listenerArn())
                            // Not mutable: the platform team owns that security group; only
                            // frontend's side of the rule is written here.
                            .securityGroup(SecurityGroup.fromSecurityGroupId(this, "SharedListenerSecurityGroup",
                                    imported.securityGroupId(),
                                    SecurityGroupImportOptions.builder().mutable(false).build()))
                            .build());
            this.sharedLoadBalancer = Optional.empty();
        } else {
            ApplicationLoadBalancer internal = ApplicationLoadBalancer.Builder.create(this, "SharedLoadBalancer")
                    .vpc(props.vpc())
                    .vpcSubnets(props.internalSubnets())
                    .internetFacing(false)
                    .dropInvalidHeaderFields(true)
                    .build();
            internal.logAccessLogs(accessLogs, "shared");
            sharedListener = internal.addListener("Http", BaseApplicationListenerProps.builder()
                    .protocol(ApplicationProtocol.HTTP)
                    .port(80)
                    // Internal: reachable from the VPC, not from 0.0.0.0/0.
                    .open(false)
                    .defaultAction(ListenerAction.fixedResponse(404))
                    .build());
            internal.getConnections().allowFrom(Peer.ipv4(Network.CIDR), Port.tcp(80),
                    "clients inside the VPC");
            this.sharedLoadBalancer = Optional.of(internal);
        }

        this.sharedTargetGroup = targetGroup("SharedTargetGroup");
        ApplicationListenerRule.Builder.create(this, "SharedListenerRule")
                .listener(sharedListener)
                .priority(props.sharedRulePriority())
                .conditions(List.of(ListenerCondition.pathPatterns(props.sharedPathPatterns())))
                .action(ListenerAction.forward(List.of(sharedTargetGroup)))
                .build();
        props.frontend().attachTo(sharedTargetGroup);

        alarms.addAll(targetGroupAlarms("Public", publicTargetGroup));
        alarms.addAll(targetGroupAlarms("Shared", sharedTargetGroup));
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

    /** The target group behind the shared listener's path rule. */
    public ApplicationTargetGroup sharedTargetGroup() {
        return sharedTargetGroup;
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
