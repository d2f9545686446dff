package dev.storefront.local;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the launcher tells the services to export, from its flags and the shell's OTEL_* variables. */
class TelemetrySettingsTest {

    @Test
    void withoutFlagsOrVariablesNothingIsExported() {
        assertThat(StorefrontLocal.telemetry(false, false, Map.of()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("OTEL_TRACES_EXPORTER", "none", "OTEL_METRICS_EXPORTER", "none"));
    }

    @Test
    void metricsLogPrintsMetricsEveryTenSecondsAndLeavesTracesOff() {
        assertThat(StorefrontLocal.telemetry(false, true, Map.of())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "OTEL_TRACES_EXPORTER", "none",
                "OTEL_METRICS_EXPORTER", "logging",
                "OTEL_METRIC_EXPORT_INTERVAL", "10000"));
        assertThat(StorefrontLocal.telemetry(true, true, Map.of()))
                .containsEntry("OTEL_TRACES_EXPORTER", "logging").containsEntry("OTEL_METRICS_EXPORTER", "logging");
    }

    @Test
    void anOtlpEndpointAloneExportsBothSignalsOverOtlp() {
        assertThat(StorefrontLocal.telemetry(false, false, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("OTEL_TRACES_EXPORTER", "otlp", "OTEL_METRICS_EXPORTER", "otlp"));
    }

    @Test
    void theShellsOwnExporterChoiceIsLeftAlone() {
        assertThat(StorefrontLocal.telemetry(false, false, Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318", "OTEL_METRICS_EXPORTER", "none")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("OTEL_TRACES_EXPORTER", "otlp"));
        assertThat(StorefrontLocal.telemetry(false, false, Map.of("OTEL_SDK_DISABLED", "true"))).isEmpty();
    }
}
