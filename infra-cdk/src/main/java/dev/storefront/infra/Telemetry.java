package dev.storefront.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecr.CfnPullThroughCacheRule;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * Trace and metric export: the AWS Distro for OpenTelemetry (ADOT) collector that every task runs
 * beside its service, and what it needs.
 *
 * <p>The services send OTLP to {@code http://localhost:4317}; the collector listens on localhost
 * only, exports traces to AWS X-Ray and the metrics of {@link ServiceMetrics} to CloudWatch in the
 * embedded metric format (EMF: structured records in a log group, which CloudWatch turns into
 * metrics of the namespace {@value ServiceMetrics#NAMESPACE}). Its configuration travels in
 * {@code AOT_CONFIG_CONTENT} (<a href="https://aws-otel.github.io/docs/setup/ecs/config-through-ssm">ADOT on ECS</a>), so it is
 * visible in the task definition instead of hidden in the image.
 *
 * <p>The image: tasks have no route to the internet by default ({@link Network}), and ECR Public
 * has no VPC endpoint, so the pinned public image is pulled through an ECR pull-through cache
 * rule ({@code ecr-public/...} in this account's private registry, reached through the ECR
 * endpoints). A pull-through cache rule is per account and region: if the account already has an
 * {@code ecr-public} rule, pass {@code storefront:adotImage} instead.
 */
public final class Telemetry extends Construct {

    /** OTLP/gRPC endpoint the services export to (OTEL_EXPORTER_OTLP_ENDPOINT). */
    public static final String OTLP_ENDPOINT = "http://localhost:4317";

    /** Name of the collector container in every task. */
    public static final String COLLECTOR_NAME = "adot-collector";

    private static final String PULL_THROUGH_PREFIX = "ecr-public";
    private static final String ADOT_REPOSITORY = "aws-observability/aws-otel-collector";

    /**
     * Receives OTLP/gRPC on localhost only; exports traces to X-Ray, and metrics to CloudWatch
     * (EMF, see {@link ServiceMetrics#emfExporter}), with the task's id from the ECS metadata
     * endpoint as the log stream. Logs stay with CloudWatch Logs (the awslogs driver), so the
     * services set OTEL_LOGS_EXPORTER to none.
     */
    private static String collectorConfig(String metricsLogGroupName) {
        return """
                extensions:
                  health_check:
                    endpoint: localhost:13133
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: localhost:4317
                processors:
                  batch/traces:
                    timeout: 1s
                    send_batch_size: 50
                  batch/metrics:
                    timeout: 10s
                  resourcedetection/ecs:
                    detectors: [ecs]
                    timeout: 2s
                    override: false
                exporters:
                  awsxray: {}
                """ + ServiceMetrics.emfExporter(metricsLogGroupName) + """
                service:
                  extensions: [health_check]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch/traces]
                      exporters: [awsxray]
                    metrics:
                      receivers: [otlp]
                      processors: [resourcedetection/ecs, batch/metrics]
                      exporters: [awsemf]
                """;
    }

    /**
     * @param imageOverride an ADOT collector image to use as is; default: the pinned tag through
     *                      the pull-through cache
     * @param adotVersion   tag of public.ecr.aws/aws-observability/aws-otel-collector; default v0.43.3
     */
    public record Props(Optional<String> imageOverride, String adotVersion) {
        /** The pinned collector through the pull-through cache, unless an image is given. */
        public static Props of(Optional<String> imageOverride) {
            return new Props(imageOverride, "v0.43.3");
        }
    }

    private final ContainerImage image;
    private final Optional<IRepository> cachedRepository;
    private final Optional<CfnPullThroughCacheRule> pullThroughRule;
    private final ManagedPolicy traceExportPolicy;
    private final LogGroup metricsLogGroup;
    private final ManagedPolicy metricsExportPolicy;
    private final String collectorConfig;

    /**
     * Creates the pull-through cache rule (unless an image is given), the trace export policy, and
     * the log group of the EMF records with its write policy.
     */
    public Telemetry(Construct scope, String id, Props props, RetentionDays metricsRetention) {
        super(scope, id);
        if (props.imageOverride().isPresent()) {
            this.image = ContainerImage.fromRegistry(props.imageOverride().get());
            this.cachedRepository = Optional.empty();
            this.pullThroughRule = Optional.empty();
        } else {
            // No L2 exists for pull-through cache rules.
            this.pullThroughRule = Optional.of(CfnPullThroughCacheRule.Builder.create(this, "EcrPublicCache")
                    .ecrRepositoryPrefix(PULL_THROUGH_PREFIX)
                    .upstreamRegistry("ecr-public")
                    .upstreamRegistryUrl("public.ecr.aws")
                    .build());
            IRepository repository = Repository.fromRepositoryName(
                    this, "AdotRepository", PULL_THROUGH_PREFIX + "/" + ADOT_REPOSITORY);
            this.cachedRepository = Optional.of(repository);
            this.image = ContainerImage.fromEcrRepository(repository, props.adotVersion());
        }

        // A customer managed policy rather than statements in each task role's own policy: it is
        // the sidecar's permission, and keeps each task role's policy exactly what its service needs.
        this.traceExportPolicy = ManagedPolicy.Builder.create(this, "TraceExportPolicy")
                .description("ADOT collector sidecar: send trace segments to AWS X-Ray")
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"))
                        .resources(List.of("*"))
                        .build()))
                .build();
        Nag.acknowledge(traceExportPolicy, "AwsSolutions-IAM5[Resource::*]",
                "xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level"
                        + " permissions (Service Authorization Reference, AWS X-Ray), so '*' is the only resource");

        // Created here rather than by the exporter on first use: retention is set, and the
        // collector needs no logs:CreateLogGroup. Named, so the collector configuration is plain
        // text an operator can read in the task definition.
        String metricsLogGroupName = "/" + Stack.of(this).getStackName() + "/service-metrics";
        this.metricsLogGroup = LogGroup.Builder.create(this, "MetricsLogs")
                .logGroupName(metricsLogGroupName)
                .retention(metricsRetention)
                .build();
        this.metricsExportPolicy = ManagedPolicy.Builder.create(this, "MetricsExportPolicy")
                .description("ADOT collector sidecar: write the services' metrics (EMF) to their log group")
                .statements(List.of(PolicyStatement.Builder.create()
                        .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"))
                        .resources(List.of(metricsLogGroup.getLogGroupArn()))
                        .build()))
                .build();
        this.collectorConfig = collectorConfig(metricsLogGroupName);
    }

    /** The log group holding the EMF records the collectors write (one stream per task). */
    public LogGroup metricsLogGroup() {
        return metricsLogGroup;
    }

    /**
     * Adds the collector container to a task definition: grants its task role the trace and
     * metric export policies and its execution role the pull of the collector image.
     *
     * @param taskDefinition the service's task definition
     * @param logging        where the collector's own logs go
     * @return the collector container, for the service container's {@code dependsOn}
     */
    public ContainerDefinition addCollector(FargateTaskDefinition taskDefinition, LogDriver logging) {
        ContainerDefinition collector = taskDefinition.addContainer(COLLECTOR_NAME, ContainerDefinitionOptions.builder()
                .image(image)
                // Telemetry is not worth an outage: if the collector dies, the service keeps serving.
                .essential(false)
                .readonlyRootFilesystem(true)
                .environment(Map.of("AOT_CONFIG_CONTENT", collectorConfig))
                .logging(logging)
                .build());
        taskDefinition.getTaskRole().addManagedPolicy(traceExportPolicy);
        taskDefinition.getTaskRole().addManagedPolicy(metricsExportPolicy);
        cachedRepository.ifPresent(repository -> {
            // The first pull of a tag creates the cached repository and imports the image
            // (ECR User Guide, "IAM permissions required to sync an upstream registry").
            repository.grant(taskDefinition.obtainExecutionRole(),
                    "ecr:BatchImportUpstreamImage", "ecr:CreateRepository");
        });
        pullThroughRule.ifPresent(rule -> taskDefinition.getNode().addDependency(rule));
        return collector;
    }
}
