package dev.storefront.common.drain;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * The drain's two phases ({@code storefront.drain}, shipped in storefront-defaults.yml; see
 * docs/drain.md). The orchestrator's stop timeout must outlast their sum plus the time to close
 * the context ({@code ShippedSettings.stopTimeout()}).
 *
 * @param delay       DRAIN_DELAY (5 s): after SIGTERM, readiness is 503 while the service still
 *                    serves, for load balancers and Service Connect's proxies to stop sending to it
 * @param gracePeriod SHUTDOWN_GRACE_PERIOD (20 s): then, with the listener closed, how long
 *                    in-flight requests may finish before they are cut
 */
@ConfigurationProperties("storefront.drain")
public record DrainConfiguration(@NotNull Duration delay, @NotNull Duration gracePeriod) {
}
