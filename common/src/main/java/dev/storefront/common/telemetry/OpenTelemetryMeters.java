package dev.storefront.common.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.micrometer.v1_5.OpenTelemetryMeterRegistry;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * Sends every Micrometer meter of a service (Micronaut's JVM binders, HikariCP's pool meters, the
 * services' own counters and gauges) through the OpenTelemetry SDK that already exports the spans
 * and the HTTP metrics, so one exporter, configured only by the standard {@code OTEL_*} variables
 * ({@code OTEL_METRICS_EXPORTER=otlp|logging|none}), carries all of them.
 *
 * <p>Micronaut Micrometer adds every {@link MeterRegistry} bean to its composite registry, which
 * the binders and the application's meters are registered with. Times are in seconds, as the
 * OpenTelemetry semantic conventions have them (the bridge's default is milliseconds). With the
 * exporter {@code none} (the default) the SDK's meters are no-ops, so the bridge costs nothing.
 */
@Factory
final class OpenTelemetryMeters {

    @Singleton
    @Bean(preDestroy = "close")
    MeterRegistry openTelemetryMeterRegistry(OpenTelemetry openTelemetry) {
        return OpenTelemetryMeterRegistry.builder(openTelemetry)
                .setBaseTimeUnit(TimeUnit.SECONDS)
                .build();
    }
}
