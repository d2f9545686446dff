package dev.storefront.e2e;

import com.github.dockerjava.api.command.InspectContainerResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** What the images promise the platform: their own health check, non-root, the JVM as PID 1. */
@ExtendWith(StorefrontExtension.class)
class ContainerHealthIT {

    @Test
    void everyServiceContainerIsHealthyByItsImagesOwnLivenessCheck(StorefrontContainers stack) {
        for (String name : StorefrontContainers.SERVICE_CONTAINERS) {
            InspectContainerResponse container = stack.inspect(name);

            assertThat(container.getConfig().getHealthcheck().getTest())
                    .as("%s health check comes from its image", name)
                    .anySatisfy(part -> assertThat(part).contains("/health/liveness"));
            assertThat(container.getState().getHealth().getStatus()).as("%s health", name).isEqualTo("healthy");
        }
    }

    @Test
    void everyServiceRunsAsANonRootUserWithTheJvmAsPid1OnAReadOnlyRoot(StorefrontContainers stack) throws Exception {
        for (String name : StorefrontContainers.SERVICE_CONTAINERS) {
            InspectContainerResponse container = stack.inspect(name);

            assertThat(container.getConfig().getUser()).as("%s user", name).isEqualTo("10001:10001");
            assertThat(container.getHostConfig().getReadonlyRootfs()).as("%s read-only root", name).isTrue();
            String pid1 = stack.exec(name, "cat", "/proc/1/cmdline").replace('\0', ' ');
            assertThat(pid1).as("%s PID 1", name).startsWith("java ").contains("-XX:MaxRAMPercentage=");
        }
    }
}
