package dev.storefront.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.common.config.ShippedSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The container settings outside the CDK app, the image's HEALTHCHECK and docker compose's stop
 * timeout, agree with the deployment's ({@link Timings}) and the services' own shipped settings, so
 * that none of them is a copy that can drift.
 */
class ContainerSettingsTest {

    private static final Path ROOT = Path.of("..");
    private static final Timings TIMINGS = Timings.defaults();

    @Test
    void theImagesHealthCheckIsTheEcsContainerHealthCheck() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        Matcher healthCheck = Pattern.compile("HEALTHCHECK --interval=(\\d+)s --timeout=(\\d+)s --start-period=(\\d+)s"
                + " --retries=(\\d+)").matcher(dockerfile);
        assertThat(healthCheck.find()).as("the Dockerfile's HEALTHCHECK").isTrue();
        assertThat(Long.parseLong(healthCheck.group(1))).isEqualTo(TIMINGS.livenessInterval().toSeconds());
        assertThat(Long.parseLong(healthCheck.group(2))).isEqualTo(TIMINGS.livenessTimeout().toSeconds());
        assertThat(Long.parseLong(healthCheck.group(3))).isEqualTo(TIMINGS.livenessStartPeriod().toSeconds());
        assertThat(Integer.parseInt(healthCheck.group(4))).isEqualTo(TIMINGS.livenessRetries());
        assertThat(dockerfile).contains("http://localhost:8080/health/liveness");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeGivesEveryServiceTheStopTimeoutItsDrainNeeds() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Duration needed = ShippedSettings.of(ROOT, "frontend").stopTimeout();
        for (String service : StorefrontConfig.SERVICES) {
            Map<String, Object> definition = (Map<String, Object>) services.get(service);
            assertThat(seconds((String) definition.get("stop_grace_period"))).as(service).isEqualTo(needed);
            // The shipped drain settings apply: compose overrides neither.
            Map<String, Object> environment = (Map<String, Object>) definition.get("environment");
            assertThat(environment).as(service).doesNotContainKeys("DRAIN_DELAY", "SHUTDOWN_GRACE_PERIOD");
        }
    }

    private static Duration seconds(String composeDuration) {
        assertThat(composeDuration).matches("\\d+s");
        return Duration.ofSeconds(Long.parseLong(composeDuration.substring(0, composeDuration.length() - 1)));
    }
}
