package dev.storefront.infra;

import static dev.storefront.infra.Resources.container;
import static dev.storefront.infra.Resources.ecsService;
import static dev.storefront.infra.Resources.environment;
import static dev.storefront.infra.Resources.list;
import static dev.storefront.infra.Resources.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awscdk.assertions.Template;

/** The dashboard, the alarms, their notifications and the collector's metrics pipeline, on the template. */
class OperationsTest {

    private static final String STACK = "Storefront";

    private static Template template;
    private static Map<String, Map<String, Object>> alarms;
    private static final Timings TIMINGS = Timings.defaults();
    private static final Sizing SIZING = Sizing.defaults();

    @BeforeAll
    static void synth() {
        template = Synth.defaultTemplate();
        alarms = template.findResources("AWS::CloudWatch::Alarm").values().stream()
                .map(resource -> map(resource.get("Properties")))
                .collect(Collectors.toMap(alarm -> (String) alarm.get("AlarmName"), alarm -> alarm));
    }

    @Test
    void everyAlarmOfTheStackNotifiesTheTopicOnAlarmAndRecovery() {
        String topic = Resources.logicalId(template, "AWS::SNS::Topic", Map.of());
        assertThat(alarms).hasSizeGreaterThanOrEqualTo(20);
        assertThat(alarms.values()).allSatisfy(alarm -> {
            assertThat(list(alarm.get("AlarmActions"))).as("%s", alarm.get("AlarmName")).containsExactly(Resources.ref(topic));
            assertThat(list(alarm.get("OKActions"))).as("%s", alarm.get("AlarmName")).containsExactly(Resources.ref(topic));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void deploymentAlarmsStillRollBackAndNotify(String service) {
        Map<String, Object> deployment = map(map(ecsService(template, service).get("DeploymentConfiguration")).get("Alarms"));
        assertThat(deployment).containsEntry("Rollback", true).containsEntry("Enable", true);
        List<Object> names = list(deployment.get("AlarmNames"));
        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(alarms.get((String) name)).containsKey("AlarmActions"));
    }

    @Test
    void theTopicIsEncryptedWithAKeyCloudWatchMayUseAndOnlyCloudWatchOfThisAccountPublishes() {
        Map<String, Object> topic = Resources.properties(template, "AWS::SNS::Topic", Map.of());
        assertThat(topic).containsKey("KmsMasterKeyId");
        String keyPolicy = String.valueOf(Resources.properties(template, "AWS::KMS::Key", Map.of("Description", STACK + " alarm topic")));
        assertThat(keyPolicy).contains("cloudwatch.amazonaws.com").contains("kms:GenerateDataKey*");
        String topicPolicy = String.valueOf(Resources.properties(template, "AWS::SNS::TopicPolicy", Map.of()));
        assertThat(topicPolicy).contains("cloudwatch.amazonaws.com").contains("aws:SourceAccount").contains("aws:SecureTransport");
        assertThat(template.findResources("AWS::SNS::Subscription")).as("no address given, no subscription").isEmpty();
    }

    @Test
    void anAlarmEmailFromTheContextIsSubscribed() {
        Template withEmail = Synth.template(Map.of(Operations.ALARM_EMAIL_CONTEXT, "oncall@example.com"));
        Map<String, Object> subscription = Resources.properties(withEmail, "AWS::SNS::Subscription", Map.of());
        assertThat(subscription).containsEntry("Protocol", "email").containsEntry("Endpoint", "oncall@example.com");
    }

    @Test
    void responseTimeAndErrorRateAlarmsOfBothEntrancesUseTheLadderAndTheSizing() {
        double errorRate = 100.0 * SIZING.max5xxPerPeriod()
                / (SIZING.requestsPerTarget() * SIZING.frontend().minTasks() * TIMINGS.alarmPeriod().toMinutes());
        for (String entrance : List.of("public", "shared")) {
            Map<String, Object> p99 = alarm(entrance + "-p99");
            assertThat(p99).containsEntry("MetricName", "TargetResponseTime").containsEntry("ExtendedStatistic", "p99")
                    .containsEntry("Namespace", "AWS/ApplicationELB");
            assertThat(number(p99, "Threshold")).isEqualTo(TIMINGS.paymentsPerRequestTimeout().toMillis() / 1000.0);
            assertThat(number(p99, "EvaluationPeriods")).isEqualTo(TIMINGS.alarmEvaluationPeriods());
            assertRate(alarm(entrance + "-target-5xx-rate"), "HTTPCode_Target_5XX_Count", errorRate);
            assertRate(alarm(entrance + "-alb-5xx-rate"), "HTTPCode_ELB_5XX_Count", errorRate);
        }
        assertThat(errorRate).as("5 per minute of the 1200 the minimum fleet is sized for").isCloseTo(0.4167, org.assertj.core.data.Offset.offset(0.001));
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void runningBelowDesiredAlarmsOnlyAfterATaskReplacementHadTimeToFinish(String service) {
        Map<String, Object> alarm = alarm(service + "-tasks-below-desired");
        long replacementSeconds = TIMINGS.deregistrationDelay().plus(TIMINGS.stopTimeout())
                .plus(TIMINGS.livenessStartPeriod()).plus(TIMINGS.livenessInterval().multipliedBy(TIMINGS.livenessRetries()))
                .plus(TIMINGS.healthCheckGracePeriod())
                .plus(TIMINGS.readinessInterval().multipliedBy(TIMINGS.readinessHealthyThreshold())).toSeconds();
        int periods = (int) Math.ceil(replacementSeconds / (double) TIMINGS.alarmPeriod().toSeconds());

        assertThat(periods).as("five minutes with the default ladder").isEqualTo(5);
        assertThat(number(alarm, "EvaluationPeriods")).isEqualTo(periods);
        assertThat(number(alarm, "DatapointsToAlarm")).isEqualTo(periods);
        assertThat(number(alarm, "Threshold")).isZero();
        assertThat(alarm).containsEntry("ComparisonOperator", "GreaterThanThreshold");
        String metrics = String.valueOf(alarm.get("Metrics"));
        assertThat(metrics).contains("ECS/ContainerInsights").contains("RunningTaskCount").contains("DesiredTaskCount")
                .contains("ServiceName, Value=" + service);
    }

    @Test
    void databaseAlarmsGuardTheConnectionBudgetCpuHeadroomAndStorage() {
        Map<String, Object> connections = alarm("database-connections");
        double peak = SIZING.dbPoolSize() * SIZING.orders().maxTasks() * SIZING.maxHealthyPercent() / 100.0;
        assertThat(connections).containsEntry("MetricName", "DatabaseConnections").containsEntry("Namespace", "AWS/RDS");
        assertThat(number(connections, "Threshold")).isEqualTo(peak);
        assertThat(peak).isLessThanOrEqualTo(SIZING.connectionHeadroom() * SIZING.database().maxConnections());

        assertThat(alarm("database-cpu")).containsEntry("MetricName", "CPUUtilization");
        assertThat(number(alarm("database-cpu"), "Threshold")).isEqualTo(100 * SIZING.connectionHeadroom());
        assertThat(alarm("database-free-storage")).containsEntry("MetricName", "FreeStorageSpace")
                .containsEntry("ComparisonOperator", "LessThanThreshold");
        assertThat(number(alarm("database-free-storage"), "Threshold"))
                .isEqualTo(0.1 * Data.ALLOCATED_STORAGE_GIB * 1024 * 1024 * 1024);
    }

    @Test
    void tableAlarmsWatchSystemErrorsAndThrottlesButNotConditionalCheckFailures() {
        for (String name : List.of("payments-table-system-errors", "payments-table-throttles")) {
            String metrics = String.valueOf(alarm(name).get("Metrics"));
            assertThat(metrics).contains("GetItem").contains("PutItem")
                    .contains(name.endsWith("errors") ? "SystemErrors" : "ThrottledRequests");
            assertThat(number(alarm(name), "Threshold")).isZero();
        }
        assertThat(String.valueOf(alarms)).doesNotContain("ConditionalCheckFailedRequests");
    }

    @Test
    void settlementAlarmsReadTheServicesOwnMetrics() {
        assertThat(alarm("oldest-pending-order")).containsEntry("Namespace", ServiceMetrics.NAMESPACE)
                .containsEntry("MetricName", ServiceMetrics.OLDEST_PENDING_ORDER_AGE.name())
                .containsEntry("Statistic", "Maximum");
        assertThat(number(alarm("oldest-pending-order"), "Threshold")).as("five minutes, in seconds").isEqualTo(300);
        assertThat(alarm("payment-conflicts")).containsEntry("MetricName", ServiceMetrics.PAYMENT_CONFLICTS.name())
                .containsEntry("Statistic", "Sum");
        assertThat(number(alarm("payment-conflicts"), "Threshold")).isZero();
    }

    /** If an alarm's namespace, name or dimensions differ from what the collector declares, it never fires. */
    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void everyAlarmOnAServiceMetricIsDeclaredToCloudWatchByTheCollector(String service) {
        Map<String, Object> emf = emfExporter(service);
        List<Map<String, Object>> declarations = list(emf.get("metric_declarations")).stream().map(Resources::map).toList();

        List<Map<String, Object>> custom = alarms.values().stream()
                .filter(alarm -> ServiceMetrics.NAMESPACE.equals(alarm.get("Namespace"))).toList();
        assertThat(custom).hasSize(2);
        for (Map<String, Object> alarm : custom) {
            assertThat(emf.get("namespace")).isEqualTo(alarm.get("Namespace"));
            String name = (String) alarm.get("MetricName");
            Set<String> dimensions = list(alarm.get("Dimensions")).stream()
                    .map(dimension -> (String) map(dimension).get("Name")).collect(Collectors.toSet());
            assertThat(declarations).as("a declaration of %s with dimensions %s", name, dimensions).anySatisfy(declaration -> {
                assertThat(list(declaration.get("metric_name_selectors")))
                        .anySatisfy(selector -> assertThat(name).matches((String) selector));
                assertThat(list(declaration.get("dimensions")))
                        .anySatisfy(set -> assertThat(Set.copyOf(list(set))).isEqualTo(dimensions));
            });
        }
        for (ServiceMetrics.Declaration declared : ServiceMetrics.DECLARED) {
            assertThat(declarations).filteredOn(d -> list(d.get("metric_name_selectors")).stream()
                            .anyMatch(selector -> declared.name().matches((String) selector)))
                    .as(declared.name()).hasSize(1)
                    .allSatisfy(d -> assertThat(list(d.get("dimensions"))).containsExactly(declared.dimensions()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void servicesExportMetricsToTheCollectorWhichSendsThemToCloudWatch(String service) {
        assertThat(environment(container(template, service, service))).containsEntry("OTEL_METRICS_EXPORTER", "otlp");
        Map<String, Object> config = collectorConfig(service);
        Map<String, Object> pipeline = map(map(map(config.get("service")).get("pipelines")).get("metrics"));
        assertThat(pipeline.get("receivers")).isEqualTo(List.of("otlp"));
        assertThat(pipeline.get("exporters")).isEqualTo(List.of("awsemf"));
        Map<String, Object> emf = emfExporter(service);
        assertThat(emf).containsEntry("namespace", "Storefront").containsEntry("log_group_name", "/Storefront/service-metrics")
                .containsEntry("dimension_rollup_option", "NoDimensionRollup");
        assertThat(String.valueOf(template.findResources("AWS::IAM::ManagedPolicy")))
                .contains("logs:PutLogEvents").contains("logs:CreateLogStream");
    }

    @Test
    void oneDashboardNamedAfterTheStackShowsWhatTheOperatorNeeds() {
        Map<String, Object> dashboard = Resources.properties(template, "AWS::CloudWatch::Dashboard", Map.of());
        assertThat(dashboard).containsEntry("DashboardName", STACK);
        String body = flatten(dashboard.get("DashboardBody"));
        for (String expected : List.of(
                "RequestCount", "TargetResponseTime", "\"stat\":\"p50\"", "\"stat\":\"p99\"",
                "HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count",
                "RunningTaskCount", "DesiredTaskCount", "CPUUtilization", "MemoryUtilization",
                "DatabaseConnections", "FreeStorageSpace", "hikaricp.connections.active", "hikaricp.connections.pending",
                "SuccessfulRequestLatency", "ThrottledRequests", "SystemErrors", "rpc.client.call.duration",
                "storefront.checkouts", "\"PAID\"", "\"DECLINED\"", "\"PENDING\"",
                "orders.pending", "orders.pending.oldest.age",
                "frontend: tasks", "orders: tasks", "payments: tasks",
                "public: target response time", "shared: target response time", "\"type\":\"alarm\"")) {
            assertThat(body).as("dashboard shows %s", expected).contains(expected);
        }
        assertThat(template.findResources("AWS::CloudWatch::Dashboard")).hasSize(1);
    }

    private static void assertRate(Map<String, Object> alarm, String errorMetric, double threshold) {
        String metrics = String.valueOf(alarm.get("Metrics"));
        assertThat(metrics).contains(errorMetric).contains("RequestCount").contains("100 * errors / requests");
        assertThat(number(alarm, "Threshold")).isCloseTo(threshold, org.assertj.core.data.Offset.offset(1e-9));
    }

    private static double number(Map<String, Object> resource, String key) {
        return ((Number) resource.get(key)).doubleValue();
    }

    private static Map<String, Object> alarm(String suffix) {
        Map<String, Object> alarm = alarms.get(STACK + "-" + suffix);
        assertThat(alarm).as("alarm %s-%s among %s", STACK, suffix, alarms.keySet()).isNotNull();
        return alarm;
    }

    private static Map<String, Object> collectorConfig(String service) {
        String yaml = (String) environment(container(template, service, Telemetry.COLLECTOR_NAME)).get("AOT_CONFIG_CONTENT");
        return new Yaml().load(yaml);
    }

    private static Map<String, Object> emfExporter(String service) {
        return map(map(collectorConfig(service).get("exporters")).get("awsemf"));
    }

    /** The literal parts of a CloudFormation string (Fn::Join), tokens left out. */
    private static String flatten(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Map<?, ?> join && join.containsKey("Fn::Join")) {
            List<Object> parts = list(list(join.get("Fn::Join")).get(1));
            List<String> texts = new ArrayList<>();
            parts.forEach(part -> texts.add(flatten(part)));
            return String.join("", texts);
        }
        return "";
    }
}
