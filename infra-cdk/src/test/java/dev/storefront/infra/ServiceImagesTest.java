package dev.storefront.infra;

import static dev.storefront.infra.Resources.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.assertions.Template;

/** The default image source: each service's Dockerfile, built as a CDK asset. */
class ServiceImagesTest {

    @TempDir
    Path repository;

    @Test
    void withoutAnImageUriEachServiceIsBuiltFromItsDockerfileForArm64() throws IOException {
        for (String service : StorefrontConfig.SERVICES) {
            writeService(service);
        }

        Template template = Synth.template(withoutImageUris());

        for (String service : StorefrontConfig.SERVICES) {
            assertThat(String.valueOf(container(template, service, service).get("Image")))
                    .contains("cdk-hnb659fds-container-assets-");
        }
    }

    @Test
    void aMissingDockerfileFailsSynthWithWhatToDo() {
        assertThatThrownBy(() -> Synth.template(withoutImageUris()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No Dockerfile for payments at " + repository.resolve("payments/Dockerfile"))
                .hasMessageContaining("-c storefront:imageUri:payments=<image URI>");
    }

    @Test
    void aDockerfileWithoutItsJarFailsSynthAskingForAPackageBuild() throws IOException {
        Files.createDirectories(repository.resolve("payments"));
        Files.writeString(repository.resolve("payments/Dockerfile"), "FROM scratch\n");

        assertThatThrownBy(() -> Synth.template(withoutImageUris()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("target/payments.jar")
                .hasMessageContaining("run ./mvnw package");
    }

    @Test
    void anImageUriOutsideEcrIsUsedAsIs() {
        Map<String, Object> context = new HashMap<>();
        context.put("storefront:imageUri:payments", "ghcr.io/example/payments:1.0");

        Template template = Synth.template(context);

        assertThat(container(template, "payments", "payments").get("Image")).isEqualTo("ghcr.io/example/payments:1.0");
    }

    private Map<String, Object> withoutImageUris() {
        Map<String, Object> context = new HashMap<>();
        context.put("storefront:repositoryRoot", repository.toString());
        for (String service : StorefrontConfig.SERVICES) {
            context.put("storefront:imageUri:" + service, "");
        }
        return context;
    }

    private void writeService(String service) throws IOException {
        Path directory = Files.createDirectories(repository.resolve(service).resolve("target"));
        Files.writeString(repository.resolve(service).resolve("Dockerfile"),
                "ARG JAVA_IMAGE\nFROM ${JAVA_IMAGE}\nCOPY target/" + service + ".jar /app/\n");
        Files.writeString(directory.resolve(service + ".jar"), "not a real jar");
    }
}
