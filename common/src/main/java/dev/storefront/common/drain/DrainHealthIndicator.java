package dev.storefront.common.drain;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Readiness is DOWN (HTTP 503) from the moment a drain begins, so whatever probes readiness (the
 * ALB target groups, the callers' client-side balancing) stops sending new requests here while
 * the instance still serves. Service Connect does not probe it: ECS takes a stopping task out of
 * Service Connect itself, and DRAIN_DELAY covers the time the proxies take to learn that. Not a
 * liveness indicator: a draining instance is alive.
 */
@Singleton
@Readiness
final class DrainHealthIndicator implements HealthIndicator {

    private final DrainState state;

    DrainHealthIndicator(DrainState state) {
        this.state = state;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("drain")
                .status(state.isDraining() ? HealthStatus.DOWN : HealthStatus.UP)
                .details(state.isDraining() ? "draining" : "serving")
                .build());
    }
}
