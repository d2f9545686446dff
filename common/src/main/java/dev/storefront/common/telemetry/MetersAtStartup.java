package dev.storefront.common.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

/**
 * Creates Micronaut's meter registry, with its JVM, executor and pool binders, when the service
 * starts. Otherwise the first bean to need it would, often the executor of the first request,
 * and that request would pay for it (measured: up to seconds on a busy machine); and the JVM's
 * meters would be missing from the exports until then.
 */
@Context
final class MetersAtStartup {

    MetersAtStartup(MeterRegistry registry) {
        // Injecting the registry is the point: nothing else to do.
    }
}
