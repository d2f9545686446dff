package dev.storefront.common.config;

import dev.storefront.common.drain.DrainConfiguration;
import dev.storefront.common.http.ServerConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.DependencyInjectionException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared defaults reach every context, below the service's own file and the environment. */
class SharedDefaultsTest {

    @Test
    void everyContextGetsTheSharedDefaults() {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertThat(context.getBean(ServerConfiguration.class).requestReceiveTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(context.getBean(DrainConfiguration.class))
                    .isEqualTo(new DrainConfiguration(Duration.ofSeconds(5), Duration.ofSeconds(20)));
            assertThat(context.getProperty("micronaut.server.idle-timeout", String.class)).contains("330s");
        }
    }

    @Test
    void aServicesOwnFileWinsOverTheSharedDefaults() {
        try (ApplicationContext context = ApplicationContext.run("shared-defaults-test")) {
            assertThat(context.getBean(ServerConfiguration.class).requestReceiveTimeout()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void theEnvironmentWinsOverBoth() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("DRAIN_DELAY", "250ms"))) {
            assertThat(context.getBean(DrainConfiguration.class).delay()).isEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void aValueThatIsNotADurationStopsTheBean() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("storefront.drain.grace-period", "soon"))) {
            assertThatThrownBy(() -> context.getBean(DrainConfiguration.class))
                    .isInstanceOf(DependencyInjectionException.class)
                    .hasMessageContaining("storefront.drain.grace-period");
        }
    }

    @Test
    void toolsReadTheSameValuesTheServicesRunWith() {
        ShippedSettings fromClasspath = ShippedSettings.shared();
        ShippedSettings fromSource = ShippedSettings.of(Path.of(".."), "frontend");
        try (ApplicationContext context = ApplicationContext.run()) {
            DrainConfiguration drain = context.getBean(DrainConfiguration.class);
            for (ShippedSettings settings : new ShippedSettings[] {fromClasspath, fromSource}) {
                assertThat(settings.duration("storefront.drain.delay")).isEqualTo(drain.delay());
                assertThat(settings.duration("storefront.drain.grace-period")).isEqualTo(drain.gracePeriod());
                assertThat(settings.stopTimeout()).isEqualTo(drain.delay().plus(drain.gracePeriod())
                        .plus(ShippedSettings.CONTEXT_CLOSE_BUDGET));
            }
        }
        assertThat(fromSource.duration("micronaut.http.services.orders.read-timeout")).isPositive();
        assertThat(fromSource.find("storefront.upstream.health-check")).contains("");
        assertThat(fromSource.find("no.such.key")).isEmpty();
    }
}
