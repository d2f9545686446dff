package dev.storefront.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A minimal OTLP/HTTP trace receiver on 127.0.0.1 ({@code POST /v1/traces}, protobuf), what an
 * OpenTelemetry collector is to the services: they export to it through their real exporter.
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

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", this::receive);
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
    List<Span> awaitTrace(String traceId, Predicate<List<Span>> complete, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !complete.test(trace(traceId))) {
            Thread.sleep(100);
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
