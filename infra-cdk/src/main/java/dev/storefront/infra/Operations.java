package dev.storefront.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.OperationsMetricOptions;
import software.amazon.awscdk.services.dynamodb.SystemErrorsForOperationsMetricOptions;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * What an operator on call needs: one CloudWatch dashboard named after the stack, alarms on what
 * customers would notice, and an SNS topic every alarm of the stack notifies (the deployment alarms
 * of {@link StorefrontService} and {@link Ingress} too: they keep rolling deployments back, and
 * now also tell someone). An email address subscribes with the context key
 * {@value #ALARM_EMAIL_CONTEXT}.
 *
 * <p>Every threshold comes from {@link Timings} or {@link Sizing} (or from {@link Props}, with its
 * reason), so an alarm moves when the budget it guards moves:
 * <ul>
 *   <li>p99 target response time above the innermost HTTP budget (Service Connect's timeout in
 *       front of payments): a healthy request never waits a budget out.</li>
 *   <li>5xx rate, of the targets and of the load balancers themselves, above the deployment
 *       alarms' 5xx allowance per period taken as a share of the traffic the minimum fleet is
 *       sized for ({@code max5xxPerPeriod / (requestsPerTarget × frontend min tasks)}).</li>
 *   <li>Running tasks below desired for longer than a task replacement may take (deregistration,
 *       stop timeout, start period, health checks and grace period, rounded up to whole periods).</li>
 *   <li>RDS: CPU above the connection headroom share; connections above what orders can open at a
 *       deployment's peak (the connection budget of {@link Sizing}); free storage below the share
 *       at which RDS storage autoscaling acts.</li>
 *   <li>DynamoDB: any system error or throttled request on the operations payments uses. Not
 *       ConditionalCheckFailedRequests: every idempotent repeat of a payment makes one.</li>
 *   <li>The oldest PENDING order older than {@link Props#pendingOrderMaxAge()}, and any payment
 *       conflict (an order flagged for review), from the services' metrics ({@link ServiceMetrics}).</li>
 * </ul>
 */
public final class Operations extends Construct {

    /** Context key: an email address subscribed to the alarm topic (it must confirm the subscription). */
    public static final String ALARM_EMAIL_CONTEXT = "storefront:alarmEmail";

    /** The share of free storage below which RDS storage autoscaling grows the volume (RDS User Guide). */
    static final double STORAGE_AUTOSCALING_FREE_SHARE = 0.1;

    /**
     * One way in to frontend.
     *
     * @param name         short name for alarm names and titles, e.g. {@code public}
     * @param targetGroup  the target group
     * @param loadBalancer the load balancer in front of it, when this stack has it (not an
     *                     imported shared listener's)
     */
    public record Entrance(String name, ApplicationTargetGroup targetGroup, Optional<ApplicationLoadBalancer> loadBalancer) {
    }

    /**
     * @param cluster            the ECS cluster (Container Insights task counts)
     * @param services           the services, for their task counts, CPU and memory
     * @param entrances          frontend's target groups and load balancers
     * @param database           the orders database
     * @param allocatedStorageGiB the database's allocated storage
     * @param paymentsTable      the payments table
     * @param timings            the timing ladder
     * @param sizing             the sizing and connection budget
     * @param pendingOrderMaxAge how old the oldest PENDING order may get (5 min: the reconciler
     *                           retries a PENDING order every few seconds after
     *                           ORDERS_RECONCILE_MIN_AGE; minutes mean payments is unreachable or
     *                           settlement is stuck, and customers wait for an answer)
     * @param alarmEmail         an address to subscribe to the alarm topic, if any
     */
    public record Props(
            ICluster cluster,
            List<StorefrontService> services,
            List<Entrance> entrances,
            DatabaseInstance database,
            int allocatedStorageGiB,
            TableV2 paymentsTable,
            Timings timings,
            Sizing sizing,
            Duration pendingOrderMaxAge,
            Optional<String> alarmEmail) {
        /** Copies the collections, so the record stays immutable. */
        public Props {
            services = List.copyOf(services);
            entrances = List.copyOf(entrances);
        }
    }

    private final Props props;
    private final Topic topic;
    private final Dashboard dashboard;
    private final List<Alarm> alarms = new ArrayList<>();

    /** Creates the topic, the alarms and the dashboard, and makes every alarm of the stack notify the topic. */
    public Operations(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        String stackName = Stack.of(this).getStackName();

        // Encrypted with a key CloudWatch may use: alarms cannot publish to a topic encrypted with
        // the AWS managed SNS key (CloudWatch User Guide, "Amazon SNS topic encryption").
        Key key = Key.Builder.create(this, "AlarmTopicKey")
                .description(stackName + " alarm topic")
                .enableKeyRotation(true)
                .build();
        key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        this.topic = Topic.Builder.create(this, "AlarmTopic")
                .displayName(stackName + " alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarmsOfThisAccount")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
                .build());
        props.alarmEmail().ifPresent(email -> topic.addSubscription(new EmailSubscription(email)));

        loadBalancerAlarms();
        serviceAlarms();
        databaseAlarms();
        tableAlarms();
        settlementAlarms();

        this.dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName(stackName).build();
        addWidgets();

        // An aspect, so that alarms created anywhere in the stack, before or after this construct,
        // notify too: the deployment alarms of the services and target groups among them.
        SnsAction action = new SnsAction(topic);
        Aspects.of(Stack.of(this)).add(new IAspect() {
            @Override
            public void visit(IConstruct node) {
                if (node instanceof Alarm alarm) {
                    alarm.addAlarmAction(action);
                    alarm.addOkAction(action);
                }
            }
        });
    }

    /** The alarm topic. */
    public Topic topic() {
        return topic;
    }

    /** The dashboard. */
    public Dashboard dashboard() {
        return dashboard;
    }

    /** The alarms made here (not the deployment alarms, which notify the topic as well). */
    public List<IAlarm> alarms() {
        return List.copyOf(alarms);
    }

    /** The p99 target response time above which an alarm fires, in seconds. */
    double responseTimeThresholdSeconds() {
        return props.timings().paymentsPerRequestTimeout().toMillis() / 1000.0;
    }

    /** The 5xx share of requests above which an alarm fires, in percent. */
    double errorRateThresholdPercent() {
        Sizing sizing = props.sizing();
        double requestsPerPeriod = (double) sizing.requestsPerTarget() * sizing.frontend().minTasks()
                * props.timings().alarmPeriod().toMinutes();
        return 100.0 * sizing.max5xxPerPeriod() / requestsPerPeriod;
    }

    /**
     * How long a task replacement may leave running below desired: the old task's deregistration
     * delay and stop timeout, the new one's start period, failed liveness checks, the grace period
     * and the ALB's healthy threshold. In whole alarm periods, rounded up.
     */
    int replacementPeriods() {
        Timings t = props.timings();
        Duration replacement = t.deregistrationDelay().plus(t.stopTimeout()).plus(t.livenessStartPeriod())
                .plus(t.livenessInterval().multipliedBy(t.livenessRetries())).plus(t.healthCheckGracePeriod())
                .plus(t.readinessInterval().multipliedBy(t.readinessHealthyThreshold()));
        long period = t.alarmPeriod().toSeconds();
        return (int) ((replacement.toSeconds() + period - 1) / period);
    }

    /** The RDS CPU utilisation above which an alarm fires, in percent. */
    double databaseCpuThresholdPercent() {
        return 100.0 * props.sizing().connectionHeadroom();
    }

    /** Free storage below which an alarm fires, in bytes. */
    double freeStorageThresholdBytes() {
        return STORAGE_AUTOSCALING_FREE_SHARE * props.allocatedStorageGiB() * 1024L * 1024L * 1024L;
    }

    private void loadBalancerAlarms() {
        MetricOptions p99 = period().statistic("p99").build();
        int periods = props.timings().alarmEvaluationPeriods();
        for (Entrance entrance : props.entrances()) {
            ApplicationTargetGroup targetGroup = entrance.targetGroup();
            alarm(entrance.name() + "-p99", "frontend's p99 response time through the " + entrance.name()
                            + " target group is above " + responseTimeThresholdSeconds()
                            + " s, the innermost HTTP budget (Service Connect's timeout in front of payments)",
                    targetGroup.getMetrics().targetResponseTime(p99), responseTimeThresholdSeconds(),
                    ComparisonOperator.GREATER_THAN_THRESHOLD, periods);
            alarm(entrance.name() + "-target-5xx-rate", "more than " + percent(errorRateThresholdPercent())
                            + " of the requests through the " + entrance.name() + " target group answered 5xx by frontend",
                    rate(targetGroup.getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, summed().build()),
                            targetGroup.getMetrics().requestCount(summed().build())),
                    errorRateThresholdPercent(), ComparisonOperator.GREATER_THAN_THRESHOLD, periods);
            entrance.loadBalancer().ifPresent(loadBalancer -> alarm(entrance.name() + "-alb-5xx-rate", "more than "
                            + percent(errorRateThresholdPercent()) + " of the requests to the " + entrance.name()
                            + " load balancer answered 5xx by the load balancer itself (no healthy target, or the"
                            + " target reset or timed out)",
                    rate(loadBalancer.getMetrics().httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, summed().build()),
                            loadBalancer.getMetrics().requestCount(summed().build())),
                    errorRateThresholdPercent(), ComparisonOperator.GREATER_THAN_THRESHOLD, periods));
        }
    }

    private void serviceAlarms() {
        for (StorefrontService service : props.services()) {
            alarm(service.name() + "-tasks-below-desired", service.name() + " has run fewer tasks than desired for "
                            + replacementPeriods() + " periods, longer than a task replacement takes",
                    MathExpression.Builder.create()
                            .expression("desired - running")
                            .usingMetrics(Map.of(
                                    "desired", taskCount("DesiredTaskCount", service, "Maximum"),
                                    "running", taskCount("RunningTaskCount", service, "Minimum")))
                            .label(service.name() + " tasks missing")
                            .period(cdk(props.timings().alarmPeriod()))
                            .build(),
                    0, ComparisonOperator.GREATER_THAN_THRESHOLD, replacementPeriods());
        }
    }

    private void databaseAlarms() {
        DatabaseInstance database = props.database();
        alarm("database-cpu", "the orders database's CPU is above " + percent(databaseCpuThresholdPercent())
                        + ", the headroom share Sizing keeps", database.metricCPUUtilization(period().statistic("Average").build()),
                databaseCpuThresholdPercent(), ComparisonOperator.GREATER_THAN_THRESHOLD, replacementPeriods());
        alarm("database-connections", "the orders database has more than " + props.sizing().peakOrdersConnections()
                        + " connections, more than orders can open at a deployment's peak (Sizing)",
                database.metricDatabaseConnections(period().statistic("Maximum").build()),
                props.sizing().peakOrdersConnections(), ComparisonOperator.GREATER_THAN_THRESHOLD,
                props.timings().alarmEvaluationPeriods());
        alarm("database-free-storage", "the orders database has less than "
                        + percent(100 * STORAGE_AUTOSCALING_FREE_SHARE) + " of its allocated storage free",
                database.metricFreeStorageSpace(period().statistic("Minimum").build()),
                freeStorageThresholdBytes(), ComparisonOperator.LESS_THAN_THRESHOLD, replacementPeriods());
    }

    private void tableAlarms() {
        List<Operation> operations = List.of(Operation.GET_ITEM, Operation.PUT_ITEM);
        alarm("payments-table-system-errors", "DynamoDB answered payments with a server error (HTTP 500)",
                props.paymentsTable().metricSystemErrorsForOperations(SystemErrorsForOperationsMetricOptions.builder()
                        .operations(operations).period(cdk(props.timings().alarmPeriod())).build()),
                0, ComparisonOperator.GREATER_THAN_THRESHOLD, props.timings().alarmEvaluationPeriods());
        alarm("payments-table-throttles", "DynamoDB throttled requests of payments",
                props.paymentsTable().metricThrottledRequestsForOperations(OperationsMetricOptions.builder()
                        .operations(operations).period(cdk(props.timings().alarmPeriod())).build()),
                0, ComparisonOperator.GREATER_THAN_THRESHOLD, props.timings().alarmEvaluationPeriods());
    }

    private void settlementAlarms() {
        alarm("oldest-pending-order", "an order has been PENDING for more than "
                        + props.pendingOrderMaxAge().toMinutes() + " minutes: its customer has no answer",
                ServiceMetrics.OLDEST_PENDING_ORDER_AGE.metric(Map.of(ServiceMetrics.SERVICE, "orders"), "Maximum",
                        cdk(props.timings().alarmPeriod())),
                props.pendingOrderMaxAge().toSeconds(), ComparisonOperator.GREATER_THAN_THRESHOLD,
                props.timings().alarmEvaluationPeriods());
        alarm("payment-conflicts", "payments answered 409 for an order: it is flagged for review and needs a person",
                ServiceMetrics.PAYMENT_CONFLICTS.metric(Map.of(ServiceMetrics.SERVICE, "orders"), "Sum",
                        cdk(props.timings().alarmPeriod())),
                0, ComparisonOperator.GREATER_THAN_THRESHOLD, 1);
    }

    private void addWidgets() {
        Timings timings = props.timings();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# Storefront\nAlarms notify the SNS topic " + topic.getTopicName()
                        + ". What each alarm means and what to check first: README, \"Operating it\".")
                .width(24).height(2).build());
        dashboard.addWidgets(AlarmStatusWidget.Builder.create().title("Alarms").alarms(alarms()).width(24).height(3).build());

        List<IWidget> loadBalancing = new ArrayList<>();
        for (Entrance entrance : props.entrances()) {
            ApplicationTargetGroup targetGroup = entrance.targetGroup();
            List<IMetric> errors = new ArrayList<>(List.of(targetGroup.getMetrics().httpCodeTarget(
                    HttpCodeTarget.TARGET_5XX_COUNT, summed().label("target 5xx").build())));
            entrance.loadBalancer().ifPresent(alb -> errors.add(
                    alb.getMetrics().httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, summed().label("ALB 5xx").build())));
            loadBalancing.add(graph(entrance.name() + ": requests and 5xx",
                    List.of(targetGroup.getMetrics().requestCount(summed().label("requests").build())), errors));
            loadBalancing.add(GraphWidget.Builder.create()
                    .title(entrance.name() + ": target response time (s)")
                    .left(List.of(
                            targetGroup.getMetrics().targetResponseTime(period().statistic("p50").label("p50").build()),
                            targetGroup.getMetrics().targetResponseTime(period().statistic("p99").label("p99").build())))
                    .leftAnnotations(List.of(HorizontalAnnotation.builder()
                            .value(responseTimeThresholdSeconds()).label("p99 alarm").build()))
                    .width(12).build());
        }
        dashboard.addWidgets(loadBalancing.toArray(IWidget[]::new));

        List<IWidget> services = new ArrayList<>();
        for (StorefrontService service : props.services()) {
            services.add(graph(service.name() + ": tasks", List.of(
                    taskCount("RunningTaskCount", service, "Minimum").with(MetricOptions.builder().label("running").build()),
                    taskCount("DesiredTaskCount", service, "Maximum").with(MetricOptions.builder().label("desired").build())),
                    List.of()));
            services.add(graph(service.name() + ": CPU and memory (%)", List.of(
                    service.service().metricCpuUtilization(period().statistic("Average").label("CPU").build()),
                    service.service().metricMemoryUtilization(period().statistic("Average").label("memory").build())),
                    List.of()));
        }
        dashboard.addWidgets(services.toArray(IWidget[]::new));

        DatabaseInstance database = props.database();
        dashboard.addWidgets(
                graph("orders database: CPU (%)", List.of(database.metricCPUUtilization(period().statistic("Average").build())), List.of()),
                GraphWidget.Builder.create().title("orders database: connections")
                        .left(List.of(database.metricDatabaseConnections(period().statistic("Maximum").build())))
                        .leftAnnotations(List.of(HorizontalAnnotation.builder()
                                .value(props.sizing().peakOrdersConnections()).label("orders' deployment peak").build()))
                        .width(8).build(),
                graph("orders database: free storage (bytes)",
                        List.of(database.metricFreeStorageSpace(period().statistic("Minimum").build())), List.of()),
                graph("orders: connection pool (HikariCP)", List.of(
                        ordersMetric(ServiceMetrics.POOL_ACTIVE, "Maximum", "active"),
                        ordersMetric(ServiceMetrics.POOL_IDLE, "Minimum", "idle"),
                        ordersMetric(ServiceMetrics.POOL_PENDING, "Maximum", "waiting")),
                        List.of(ordersMetric(ServiceMetrics.POOL_TIMEOUTS, "Sum", "timeouts"))));

        TableV2 table = props.paymentsTable();
        List<IMetric> latency = new ArrayList<>();
        List<IMetric> clientLatency = new ArrayList<>();
        for (String operation : List.of("GetItem", "PutItem")) {
            latency.add(table.metricSuccessfulRequestLatency(period().statistic("Average")
                    .dimensionsMap(Map.of("TableName", table.getTableName(), "Operation", operation))
                    .label(operation + " (DynamoDB)").build()));
            clientLatency.add(ServiceMetrics.DYNAMODB_CALL_DURATION.metric(
                    Map.of(ServiceMetrics.SERVICE, "payments", ServiceMetrics.OPERATION, operation), "Average",
                    cdk(timings.alarmPeriod())).with(MetricOptions.builder().label(operation + " (payments, s)").build()));
        }
        List<Operation> operations = List.of(Operation.GET_ITEM, Operation.PUT_ITEM);
        dashboard.addWidgets(
                graph("payments table: latency (DynamoDB, ms; payments' view, s)", latency, clientLatency),
                // One expression per graph: both name their per-operation metrics getitem and putitem.
                graph("payments table: throttled requests", List.of(
                        table.metricThrottledRequestsForOperations(OperationsMetricOptions.builder()
                                .operations(operations).period(cdk(timings.alarmPeriod())).label("throttled").build())),
                        List.of()),
                graph("payments table: system errors", List.of(
                        table.metricSystemErrorsForOperations(SystemErrorsForOperationsMetricOptions.builder()
                                .operations(operations).period(cdk(timings.alarmPeriod())).label("system errors").build())),
                        List.of()));

        List<IMetric> checkouts = new ArrayList<>();
        for (String outcome : List.of("PAID", "DECLINED", "PENDING")) {
            checkouts.add(ServiceMetrics.CHECKOUTS.metric(
                    Map.of(ServiceMetrics.SERVICE, "frontend", ServiceMetrics.OUTCOME, outcome), "Sum",
                    cdk(timings.alarmPeriod())).with(MetricOptions.builder().label(outcome).build()));
        }
        dashboard.addWidgets(
                graph("checkouts by outcome", checkouts, List.of()),
                GraphWidget.Builder.create().title("PENDING orders: count, and age of the oldest (s)")
                        .left(List.of(ordersMetric(ServiceMetrics.PENDING_ORDERS, "Maximum", "PENDING orders")))
                        .right(List.of(ordersMetric(ServiceMetrics.OLDEST_PENDING_ORDER_AGE, "Maximum", "oldest (s)")))
                        .rightAnnotations(List.of(HorizontalAnnotation.builder()
                                .value(props.pendingOrderMaxAge().toSeconds()).label("alarm").build()))
                        .width(12).build());
    }

    private Alarm alarm(String suffix, String description, IMetric metric, double threshold,
                        ComparisonOperator comparison, int evaluationPeriods) {
        Alarm alarm = Alarm.Builder.create(this, camel(suffix) + "Alarm")
                .alarmName(StorefrontService.alarmName(this, suffix))
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .evaluationPeriods(evaluationPeriods)
                .datapointsToAlarm(evaluationPeriods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarms.add(alarm);
        return alarm;
    }

    /** Container Insights' task counts of one service. */
    private Metric taskCount(String metricName, StorefrontService service, String statistic) {
        return Metric.Builder.create()
                .namespace("ECS/ContainerInsights")
                .metricName(metricName)
                .dimensionsMap(Map.of("ClusterName", props.cluster().getClusterName(), "ServiceName", service.name()))
                .statistic(statistic)
                .period(cdk(props.timings().alarmPeriod()))
                .build();
    }

    private Metric ordersMetric(ServiceMetrics.Declaration declaration, String statistic, String label) {
        return declaration.metric(Map.of(ServiceMetrics.SERVICE, "orders"), statistic, cdk(props.timings().alarmPeriod()))
                .with(MetricOptions.builder().label(label).build());
    }

    /** 100 × errors / requests, 0 without requests. */
    private MathExpression rate(IMetric errors, IMetric requests) {
        return MathExpression.Builder.create()
                .expression("IF(requests > 0, 100 * errors / requests, 0)")
                .usingMetrics(Map.of("errors", errors, "requests", requests))
                .label("5xx %")
                .period(cdk(props.timings().alarmPeriod()))
                .build();
    }

    private GraphWidget graph(String title, List<? extends IMetric> left, List<? extends IMetric> right) {
        return GraphWidget.Builder.create().title(title).left(left).right(right).width(right.isEmpty() ? 8 : 12).build();
    }

    private MetricOptions.Builder period() {
        return MetricOptions.builder().period(cdk(props.timings().alarmPeriod()));
    }

    private MetricOptions.Builder summed() {
        return period().statistic("Sum");
    }

    private static software.amazon.awscdk.Duration cdk(Duration duration) {
        return Timings.cdk(duration);
    }

    private static String percent(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f %%", value);
    }

    private static String camel(String suffix) {
        StringBuilder id = new StringBuilder();
        for (String part : suffix.split("-")) {
            id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return id.toString();
    }
}
