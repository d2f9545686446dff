package dev.storefront.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A minimal OTLP/HTTP receiver on 127.0.0.1 for traces ({@code POST /v1/traces}) and metrics
 * ({@code POST /v1/metrics}), protobuf: what an OpenTelemetry collector is to the services; they
 * export to it through their real exporters.
 */
final class OtlpReceiver implements AutoCloseable {

    /**
     * One received span.
     *
     * @param service the resource's {@code service.name}
     * @param traceId trace id, 32 hex digits
     * @param spanId span id, 16 hex digits
     * @param parentSpanId parent span id, or "" for a root span
     * @param name span name, e.g. {@code POST /orders}
     * @param kind SERVER, CLIENT, INTERNAL...
     * @param attributes the span's attributes, values as strings
     */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
                Map<String, String> attributes) {
    }

    /**
     * The latest exported value of one metric stream (a metric and one set of attributes).
     *
     * @param service the resource's {@code service.name}
     * @param name metric name, e.g. {@code http.server.request.duration}
     * @param unit its unit, e.g. {@code s}
     * @param type GAUGE, SUM or HISTOGRAM
     * @param attributes the data point's attributes, values as strings
     * @param value a gauge's or sum's value; a histogram's sum
     * @param count a histogram's count; 0 for the others
     */
    record MetricPoint(String service, String name, String unit, String type, Map<String, String> attributes,
                       double value, long count) {
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    /** Latest point per service, metric and attributes: cumulative sums and histograms are totals. */
    private final Map<List<Object>, MetricPoint> metrics = new ConcurrentHashMap<>();

    OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", this::receive);
        server.createContext("/v1/metrics", this::receiveMetrics);
        server.start();
    }

    /** The base endpoint for OTEL_EXPORTER_OTLP_ENDPOINT. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void receive(HttpExchange exchange) throws IOException {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes());
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            String service = attributes(resourceSpans.getResource().getAttributesList()).get("service.name");
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                scopeSpans.getSpansList().forEach(span -> spans.add(new Span(service,
                        hex.formatHex(span.getTraceId().toByteArray()), hex.formatHex(span.getSpanId().toByteArray()),
                        hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(),
                        span.getKind().name().replace("SPAN_KIND_", ""), attributes(span.getAttributesList()))));
            }
        }
        byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private void receiveMetrics(HttpExchange exchange) throws IOException {
        ExportMetricsServiceRequest request =
                ExportMetricsServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes());
        for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
            String service = attributes(resourceMetrics.getResource().getAttributesList()).get("service.name");
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                scopeMetrics.getMetricsList().forEach(metric -> points(service, metric).forEach(point ->
                        metrics.put(List.of(service, metric.getName(), point.attributes()), point)));
            }
        }
        byte[] answer = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private static List<MetricPoint> points(String service, Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsList().stream()
                    .map(point -> number(service, metric, "GAUGE", point)).toList();
            case SUM -> metric.getSum().getDataPointsList().stream()
                    .map(point -> number(service, metric, "SUM", point)).toList();
            case HISTOGRAM -> metric.getHistogram().getDataPointsList().stream()
                    .map(point -> new MetricPoint(service, metric.getName(), metric.getUnit(), "HISTOGRAM",
                            attributes(point.getAttributesList()), point.getSum(), point.getCount())).toList();
            default -> List.of(new MetricPoint(service, metric.getName(), metric.getUnit(),
                    metric.getDataCase().name(), Map.of(), Double.NaN, 0));
        };
    }

    private static MetricPoint number(String service, Metric metric, String type, NumberDataPoint point) {
        double value = point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt() : point.getAsDouble();
        return new MetricPoint(service, metric.getName(), metric.getUnit(), type, attributes(point.getAttributesList()),
                value, 0);
    }

    /** The latest points of a metric from a service, one per set of attributes. */
    List<MetricPoint> metric(String service, String name) {
        return metrics.values().stream().filter(p -> p.service().equals(service) && p.name().equals(name)).toList();
    }

    private static Map<String, String> attributes(List<KeyValue> keyValues) {
        return keyValues.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> switch (kv.getValue().getValueCase()) {
            case STRING_VALUE -> kv.getValue().getStringValue();
            case INT_VALUE -> Long.toString(kv.getValue().getIntValue());
            case BOOL_VALUE -> Boolean.toString(kv.getValue().getBoolValue());
            case DOUBLE_VALUE -> Double.toString(kv.getValue().getDoubleValue());
            default -> kv.getValue().toString();
        }, (first, second) -> second));
    }

    /** The spans of a trace received so far. */
    List<Span> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** Waits until the spans of a trace satisfy {@code complete}; returns them, complete or not. */
    List<Span> awaitTrace(String traceId, Predicate<List<Span>> complete, Duration timeout) {
        try {
            await("trace " + traceId + " complete").atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).until(() -> complete.test(trace(traceId)));
        } catch (ConditionTimeoutException incomplete) {
            // The caller's assertions name what is missing from the spans received so far.
        }
        return trace(traceId);
    }

    /** Trace ids of the spans carrying this attribute value. */
    List<String> traceIdsWith(String attribute, String value) {
        return spans.stream().filter(span -> value.equals(span.attributes().get(attribute)))
                .map(Span::traceId).distinct().toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
