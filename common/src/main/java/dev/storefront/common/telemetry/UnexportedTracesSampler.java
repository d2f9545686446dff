package dev.storefront.common.telemetry;

import io.micronaut.tracing.opentelemetry.OpenTelemetryBuilderCustomizer;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Samples no span when no trace exporter is configured ({@code OTEL_TRACES_EXPORTER} unset or
 * {@code none}, the shipped default), so that nothing builds, fills and ends span objects that no
 * one will read. The instrumentation still runs: every request still has a trace context, so the
 * trace and span ids in the log lines and the {@code traceparent} sent to the next hop (with the
 * sampled flag off) stay, and the HTTP metrics ({@code http.server.request.duration},
 * {@code http.client.request.duration}), which OpenTelemetry records whether or not a span is
 * sampled, stay too. With an exporter the configured sampler applies (parent-based always-on by
 * default); an explicit {@code OTEL_TRACES_SAMPLER} always wins.
 */
@Singleton
final class UnexportedTracesSampler implements OpenTelemetryBuilderCustomizer {

    @Override
    public void configure(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        builder.addSamplerCustomizer((configured, config) -> samplesNothing(config) ? Sampler.alwaysOff() : configured);
    }

    /** No exporter and no sampler chosen: {@code otel.traces.exporter} is empty or {@code none}. */
    static boolean samplesNothing(ConfigProperties config) {
        List<String> exporters = config.getList("otel.traces.exporter", List.of("otlp"));
        boolean exported = exporters.stream().anyMatch(exporter -> !exporter.equals("none"));
        return !exported && config.getString("otel.traces.sampler") == null;
    }
}
