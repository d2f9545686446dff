package dev.storefront.infra;

import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Metric;

/**
 * The services' own metrics that reach CloudWatch, defined once: their names as the services export
 * them over OTLP, the dimensions CloudWatch keeps, the ADOT collector's EMF declarations made from
 * them ({@link Telemetry}), and the CloudWatch metrics the alarms and the dashboard read
 * ({@link Operations}). An alarm on a name or a dimension set the collector does not declare would
 * never fire; building both from these constants rules that out.
 *
 * <p>Every service exports many more metrics over OTLP (JVM memory, GC and threads, executor
 * queues, every HTTP attribute); the collector's EMF exporter sends CloudWatch only these, with few
 * dimensions, since each combination of dimension values is a billed custom metric. Container
 * Insights already gives CPU, memory and task counts per service.
 */
public final class ServiceMetrics {

    /** The CloudWatch namespace of the services' metrics. */
    public static final String NAMESPACE = "Storefront";

    /** Dimension: the exporting service, from the OpenTelemetry resource ({@code OTEL_SERVICE_NAME}). */
    public static final String SERVICE = "service.name";
    /** Dimension: the server route template, e.g. {@code /api/checkout}. */
    public static final String ROUTE = "http.route";
    /** Dimension: a checkout's outcome, {@code PAID}, {@code DECLINED} or {@code PENDING}. */
    public static final String OUTCOME = "outcome";
    /** Dimension: the DynamoDB operation, e.g. {@code PutItem}. */
    public static final String OPERATION = "rpc.method";

    /**
     * One metric the collector sends to CloudWatch.
     *
     * @param name       the name the service exports over OTLP, and the CloudWatch metric name
     * @param unit       its OpenTelemetry unit, for readers ({@code s}, {@code {order}}...)
     * @param dimensions the attributes CloudWatch keeps as dimensions; the others are dropped
     */
    public record Declaration(String name, String unit, List<String> dimensions) {

        /** Copies the dimensions, so the record stays immutable. */
        public Declaration {
            dimensions = List.copyOf(dimensions);
        }

        /**
         * This metric in CloudWatch, for an alarm or a graph.
         *
         * @param dimensionValues one value for each declared dimension, and nothing else
         * @param statistic       e.g. {@code Maximum}, {@code Sum}, {@code SampleCount}
         * @param period          the aggregation period
         * @throws IllegalArgumentException if the dimensions differ from the declared ones: such a
         *                                  metric would never receive a data point
         */
        public Metric metric(Map<String, String> dimensionValues, String statistic, Duration period) {
            if (!dimensionValues.keySet().equals(Set.copyOf(dimensions))) {
                throw new IllegalArgumentException(name + " is declared with dimensions " + dimensions
                        + ", not " + dimensionValues.keySet());
            }
            return Metric.Builder.create()
                    .namespace(NAMESPACE)
                    .metricName(name)
                    .dimensionsMap(dimensionValues)
                    .statistic(statistic)
                    .period(period)
                    .build();
        }
    }

    /** Server request duration (histogram, s) per service and route: rate, latency, per route. */
    public static final Declaration HTTP_SERVER_DURATION =
            new Declaration("http.server.request.duration", "s", List.of(SERVICE, ROUTE));
    /** Checkouts by outcome (counter, frontend). */
    public static final Declaration CHECKOUTS =
            new Declaration("storefront.checkouts", "{checkout}", List.of(SERVICE, OUTCOME));
    /** PENDING orders not flagged for review (gauge, orders). */
    public static final Declaration PENDING_ORDERS =
            new Declaration("orders.pending", "{order}", List.of(SERVICE));
    /** Age of the oldest PENDING order not flagged for review (gauge, s, orders). */
    public static final Declaration OLDEST_PENDING_ORDER_AGE =
            new Declaration("orders.pending.oldest.age", "s", List.of(SERVICE));
    /** Payments that answered 409 for an order: the order is flagged for review (counter, orders). */
    public static final Declaration PAYMENT_CONFLICTS =
            new Declaration("orders.payment.conflicts", "{conflict}", List.of(SERVICE));
    /** DynamoDB calls through the AWS SDK (histogram, s, payments) per operation. */
    public static final Declaration DYNAMODB_CALL_DURATION =
            new Declaration("rpc.client.call.duration", "s", List.of(SERVICE, OPERATION));
    /** HikariCP connections in use (gauge, orders). */
    public static final Declaration POOL_ACTIVE =
            new Declaration("hikaricp.connections.active", "{connection}", List.of(SERVICE));
    /** HikariCP idle connections (gauge, orders). */
    public static final Declaration POOL_IDLE =
            new Declaration("hikaricp.connections.idle", "{connection}", List.of(SERVICE));
    /** Threads waiting for a HikariCP connection (gauge, orders). */
    public static final Declaration POOL_PENDING =
            new Declaration("hikaricp.connections.pending", "{thread}", List.of(SERVICE));
    /** Connection requests that timed out after HikariCP's connectionTimeout (counter, orders). */
    public static final Declaration POOL_TIMEOUTS =
            new Declaration("hikaricp.connections.timeout", "{timeout}", List.of(SERVICE));

    /** Everything the collector sends to CloudWatch. */
    public static final List<Declaration> DECLARED = List.of(HTTP_SERVER_DURATION, CHECKOUTS, PENDING_ORDERS,
            OLDEST_PENDING_ORDER_AGE, PAYMENT_CONFLICTS, DYNAMODB_CALL_DURATION, POOL_ACTIVE, POOL_IDLE,
            POOL_PENDING, POOL_TIMEOUTS);

    private ServiceMetrics() {
    }

    /**
     * The collector's {@code awsemf} exporter, as YAML at the indentation of an entry of
     * {@code exporters:}: one metric declaration per {@link Declaration}, names matched exactly.
     * Resource attributes become labels ({@code service.name} among them); no dimension roll-up.
     *
     * @param logGroupName the log group the EMF records are written to
     */
    static String emfExporter(String logGroupName) {
        StringBuilder yaml = new StringBuilder()
                .append("  awsemf:\n")
                .append("    namespace: ").append(NAMESPACE).append('\n')
                .append("    log_group_name: '").append(logGroupName).append("'\n")
                .append("    log_stream_name: '{TaskId}'\n")
                .append("    dimension_rollup_option: NoDimensionRollup\n")
                .append("    resource_to_telemetry_conversion:\n")
                .append("      enabled: true\n")
                .append("    metric_declarations:\n");
        for (Declaration declaration : DECLARED) {
            yaml.append("      - dimensions: [[").append(String.join(", ", declaration.dimensions())).append("]]\n")
                    .append("        metric_name_selectors: ['^")
                    .append(declaration.name().replace(".", "\\.")).append("$']\n");
        }
        return yaml.toString();
    }
}
