package dev.storefront.infra;

import static dev.storefront.infra.Resources.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/** The default image source: the root Dockerfile for each service, built as a CDK asset. */
class ServiceImagesTest {

    @TempDir
    Path repository;

    @Test
    void withoutAnImageUriEachServiceIsBuiltFromTheRootDockerfileForArm64() throws IOException {
        writeRepository();

        Template template = Synth.template(withoutImageUris());

        for (String service : StorefrontConfig.SERVICES) {
            assertThat(String.valueOf(container(template, service, service).get("Image")))
                    .contains("cdk-hnb659fds-container-assets-");
        }
    }

    /**
     * The context is the repository root through the repository's own .dockerignore: each asset
     * holds the Dockerfile and its own service's jars only, so its hash moves with that service
     * alone, and its build argument names the service.
     */
    @Test
    void eachServiceAssetHoldsOnlyItsOwnJarsAndNamesItsServiceInABuildArgument() throws IOException {
        writeRepository();
        App app = Synth.app(withoutImageUris());
        Template.fromStack(StorefrontApp.addTo(app));
        Path outdir = Path.of(app.getOutdir());

        JsonNode dockerImages;
        try (Stream<Path> manifests = Files.list(outdir)) {
            Path manifest = manifests.filter(p -> p.getFileName().toString().endsWith(".assets.json"))
                    .findFirst().orElseThrow();
            dockerImages = new ObjectMapper().readTree(manifest.toFile()).get("dockerImages");
        }
        List<String> services = new ArrayList<>();
        for (JsonNode image : dockerImages) {
            JsonNode source = image.get("source");
            String service = source.get("dockerBuildArgs").get("SERVICE").asText();
            services.add(service);
            assertThat(source.get("dockerFile").asText()).isEqualTo("Dockerfile");
            assertThat(source.get("platform").asText()).isEqualTo("linux/arm64");
            assertThat(files(outdir.resolve(source.get("directory").asText()))).containsExactlyInAnyOrder(
                    ".dockerignore", "Dockerfile", service + "/target/" + service + ".jar",
                    service + "/target/lib/dependency.jar");
        }
        assertThat(services).containsExactlyInAnyOrderElementsOf(StorefrontConfig.SERVICES);
    }

    @Test
    void aMissingDockerfileFailsSynthWithWhatToDo() {
        assertThatThrownBy(() -> Synth.template(withoutImageUris()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No Dockerfile for payments at " + repository.resolve("Dockerfile"))
                .hasMessageContaining("-c storefront:imageUri:payments=<image URI>");
    }

    @Test
    void aDockerfileWithoutItsJarFailsSynthAskingForAPackageBuild() throws IOException {
        Files.writeString(repository.resolve("Dockerfile"), "FROM scratch\n");

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

    /**
     * A checkout after a package build: the repository's .dockerignore (tests run in infra-cdk/), a
     * Dockerfile, and for each service its jar, a dependency and what the image must not carry.
     */
    private void writeRepository() throws IOException {
        Files.copy(Path.of("..", ".dockerignore"), repository.resolve(".dockerignore"));
        Files.writeString(repository.resolve("Dockerfile"),
                "ARG JAVA_IMAGE\nFROM ${JAVA_IMAGE}\nARG SERVICE\nCOPY ${SERVICE}/target/${SERVICE}.jar /app/\n");
        for (String service : StorefrontConfig.SERVICES) {
            Path target = Files.createDirectories(repository.resolve(service).resolve("target"));
            Files.writeString(target.resolve(service + ".jar"), "not a real jar");
            Files.createDirectories(target.resolve("lib"));
            Files.writeString(target.resolve("lib/dependency.jar"), "not a real jar either");
            Files.createDirectories(target.resolve("classes"));
            Files.writeString(target.resolve("classes/Main.class"), "not in the image");
            Files.createDirectories(repository.resolve(service).resolve("src"));
            Files.writeString(repository.resolve(service).resolve("src/Main.java"), "not in the image");
        }
        Files.createDirectories(repository.resolve("infra-cdk/cdk.out"));
        Files.writeString(repository.resolve("infra-cdk/cdk.out/manifest.json"), "{}");
        Files.createDirectories(repository.resolve("common/target"));
        Files.writeString(repository.resolve("common/target/common.jar"), "not in the image");
    }

    /** The files under a directory, as relative paths with forward slashes. */
    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> directory.relativize(file).toString().replace('\\', '/'))
                    .toList();
        }
    }
}
