package dev.storefront.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryAttributes;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.constructs.Construct;

/**
 * Where each service's image comes from.
 *
 * <ul>
 *   <li>By default, {@code <repositoryRoot>/Dockerfile} with the build argument
 *       {@code SERVICE=<service>}, built as a CDK asset for linux/arm64 (cdk deploy builds it with
 *       Docker and pushes it to the bootstrap ECR repository). The Dockerfile copies
 *       {@code <service>/target/<service>.jar} and {@code <service>/target/lib/}, so
 *       {@code ./mvnw package} must have run first; the Dockerfile and the jar are checked at
 *       synth.</li>
 *   <li>With {@code storefront:imageUri:<service>}, that image. An ECR URI gets a pull
 *       permission on exactly that repository for the execution role; any other registry must be
 *       reachable from the tasks (a NAT gateway) and public.</li>
 * </ul>
 */
final class ServiceImages {

    private static final Pattern ECR_URI = Pattern.compile(
            "^(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)(?::([\\w.-]+)|@(sha256:[0-9a-f]{64}))?$");

    private final Construct scope;
    private final StorefrontConfig config;

    ServiceImages(Construct scope, StorefrontConfig config) {
        this.scope = scope;
        this.config = config;
    }

    /**
     * The image of one service.
     *
     * @throws IllegalStateException if no image URI is given and the Dockerfile or the jar it
     *     copies is missing; the message says what to build or which context value to pass
     */
    ContainerImage forService(String service) {
        String uri = config.imageUris().get(service);
        if (uri != null) {
            return fromUri(service, uri);
        }
        Path root = config.repositoryRoot().toAbsolutePath().normalize();
        Path dockerfile = root.resolve("Dockerfile");
        if (!Files.isRegularFile(dockerfile)) {
            throw new IllegalStateException("No Dockerfile for " + service + " at " + dockerfile
                    + ": set storefront:repositoryRoot to the repository checkout, or pass an existing"
                    + " image with -c storefront:imageUri:" + service + "=<image URI>");
        }
        Path jar = root.resolve(service).resolve("target").resolve(service + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The " + service + " image copies " + jar
                    + ", which does not exist: run ./mvnw package in the repository root first,"
                    + " or pass an existing image with -c storefront:imageUri:" + service + "=<image URI>");
        }
        // The context is the repository root, as for compose and the e2e tests (see the Dockerfile).
        // CDK copies it into cdk.out through the root .dockerignore, plus these exclusions, and names
        // the asset by a hash of that copy: without the other services' directories the copy holds
        // this service's jars alone, so rebuilding another service leaves this image and its ECS
        // service as they are.
        List<String> otherServices = StorefrontConfig.SERVICES.stream().filter(s -> !s.equals(service)).toList();
        return ContainerImage.fromAsset(root.toString(), AssetImageProps.builder()
                .file("Dockerfile")
                .buildArgs(Map.of("SERVICE", service))
                .exclude(otherServices)
                .platform(Platform.LINUX_ARM64)
                .build());
    }

    private ContainerImage fromUri(String service, String uri) {
        Matcher ecr = ECR_URI.matcher(uri);
        if (!ecr.matches()) {
            return ContainerImage.fromRegistry(uri);
        }
        String repositoryName = ecr.group(3);
        String tagOrDigest = ecr.group(4) != null ? ecr.group(4) : ecr.group(5) != null ? ecr.group(5) : "latest";
        var repository = Repository.fromRepositoryAttributes(scope, service + "ImageRepository",
                RepositoryAttributes.builder()
                        .repositoryName(repositoryName)
                        .repositoryArn("arn:" + (uri.contains(".amazonaws.com.cn/") ? "aws-cn" : "aws") + ":ecr:" + ecr.group(2) + ":" + ecr.group(1) + ":repository/" + repositoryName)
                        .build());
        return ContainerImage.fromEcrRepository(repository, tagOrDigest);
    }
}
