package dev.storefront.common.http;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.ServiceHttpClientConfiguration;
import io.micronaut.inject.qualifiers.Qualifiers;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UpstreamHealthCheckTest {

    private static boolean healthCheckOfOrders(String urls, String override) {
        Map<String, Object> properties = new HashMap<>(Map.of("micronaut.http.services.orders.urls", urls));
        if (override != null) {
            properties.put("storefront.upstream.health-check", override);
        }
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            return context.getBean(ServiceHttpClientConfiguration.class, Qualifiers.byName("orders")).isHealthCheck();
        }
    }

    @Test
    void severalUrlsAreReadinessCheckedByDefault() {
        assertThat(healthCheckOfOrders("http://127.0.0.1:18081,http://127.0.0.1:18083", null)).isTrue();
    }

    @Test
    void oneUrlIsNotCheckedByDefault() {
        assertThat(healthCheckOfOrders("http://127.0.0.1:18081", null)).isFalse();
    }

    @Test
    void everyClientChecksReadinessEverySecond() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("micronaut.http.services.orders.urls",
                "http://127.0.0.1:18081,http://127.0.0.1:18083"))) {
            ServiceHttpClientConfiguration orders = context.getBean(ServiceHttpClientConfiguration.class,
                    Qualifiers.byName("orders"));
            assertThat(orders.getHealthCheckUri()).isEqualTo("/health/readiness");
            assertThat(orders.getHealthCheckInterval()).isEqualTo(java.time.Duration.ofSeconds(1));
        }
    }

    @Test
    void theVariableOverridesEitherWay() {
        assertThat(healthCheckOfOrders("http://127.0.0.1:18081,http://127.0.0.1:18083", "false")).isFalse();
        assertThat(healthCheckOfOrders("http://127.0.0.1:18081", "true")).isTrue();
    }
}
