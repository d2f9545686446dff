package dev.storefront.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.constructs.Node;

/**
 * What a deployment may choose, read from CDK context ({@code cdk.json}, or {@code -c key=value}
 * on the command line). Every value has a default; the keys are listed with each component.
 *
 * @param account             {@code storefront:account}: target account; default
 *                            {@code CDK_DEFAULT_ACCOUNT}, else account-agnostic
 * @param region              {@code storefront:region}: target region; default
 *                            {@code CDK_DEFAULT_REGION}, else {@code us-east-1}. The stack needs a
 *                            concrete region because ALB access logging does.
 * @param repositoryRoot      {@code storefront:repositoryRoot}: the repository checkout holding
 *                            {@code frontend/}, {@code orders/}, {@code payments/}; default {@code ..}
 *                            (cdk runs in infra-cdk/)
 * @param imageUris           {@code storefront:imageUri:<service>}: an existing image per service;
 *                            a service without one is built from {@code <service>/Dockerfile}
 * @param taskSizes           {@code storefront:taskSize:<service>}: {@code cpu/memoryMiB} overrides of
 *                            {@link Sizing}
 * @param certificateArn      {@code storefront:certificateArn}: ACM certificate for HTTPS on the
 *                            public ALB; without it the ALB serves HTTP only
 * @param sharedListener      {@code storefront:sharedListenerArn} and
 *                            {@code storefront:sharedListenerSecurityGroupId}: import the shared
 *                            internal ALB listener instead of creating one
 * @param sharedPathPatterns  {@code storefront:sharedListenerPathPatterns}: comma-separated path
 *                            patterns the shared listener forwards to frontend; default {@code /api/*}
 * @param sharedRulePriority  {@code storefront:sharedListenerRulePriority}: priority of that rule on
 *                            the shared listener; default 100
 * @param natGateways         {@code storefront:natGateways}: NAT gateways for the task subnets;
 *                            default 0 (AWS APIs through VPC endpoints only)
 * @param databaseMultiAz     {@code storefront:dbMultiAz}: RDS Multi-AZ; default true
 * @param dbIamAuth           {@code storefront:dbIamAuth}: DB_IAM_AUTH of orders; default false
 * @param deletionProtection  {@code storefront:deletionProtection}: deletion protection of the
 *                            database and the payments table; default true
 * @param adotImage           {@code storefront:adotImage}: ADOT collector image; default the pinned
 *                            public image through an ECR pull-through cache (see {@link Telemetry})
 */
public record StorefrontConfig(
        Optional<String> account,
        String region,
        Path repositoryRoot,
        Map<String, String> imageUris,
        Map<String, TaskSize> taskSizes,
        Optional<String> certificateArn,
        Optional<SharedListener> sharedListener,
        List<String> sharedPathPatterns,
        int sharedRulePriority,
        int natGateways,
        boolean databaseMultiAz,
        boolean dbIamAuth,
        boolean deletionProtection,
        Optional<String> adotImage) {

    /** Copies the collections, so the record stays immutable. */
    public StorefrontConfig {
        imageUris = Map.copyOf(imageUris);
        taskSizes = Map.copyOf(taskSizes);
        sharedPathPatterns = List.copyOf(sharedPathPatterns);
    }

    /** The three services, in the order a request meets them. */
    public static final List<String> SERVICES = List.of("frontend", "orders", "payments");

    /** Region used when neither context nor the CLI environment names one. */
    static final String DEFAULT_REGION = "us-east-1";

    /**
     * An existing ALB listener, imported by ARN (the migration scenario).
     *
     * @param listenerArn     the listener's ARN
     * @param securityGroupId the security group of its load balancer
     */
    public record SharedListener(String listenerArn, String securityGroupId) {
    }

    /**
     * Reads the configuration from the app's context.
     *
     * @throws IllegalArgumentException if a value does not parse, or only one of the two
     *     shared-listener keys is set
     */
    public static StorefrontConfig fromContext(Node node) {
        Function<String, Optional<String>> get = key -> Optional.ofNullable(node.tryGetContext(key))
                .map(String::valueOf)
                .map(String::trim)
                .filter(value -> !value.isEmpty());

        Optional<String> listenerArn = get.apply("storefront:sharedListenerArn");
        Optional<String> listenerSg = get.apply("storefront:sharedListenerSecurityGroupId");
        if (listenerArn.isPresent() != listenerSg.isPresent()) {
            throw new IllegalArgumentException("Importing the shared listener needs both "
                    + "storefront:sharedListenerArn and storefront:sharedListenerSecurityGroupId");
        }

        return new StorefrontConfig(
                get.apply("storefront:account").or(() -> env("CDK_DEFAULT_ACCOUNT")),
                get.apply("storefront:region").or(() -> env("CDK_DEFAULT_REGION")).orElse(DEFAULT_REGION),
                Path.of(get.apply("storefront:repositoryRoot").orElse("..")),
                perService(get, "storefront:imageUri:", Function.identity()),
                perService(get, "storefront:taskSize:", TaskSize::parse),
                get.apply("storefront:certificateArn"),
                listenerArn.map(arn -> new SharedListener(arn, listenerSg.orElseThrow())),
                Stream.of(get.apply("storefront:sharedListenerPathPatterns").orElse("/api/*").split(","))
                        .map(String::trim)
                        .filter(pattern -> !pattern.isEmpty())
                        .toList(),
                Integer.parseInt(get.apply("storefront:sharedListenerRulePriority").orElse("100")),
                Integer.parseInt(get.apply("storefront:natGateways").orElse("0")),
                Boolean.parseBoolean(get.apply("storefront:dbMultiAz").orElse("true")),
                Boolean.parseBoolean(get.apply("storefront:dbIamAuth").orElse("false")),
                Boolean.parseBoolean(get.apply("storefront:deletionProtection").orElse("true")),
                get.apply("storefront:adotImage"));
    }

    /** {@link Sizing#defaults()} with this configuration's task size overrides. */
    public Sizing sizing() {
        Sizing sizing = Sizing.defaults();
        for (Map.Entry<String, TaskSize> override : taskSizes.entrySet()) {
            sizing = sizing.withTaskSize(override.getKey(), override.getValue());
        }
        return sizing;
    }

    private static <T> Map<String, T> perService(
            Function<String, Optional<String>> get, String prefix, Function<String, T> parse) {
        return SERVICES.stream()
                .filter(service -> get.apply(prefix + service).isPresent())
                .collect(Collectors.toMap(Function.identity(),
                        service -> parse.apply(get.apply(prefix + service).orElseThrow())));
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }
}
