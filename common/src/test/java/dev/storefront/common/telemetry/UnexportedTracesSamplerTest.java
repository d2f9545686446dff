package dev.storefront.common.telemetry;

import io.micronaut.context.ApplicationContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Spans are sampled only when they go somewhere; trace ids exist either way. */
class UnexportedTracesSamplerTest {

    @Test
    void withoutAnExporterNoSpanIsRecordedButEveryOneHasATraceId() {
        Span span = startSpan(Map.of());
        assertThat(span.isRecording()).isFalse();
        assertThat(span.getSpanContext().isValid()).isTrue();
        assertThat(span.getSpanContext().isSampled()).isFalse();
    }

    @Test
    void theNoneExporterRecordsNothingEither() {
        assertThat(startSpan(Map.of("otel.traces.exporter", "none")).isRecording()).isFalse();
    }

    @Test
    void withAnExporterEverySpanIsRecorded() {
        Span span = startSpan(Map.of("otel.traces.exporter", "logging"));
        assertThat(span.isRecording()).isTrue();
        assertThat(span.getSpanContext().isSampled()).isTrue();
    }

    @Test
    void aSamplerChosenExplicitlyWins() {
        assertThat(startSpan(Map.of("otel.traces.sampler", "always_on")).isRecording()).isTrue();
    }

    /**
     * A started span from the context's OpenTelemetry, built as the services build theirs; not
     * ended (an ended span records nothing).
     */
    private static Span startSpan(Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            return context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("checkout").startSpan();
        }
    }
}
