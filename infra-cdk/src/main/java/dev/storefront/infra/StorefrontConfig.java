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
 * @param sharedListenerEnabled {@code storefront:sharedListener}: register frontend in the second
 *                            target group behind a shared internal listener; default true. Must be
 *                            false with blue/green (see {@link DeploymentStrategy#BLUE_GREEN})
 * @param sharedListenerSecurityGroupMutable {@code storefront:sharedListenerSecurityGroupMutable}:
 *                            the imported shared ALB's security group may be changed here, so its
 *                            egress rule to frontend is added; default false (a synth-time warning
 *                            says which rule to add by hand)
 * @param sharedPathPatterns  {@code storefront:sharedListenerPathPatterns}: comma-separated path
 *                            patterns the shared listener forwards to frontend (at most 5); default
 *                            {@value #DEFAULT_SHARED_PATHS}: the API, the storefront page and its
 *                            scripts, and the OpenAPI document
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
 * @param deploymentStrategy  {@code storefront:deploymentStrategy}: {@code rolling} (default) or
 *                            {@code blue-green}
 * @param apiGateway          {@code storefront:apiGateway}: an API Gateway HTTP API in front of the
 *                            shared internal listener; default false
 * @param serviceConnectTlsCaArn {@code storefront:serviceConnectTls}: an AWS Private CA ARN; TLS
 *                            between the Service Connect proxies of orders and payments and their
 *                            callers; default none (plain HTTP inside the VPC)
 * @param rdsProxy            {@code storefront:rdsProxy}: orders reaches PostgreSQL through an RDS
 *                            Proxy; default false
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
        Optional<String> adotImage,
        DeploymentStrategy deploymentStrategy,
        boolean sharedListenerEnabled,
        boolean sharedListenerSecurityGroupMutable,
        boolean apiGateway,
        Optional<String> serviceConnectTlsCaArn,
        boolean rdsProxy) {

    /** Paths the shared listener forwards by default: API, page, scripts, OpenAPI document. */
    public static final String DEFAULT_SHARED_PATHS = "/api/*,/,/index.html,/*.js,/openapi*";

    /** How ECS replaces a service's tasks. */
    public enum DeploymentStrategy {
        /** Rolling update under the circuit breaker (minimum 100 %, maximum 200 %). */
        ROLLING,
        /**
         * ECS native blue/green: the new revision starts beside the old one, gets test traffic
         * (frontend: a test listener and a smoke-checkout hook; orders and payments: Service
         * Connect test routing), production traffic moves at once, and the old revision stays for
         * the bake time so that a deployment alarm can still move traffic back.
         */
        BLUE_GREEN;

        static DeploymentStrategy parse(String text) {
            return switch (text) {
                case "rolling" -> ROLLING;
                case "blue-green" -> BLUE_GREEN;
                default -> throw new IllegalArgumentException(
                        "storefront:deploymentStrategy must be rolling or blue-green, got '" + text + "'");
            };
        }
    }

    /**
     * @throws IllegalArgumentException for combinations that cannot deploy, with what to change
     */
    public StorefrontConfig {
        imageUris = Map.copyOf(imageUris);
        taskSizes = Map.copyOf(taskSizes);
        sharedPathPatterns = List.copyOf(sharedPathPatterns);
        if (sharedPathPatterns.isEmpty() || sharedPathPatterns.size() > 5) {
            throw new IllegalArgumentException("storefront:sharedListenerPathPatterns needs 1 to 5 patterns"
                    + " (an ALB rule condition takes at most 5 values), got " + sharedPathPatterns);
        }
        if (deploymentStrategy == DeploymentStrategy.BLUE_GREEN && sharedListenerEnabled) {
            throw new IllegalArgumentException("storefront:deploymentStrategy=blue-green needs"
                    + " -c storefront:sharedListener=false. Blue/green moves frontend between two target"
                    + " groups of one load balancer through listener rules that forward only; the shared"
                    + " listener is a second load balancer whose listener also answers fixed responses"
                    + " (not supported by ECS blue/green), and a platform team's imported listener is not"
                    + " this stack's to rewrite. Finish or undo the migration to the shared ALB first.");
        }
        if (deploymentStrategy == DeploymentStrategy.BLUE_GREEN && natGateways < 1) {
            throw new IllegalArgumentException("storefront:deploymentStrategy=blue-green needs"
                    + " storefront:natGateways >= 1: the smoke-checkout hook runs in the VPC and reaches the"
                    + " public ALB's test listener through a NAT gateway, whose address is the only one the"
                    + " test listener admits");
        }
        if (apiGateway && !sharedListenerEnabled) {
            throw new IllegalArgumentException("storefront:apiGateway=true fronts the shared internal listener:"
                    + " it cannot be combined with storefront:sharedListener=false");
        }
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
                Stream.of(get.apply("storefront:sharedListenerPathPatterns").orElse(DEFAULT_SHARED_PATHS).split(","))
                        .map(String::trim)
                        .filter(pattern -> !pattern.isEmpty())
                        .toList(),
                Integer.parseInt(get.apply("storefront:sharedListenerRulePriority").orElse("100")),
                Integer.parseInt(get.apply("storefront:natGateways").orElse("0")),
                Boolean.parseBoolean(get.apply("storefront:dbMultiAz").orElse("true")),
                Boolean.parseBoolean(get.apply("storefront:dbIamAuth").orElse("false")),
                Boolean.parseBoolean(get.apply("storefront:deletionProtection").orElse("true")),
                get.apply("storefront:adotImage"),
                DeploymentStrategy.parse(get.apply("storefront:deploymentStrategy").orElse("rolling")),
                Boolean.parseBoolean(get.apply("storefront:sharedListener").orElse("true")),
                Boolean.parseBoolean(get.apply("storefront:sharedListenerSecurityGroupMutable").orElse("false")),
                Boolean.parseBoolean(get.apply("storefront:apiGateway").orElse("false")),
                get.apply("storefront:serviceConnectTls"),
                Boolean.parseBoolean(get.apply("storefront:rdsProxy").orElse("false")));
    }

    /** Whether services deploy blue/green. */
    public boolean blueGreen() {
        return deploymentStrategy == DeploymentStrategy.BLUE_GREEN;
    }

    /** {@link Sizing#defaults()} with this configuration's task size overrides. */
    public Sizing sizing() {
        Sizing sizing = Sizing.defaults().withRdsProxy(rdsProxy);
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
