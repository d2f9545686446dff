package dev.storefront.e2e;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The images under test. Base images come from system properties or the environment, defaulting
 * to the official images (for a machine with a registry); on a machine without one,
 * {@code scripts/air-gapped-images.sh} builds stand-ins and writes the environment variables.
 * The three service images are built here from the root Dockerfile, as CDK and compose build them.
 */
final class Images {

    /** Base of the service images: {@code -Dstorefront.javaImage} or {@code JAVA_IMAGE}. */
    static final String JAVA = setting("storefront.javaImage", "JAVA_IMAGE", "eclipse-temurin:25-jre");

    /** {@code -Dstorefront.postgresImage} or {@code POSTGRES_IMAGE}. */
    static final String POSTGRES = setting("storefront.postgresImage", "POSTGRES_IMAGE", "postgres:17");

    /** {@code -Dstorefront.dynamodbLocalImage} or {@code DYNAMODB_LOCAL_IMAGE}. */
    static final String DYNAMODB_LOCAL = setting("storefront.dynamodbLocalImage", "DYNAMODB_LOCAL_IMAGE",
            "amazon/dynamodb-local:2.6.1");

    private static final long BUILD_TIMEOUT_MINUTES = 10;

    private static final Map<String, String> BUILT = new ConcurrentHashMap<>();

    private Images() {
    }

    /** The repository root: {@code -Dstorefront.root} (set by the pom), else the parent directory. */
    static Path root() {
        return Path.of(System.getProperty("storefront.root", "..")).toAbsolutePath().normalize();
    }

    /**
     * The image of one service, built from the root Dockerfile with {@code SERVICE} set to it, the
     * repository root as context (the root .dockerignore keeps that to the services' target/lib and
     * jars) and {@code JAVA_IMAGE} as base.
     *
     * @throws IllegalStateException if the service jar has not been built
     */
    static String service(String service) {
        return BUILT.computeIfAbsent(service, Images::build);
    }

    private static String build(String service) {
        Path root = root();
        Path jar = root.resolve(service).resolve("target").resolve(service + ".jar");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(jar.resolveSibling("lib"))) {
            throw new IllegalStateException(jar + " or its target/lib is missing: build the services first ("
                    + "./mvnw -DskipTests install from the repository root)");
        }
        String name = "storefront-e2e/" + service.toLowerCase(Locale.ROOT) + ":latest";
        // docker build, as CDK and compose run it. Not Testcontainers' ImageFromDockerfile: its labels
        // are extra build steps, each a full copy of the image on the vfs storage driver. Kept after
        // the run: the next one reuses the cached layers, and the image can be inspected.
        DockerClientFactory.instance().client().buildImageCmd()
                .withBaseDirectory(root.toFile())
                .withDockerfile(root.resolve("Dockerfile").toFile())
                .withBuildArg("SERVICE", service)
                .withBuildArg("JAVA_IMAGE", JAVA)
                .withTags(Set.of(name))
                .exec(new BuildImageResultCallback())
                .awaitImageId(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        return name;
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
