package dev.storefront.common.http;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.client.ServiceHttpClientConfiguration;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns on Micronaut's client-side readiness check ({@code health-check}, every
 * {@code health-check-interval} on {@code health-check-uri}) for every service client given more
 * than one URL: balancing round robin across instances without it keeps sending every n-th request
 * to one that has stopped or is draining. With one URL (on ECS, the Service Connect proxy, which
 * routes around unhealthy tasks itself and whose readiness is not one instance's) it stays off.
 * {@code UPSTREAM_HEALTH_CHECK=true|false} overrides the choice for every client.
 */
@Singleton
final class UpstreamHealthCheck implements BeanCreatedEventListener<ServiceHttpClientConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamHealthCheck.class);

    private final UpstreamConfiguration configuration;

    UpstreamHealthCheck(UpstreamConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public ServiceHttpClientConfiguration onCreated(BeanCreatedEvent<ServiceHttpClientConfiguration> event) {
        ServiceHttpClientConfiguration client = event.getBean();
        boolean enabled = configuration.override().orElse(client.getUrls().size() > 1);
        client.setHealthCheck(enabled);
        client.setHealthCheckUri(configuration.healthCheckUri());
        client.setHealthCheckInterval(configuration.healthCheckInterval());
        if (enabled) {
            LOG.info("Balancing {} across {} with a readiness check of each every {} ms", client.getServiceId(),
                    client.getUrls(), client.getHealthCheckInterval().toMillis());
        }
        return client;
    }
}
