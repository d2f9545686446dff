package dev.storefront.common.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Duration;
import java.util.Optional;

/**
 * How the service clients watch the instances they balance over ({@code storefront.upstream},
 * shipped in storefront-defaults.yml; applied by {@link UpstreamHealthCheck}).
 *
 * @param healthCheck UPSTREAM_HEALTH_CHECK: {@code true} or {@code false} forces the client-side
 *                    readiness check on or off for every service client; empty (the default) turns
 *                    it on for a client with more than one URL
 * @param healthCheckUri      the path each instance is checked on: its readiness
 *                            ({@code /health/readiness}), which turns 503 as its drain begins
 * @param healthCheckInterval between two checks of one instance (1 s): how long a draining
 *                            instance may still be picked, well inside its drain delay
 */
@ConfigurationProperties("storefront.upstream")
public record UpstreamConfiguration(
        @Nullable @Pattern(regexp = "|true|false") String healthCheck,
        @NotBlank String healthCheckUri,
        @NotNull Duration healthCheckInterval) {

    /** The forced choice, if UPSTREAM_HEALTH_CHECK sets one. */
    public Optional<Boolean> override() {
        return healthCheck == null || healthCheck.isBlank() ? Optional.empty() : Optional.of(Boolean.valueOf(healthCheck));
    }
}
