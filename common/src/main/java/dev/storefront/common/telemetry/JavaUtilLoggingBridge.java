package dev.storefront.common.telemetry;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PostConstruct;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends java.util.logging records (the OpenTelemetry SDK logs through it: exported spans with
 * OTEL_TRACES_EXPORTER=logging, export failures) to logback, so that they come out in the same
 * format as every other line, JSON included, with the trace ids.
 */
@Context
final class JavaUtilLoggingBridge {

    @PostConstruct
    void install() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
