package dev.storefront.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalingPolicy;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecs.AlarmBehavior;
import software.amazon.awscdk.services.ecs.AppProtocol;
import software.amazon.awscdk.services.ecs.AvailabilityZoneRebalancing;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerDependency;
import software.amazon.awscdk.services.ecs.ContainerDependencyCondition;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentAlarmOptions;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.DeploymentStrategy;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.IAlternateTarget;
import software.amazon.awscdk.services.ecs.LinuxParameters;
import software.amazon.awscdk.services.ecs.LoadBalancerTargetOptions;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.Protocol;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.ServiceConnectProps;
import software.amazon.awscdk.services.ecs.ServiceConnectService;
import software.amazon.awscdk.services.ecs.ServiceConnectTlsConfiguration;
import software.amazon.awscdk.services.ecs.TrackCustomMetricProps;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One storefront service on Fargate: task definition, service container, ADOT sidecar, ECS
 * service, Service Connect, security group, deployment alarms and auto scaling. The same
 * construct builds frontend, orders and payments; they differ only in their {@link Props}.
 *
 * <p>What every service gets, and where the rule comes from:
 * <ul>
 *   <li>ARM64 task of a valid Fargate size ({@link TaskSize}), in private subnets, no public IP.</li>
 *   <li>One container listening on {@value #CONTAINER_PORT} with the named port mapping
 *       {@code <service>-api} and app protocol HTTP (Service Connect needs the name; the protocol
 *       gives it HTTP metrics and 5xx counts).</li>
 *   <li>Container health check on {@code /health/liveness}, which checks no dependency, so a
 *       database outage never makes ECS replace every task at once. It is also
 *       what Service Connect routes by: its proxies send to tasks whose health status is healthy
 *       and eject those that keep failing (outlier detection); they never call readiness.</li>
 *   <li>stopTimeout longer than DRAIN_DELAY + SHUTDOWN_GRACE_PERIOD (docs/drain.md), an init
 *       process to forward SIGTERM and reap zombies, a read-only root filesystem with a
 *       writable task volume on {@code /tmp} for the JVM's temporary files.</li>
 *   <li>Deployment circuit breaker with rollback, minimum healthy 100 %, maximum 200 %,
 *       Availability Zone rebalancing, CloudWatch alarms that roll a deployment back; rolling,
 *       or blue/green with a bake time.</li>
 *   <li>No desired count in the template: auto scaling (minimum 2) owns the running count, so a
 *       deployment never resets it.</li>
 * </ul>
 */
public final class StorefrontService extends Construct {

    /** The port every service listens on inside its container (MICRONAUT_SERVER_PORT). */
    public static final int CONTAINER_PORT = 8080;

    /** Container health check: liveness only, see the class comment. */
    static final String LIVENESS_PATH = "/health/liveness";

    private static final String TMP_VOLUME = "tmp";

    /**
     * Makes the service a Service Connect server: reachable at {@code <name>.<namespace>:8080}.
     *
     * @param perRequestTimeout Service Connect's per-request timeout in front of the service
     * @param idleTimeout       Service Connect's idle timeout: above the per-request timeout, or the
     *                          proxy would cut a request still within its budget
     * @param tls               TLS between the Service Connect proxies (a Private CA and the role ECS
     *                          uses with it); empty: plain HTTP inside the VPC
     */
    public record ServiceConnectServer(
            Duration perRequestTimeout, Duration idleTimeout, Optional<ServiceConnectTlsConfiguration> tls) {
        /** @throws IllegalArgumentException if the idle timeout is not above the per-request timeout */
        public ServiceConnectServer {
            if (idleTimeout.compareTo(perRequestTimeout) <= 0) {
                throw new IllegalArgumentException("Service Connect idle timeout " + idleTimeout
                        + " must be above the per-request timeout " + perRequestTimeout);
            }
        }
    }

    /**
     * An alarm that rolls back a deployment when it fires.
     *
     * @param name  the alarm's physical name, {@code <stack>-<suffix>} (see {@link #alarmName}), by
     *              which the ECS service refers to it
     * @param alarm the alarm
     */
    public record DeploymentAlarm(String name, IAlarm alarm) {
    }

    /**
     * @param name         service name, also container name, discovery name and log stream prefix
     *                     ({@code frontend}, {@code orders}, {@code payments})
     * @param cluster      the cluster and its Service Connect namespace
     * @param subnets      where the tasks run
     * @param image        the service image
     * @param scale        task size and task counts
     * @param environment  the service's own environment (docs/configuration.md); the variables
     *                     every service shares are added here
     * @param secrets      environment injected from Secrets Manager at task start
     * @param server       present if other services call this one through Service Connect;
     *                     empty for a client only
     * @param telemetry    the ADOT collector added to the task
     * @param timings      the timing ladder
     * @param sizing       deployment percentages, scaling targets, alarm thresholds
     * @param logRetention retention of the service's log group
     * @param blueGreen    deploy blue/green (with {@link Timings#blueGreenBakeTime()}) instead of rolling
     */
    public record Props(
            String name,
            StorefrontCluster cluster,
            SubnetSelection subnets,
            ContainerImage image,
            Sizing.ServiceScale scale,
            Map<String, String> environment,
            Map<String, Secret> secrets,
            Optional<ServiceConnectServer> server,
            Telemetry telemetry,
            Timings timings,
            Sizing sizing,
            RetentionDays logRetention,
            boolean blueGreen) {
        /** Copies the collections, so the record stays immutable. */
        public Props {
            environment = Map.copyOf(environment);
            secrets = Map.copyOf(secrets);
        }
    }

    private final Props props;
    private final FargateTaskDefinition taskDefinition;
    private final FargateService service;
    private final ScalableTaskCount scaling;
    private final List<DeploymentAlarm> deploymentAlarms = new ArrayList<>();

    /** Creates the task definition, the ECS service, its alarm (servers) and its CPU scaling. */
    public StorefrontService(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        String name = props.name();
        Timings timings = props.timings();

        LogGroup logGroup = LogGroup.Builder.create(this, "Logs").retention(props.logRetention()).build();

        this.taskDefinition = FargateTaskDefinition.Builder.create(this, "TaskDefinition")
                .family("storefront-" + name)
                .cpu(props.scale().taskSize().cpu())
                .memoryLimitMiB(props.scale().taskSize().memoryMiB())
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.ARM64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .volumes(List.of(Volume.builder().name(TMP_VOLUME).build()))
                .build();

        ContainerDefinition container = taskDefinition.addContainer(name, ContainerDefinitionOptions.builder()
                .image(props.image())
                .essential(true)
                .portMappings(List.of(PortMapping.builder()
                        .name(portMappingName())
                        .containerPort(CONTAINER_PORT)
                        .protocol(Protocol.TCP)
                        .appProtocol(AppProtocol.getHttp())
                        .build()))
                .healthCheck(HealthCheck.builder()
                        // Exec form: no shell needed in the image, only curl.
                        .command(List.of("CMD", "curl", "-fsS", "-o", "/dev/null",
                                "http://localhost:" + CONTAINER_PORT + LIVENESS_PATH))
                        .interval(Timings.cdk(timings.livenessInterval()))
                        .timeout(Timings.cdk(timings.livenessTimeout()))
                        .retries(timings.livenessRetries())
                        .startPeriod(Timings.cdk(timings.livenessStartPeriod()))
                        .build())
                .stopTimeout(Timings.cdk(timings.stopTimeout()))
                .linuxParameters(LinuxParameters.Builder.create(this, "LinuxParameters")
                        .initProcessEnabled(true)
                        .build())
                .readonlyRootFilesystem(true)
                .environment(environment(props))
                .secrets(props.secrets())
                .logging(logDriver(logGroup, name))
                .build());
        container.addMountPoints(MountPoint.builder()
                .sourceVolume(TMP_VOLUME)
                .containerPath("/tmp")
                .readOnly(false)
                .build());

        // START, not HEALTHY: the service must not wait on telemetry. The dependency also
        // reverses the stop order: the service stops first, so its last spans reach a live collector.
        ContainerDefinition collector = props.telemetry().addCollector(taskDefinition, logDriver(logGroup, "adot"));
        container.addContainerDependencies(ContainerDependency.builder()
                .container(collector)
                .condition(ContainerDependencyCondition.START)
                .build());

        SecurityGroup securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup")
                .vpc(props.cluster().cluster().getVpc())
                .description("storefront " + name + " tasks")
                .build();

        this.service = FargateService.Builder.create(this, "Service")
                // A fixed name: the Service Connect alarm below needs it before the service exists.
                .serviceName(name)
                .cluster(props.cluster().cluster())
                .taskDefinition(taskDefinition)
                .vpcSubnets(props.subnets())
                .assignPublicIp(false)
                .securityGroups(List.of(securityGroup))
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                .minHealthyPercent(props.sizing().minHealthyPercent())
                .maxHealthyPercent(props.sizing().maxHealthyPercent())
                .healthCheckGracePeriod(Timings.cdk(timings.healthCheckGracePeriod()))
                .availabilityZoneRebalancing(AvailabilityZoneRebalancing.ENABLED)
                .serviceConnectConfiguration(serviceConnect(props, logDriver(logGroup, "service-connect")))
                // No desiredCount: CloudFormation leaves the running count alone on every update,
                // and auto scaling (minimum 2) owns it from the first deployment on.
                .deploymentStrategy(props.blueGreen() ? DeploymentStrategy.BLUE_GREEN : null)
                .bakeTime(props.blueGreen() ? Timings.cdk(timings.blueGreenBakeTime()) : null)
                .build();

        props.server().ifPresent(server -> deploymentAlarms.add(serviceConnect5xxAlarm()));

        this.scaling = service.autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(props.scale().minTasks())
                .maxCapacity(props.scale().maxTasks())
                .build());
        scaling.scaleOnCpuUtilization("CpuScaling", CpuUtilizationScalingProps.builder()
                .targetUtilizationPercent(props.sizing().cpuTargetPercent())
                .scaleOutCooldown(Timings.cdk(timings.scaleOutCooldown()))
                .scaleInCooldown(Timings.cdk(timings.scaleInCooldown()))
                .build());

        Nag.acknowledge(taskDefinition.obtainExecutionRole(), "AwsSolutions-IAM5[Resource::*]",
                "ecr:GetAuthorizationToken, which every ECR image pull needs, supports only Resource '*'"
                        + " (Service Authorization Reference, Amazon ECR); every other statement of the"
                        + " execution role names its repository, log group or secret");
        Nag.acknowledge(taskDefinition, "AwsSolutions-ECS2",
                "Plain environment holds only non-secret configuration (docs/configuration.md: URLs,"
                        + " table name, timeouts); the one secret, DB_PASSWORD, comes from Secrets Manager");
    }

    /** The ECS service. */
    public FargateService service() {
        return service;
    }

    /** The task role: the service's own AWS permissions (and the ADOT sidecar's trace export). */
    public IRole taskRole() {
        return taskDefinition.getTaskRole();
    }

    /** The service's name. */
    public String name() {
        return props.name();
    }

    /**
     * The URL other services use to call this one through Service Connect, e.g.
     * {@code http://orders.storefront:8080}.
     *
     * @throws IllegalStateException if the service is not a Service Connect server
     */
    public String serviceConnectUrl() {
        if (props.server().isEmpty()) {
            throw new IllegalStateException(props.name() + " is not a Service Connect server");
        }
        return "http://" + dnsName() + ":" + CONTAINER_PORT;
    }

    /** Opens the container port to another service's tasks, and nothing else. */
    public void allowFrom(StorefrontService client) {
        service.getConnections().allowFrom(client.service, Port.tcp(CONTAINER_PORT),
                client.name() + " to " + name());
    }

    /**
     * Registers the service container in an ALB target group. The container name and port are
     * pinned: with a sidecar in the task, the default target is ambiguous, and a second target
     * group attached without them can pick the wrong container (aws-cdk issues 3823 and 10826).
     */
    public void attachTo(ApplicationTargetGroup targetGroup) {
        service.loadBalancerTarget(LoadBalancerTargetOptions.builder()
                        .containerName(props.name())
                        .containerPort(CONTAINER_PORT)
                        .build())
                .attachToApplicationTargetGroup(targetGroup);
    }

    /**
     * Registers the service container in a production target group with its blue/green alternate:
     * ECS registers each new revision in whichever of the two carries no production traffic and
     * moves the listener rules' weights (the alternate's health check and deregistration delay
     * must equal the production one's; {@link Ingress} builds both the same way).
     */
    public void attachTo(ApplicationTargetGroup targetGroup, IAlternateTarget alternate) {
        service.loadBalancerTarget(LoadBalancerTargetOptions.builder()
                        .containerName(props.name())
                        .containerPort(CONTAINER_PORT)
                        .alternateTarget(alternate)
                        .build())
                .attachToApplicationTargetGroup(targetGroup);
    }

    /**
     * Adds request-count target tracking over every target group the service is registered in:
     * the ALB requests of all of them per minute, divided by the running tasks, against
     * {@link Sizing#requestsPerTarget()}. The predefined ALBRequestCountPerTarget sees one target
     * group only, so while traffic moves between two (the dual-target-group migration, a blue/green
     * shift) it would see part of the load. Same asymmetric cooldowns as the CPU policy, which
     * stays as a guardrail for requests that are expensive rather than many.
     *
     * <p>Written as a metric math target tracking policy (Application Auto Scaling,
     * "Create a target tracking scaling policy using metric math"); CDK's L2 takes a single metric,
     * so the metric specification is set on the generated policy.
     */
    public void scaleOnRequestCount(List<ApplicationTargetGroup> targetGroups) {
        Timings timings = props.timings();
        Metric placeholder = targetGroups.get(0).getMetrics().requestCount();
        scaling.scaleToTrackCustomMetric("RequestCountScaling",
                TrackCustomMetricProps.builder()
                        .metric(placeholder)
                        .targetValue(props.sizing().requestsPerTarget())
                        .scaleOutCooldown(Timings.cdk(timings.scaleOutCooldown()))
                        .scaleInCooldown(Timings.cdk(timings.scaleInCooldown()))
                        .build());
        List<Object> queries = new ArrayList<>();
        StringBuilder sum = new StringBuilder();
        for (int i = 0; i < targetGroups.size(); i++) {
            Metric requests = targetGroups.get(i).getMetrics().requestCount();
            queries.add(metricQuery("requests" + i, requests.getNamespace(), requests.getMetricName(),
                    requests.getDimensions(), "Sum"));
            sum.append(i == 0 ? "" : " + ").append("FILL(requests").append(i).append(", 0)");
        }
        queries.add(metricQuery("tasks", "ECS/ContainerInsights", "RunningTaskCount", Map.of(
                "ClusterName", props.cluster().cluster().getClusterName(),
                "ServiceName", props.name()), "Average"));
        queries.add(Map.of(
                "Id", "requestsPerTask",
                "Expression", "(" + sum + ") / tasks",
                "Label", "ALB requests per " + props.name() + " task per minute, all target groups",
                "ReturnData", true));
        CfnScalingPolicy cfn = scaling.getNode().findAll().stream()
                .filter(child -> child instanceof CfnScalingPolicy
                        && child.getNode().getPath().contains("/RequestCountScaling/"))
                .map(CfnScalingPolicy.class::cast)
                .findFirst()
                .orElseThrow();
        String specification = "TargetTrackingScalingPolicyConfiguration.CustomizedMetricSpecification";
        for (String single : List.of("MetricName", "Namespace", "Dimensions", "Statistic", "Unit")) {
            cfn.addPropertyDeletionOverride(specification + "." + single);
        }
        cfn.addPropertyOverride(specification + ".Metrics", queries);
    }

    private static Map<String, Object> metricQuery(
            String id, String namespace, String metricName, Map<String, Object> dimensions, String stat) {
        return Map.of(
                "Id", id,
                "MetricStat", Map.of(
                        "Metric", Map.of(
                                "Namespace", namespace,
                                "MetricName", metricName,
                                "Dimensions", dimensions.entrySet().stream()
                                        .sorted(Map.Entry.comparingByKey())
                                        .map(d -> Map.of("Name", d.getKey(), "Value", d.getValue()))
                                        .toList()),
                        "Stat", stat),
                "ReturnData", false);
    }

    /**
     * Makes the service's own alarms (a Service Connect server's 5xx alarm) and the given ones
     * deployment alarms: if one fires during a deployment, ECS rolls it back. Call once, after
     * every alarm exists.
     *
     * @param more alarms owned elsewhere, e.g. the target group alarms of {@link Ingress}
     * @throws IllegalStateException if there is no alarm at all
     */
    public void enableDeploymentAlarms(List<DeploymentAlarm> more) {
        deploymentAlarms.addAll(more);
        if (deploymentAlarms.isEmpty()) {
            throw new IllegalStateException(props.name() + " has no deployment alarm");
        }
        service.enableDeploymentAlarms(
                deploymentAlarms.stream().map(DeploymentAlarm::name).toList(),
                DeploymentAlarmOptions.builder().behavior(AlarmBehavior.ROLLBACK_ON_ALARM).build());
        // Names, not references, so CloudFormation needs to be told the alarms come first.
        deploymentAlarms.forEach(alarm -> service.getNode().addDependency(alarm.alarm()));
    }

    private String portMappingName() {
        return props.name() + "-api";
    }

    private String dnsName() {
        return props.name() + "." + props.cluster().namespace();
    }

    /** Server-side 5xx answers counted by the Service Connect proxy of this service. */
    private DeploymentAlarm serviceConnect5xxAlarm() {
        Timings timings = props.timings();
        String alarmName = alarmName(this, props.name() + "-service-connect-5xx");
        return new DeploymentAlarm(alarmName, Alarm.Builder.create(this, "ServiceConnect5xxAlarm")
                .alarmName(alarmName)
                .alarmDescription(props.name() + ": 5xx answers through Service Connect; rolls back a deployment")
                .metric(Metric.Builder.create()
                        .namespace("AWS/ECS")
                        .metricName("HTTPCode_Target_5XX_Count")
                        .dimensionsMap(Map.of(
                                "ClusterName", props.cluster().cluster().getClusterName(),
                                "ServiceName", props.name(),
                                "DiscoveryName", props.name()))
                        .statistic("Sum")
                        .period(Timings.cdk(timings.alarmPeriod()))
                        .build())
                .threshold(props.sizing().max5xxPerPeriod())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(timings.alarmEvaluationPeriods())
                .datapointsToAlarm(timings.alarmEvaluationPeriods())
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
    }

    /**
     * A physical alarm name, {@code <stack>-<suffix>}: a deployment alarm named by its logical id
     * makes CDK warn of a possible dependency cycle (aws-ecs README, "Deployment alarms").
     */
    static String alarmName(Construct scope, String suffix) {
        return Stack.of(scope).getStackName() + "-" + suffix;
    }

    private ServiceConnectProps serviceConnect(Props props, LogDriver proxyLogs) {
        ServiceConnectProps.Builder builder = ServiceConnectProps.builder().logDriver(proxyLogs);
        props.server().ifPresent(server -> builder.services(List.of(ServiceConnectService.builder()
                .portMappingName(portMappingName())
                .discoveryName(props.name())
                .dnsName(dnsName())
                .port(CONTAINER_PORT)
                .perRequestTimeout(Timings.cdk(server.perRequestTimeout()))
                .idleTimeout(Timings.cdk(server.idleTimeout()))
                .tls(server.tls().orElse(null))
                .build())));
        return builder.build();
    }

    private static Map<String, String> environment(Props props) {
        // DRAIN_DELAY and SHUTDOWN_GRACE_PERIOD are left to the services' shipped values, which
        // Timings reads and checks against stopTimeout.
        Map<String, String> environment = new TreeMap<>();
        environment.put("MICRONAUT_SERVER_PORT", String.valueOf(CONTAINER_PORT));
        environment.put("LOG_FORMAT", "json");
        environment.put("OTEL_SERVICE_NAME", props.name());
        environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", Telemetry.OTLP_ENDPOINT);
        environment.put("OTEL_TRACES_EXPORTER", "otlp");
        environment.put("OTEL_METRICS_EXPORTER", "otlp");
        environment.put("OTEL_LOGS_EXPORTER", "none");
        environment.putAll(props.environment());
        return environment;
    }

    private static LogDriver logDriver(LogGroup logGroup, String streamPrefix) {
        return LogDriver.awsLogs(AwsLogDriverProps.builder().logGroup(logGroup).streamPrefix(streamPrefix).build());
    }
}
