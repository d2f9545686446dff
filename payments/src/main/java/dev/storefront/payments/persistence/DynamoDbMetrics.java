package dev.storefront.payments.persistence;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The AWS SDK's own client-side metrics of each DynamoDB call (its {@link MetricPublisher} SPI),
 * recorded as the OpenTelemetry histogram {@value #DURATION} in seconds, the RPC semantic
 * conventions' client metric: attributes {@code rpc.system=aws-api}, {@code rpc.service=DynamoDB},
 * {@code rpc.method} (e.g. {@code PutItem}) and, for a call that failed, {@code error.type}, the
 * SDK's classification of its last attempt: {@code Throttling}, {@code ServerError},
 * {@code ConfiguredTimeout}, {@code IO} or {@code Other} ({@code _OTHER} if no attempt says). A conditional write refused because the payment exists (an idempotent repeat)
 * is {@code Other}: that is an answer, not a fault, so alarms watch DynamoDB's own SystemErrors
 * and throttles instead. The count of the histogram is the number of calls, retries included in
 * their duration.
 *
 * <p>OpenTelemetry's AWS SDK instrumentation makes the spans but no metrics (its metric publisher
 * is still a proposal: open-telemetry/opentelemetry-java-instrumentation pull request 13831); when
 * it ships, this class can go.
 */
final class DynamoDbMetrics implements MetricPublisher {

    /** Histogram name, as exported over OTLP and declared to CloudWatch. */
    static final String DURATION = "rpc.client.call.duration";

    private static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
    private static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
    private static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** The HTTP duration buckets of the semantic conventions, in seconds: 5 ms to 10 s. */
    private static final List<Double> BUCKETS =
            List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

    private final DoubleHistogram duration;

    DynamoDbMetrics(OpenTelemetry openTelemetry) {
        this.duration = openTelemetry.getMeter("dev.storefront.payments").histogramBuilder(DURATION)
                .setDescription("Duration of DynamoDB calls made through the AWS SDK, retries included")
                .setUnit("s")
                .setExplicitBucketBoundariesAdvice(BUCKETS)
                .build();
    }

    @Override
    public void publish(MetricCollection call) {
        Optional<Duration> elapsed = first(call, CoreMetric.API_CALL_DURATION);
        if (elapsed.isEmpty()) {
            return;
        }
        AttributesBuilder attributes = Attributes.builder()
                .put(RPC_SYSTEM, "aws-api")
                .put(RPC_SERVICE, first(call, CoreMetric.SERVICE_ID).orElse("DynamoDB"))
                .put(RPC_METHOD, first(call, CoreMetric.OPERATION_NAME).orElse("_OTHER"));
        if (!first(call, CoreMetric.API_CALL_SUCCESSFUL).orElse(false)) {
            attributes.put(ERROR_TYPE, lastAttemptErrorType(call));
        }
        duration.record(elapsed.get().toNanos() / 1e9, attributes.build());
    }

    @Override
    public void close() {
        // The histogram belongs to the SDK's meter provider, which the application context closes.
    }

    private static String lastAttemptErrorType(MetricCollection call) {
        return call.children().stream()
                .map(attempt -> first(attempt, CoreMetric.ERROR_TYPE))
                .flatMap(Optional::stream)
                .reduce((earlier, later) -> later)
                .orElse("_OTHER");
    }

    private static <T> Optional<T> first(MetricCollection collection, software.amazon.awssdk.metrics.SdkMetric<T> metric) {
        return collection.metricValues(metric).stream().findFirst();
    }
}
