package dev.storefront.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;

/**
 * The CDK app: one {@link StorefrontStack} named {@value #STACK_NAME}, checked by the cdk-nag
 * AwsSolutions rules on every synth. Run by {@code cdk synth} / {@code cdk deploy} through
 * {@code cdk.json}; configuration is CDK context (see {@link StorefrontConfig}).
 */
public final class StorefrontApp {

    /** The stack's name, in CloudFormation and on the cdk command line. */
    public static final String STACK_NAME = "Storefront";

    private StorefrontApp() {
    }

    /** Synthesizes the app into cdk.out. */
    public static void main(String[] args) {
        App app = new App();
        addTo(app);
        app.synth();
    }

    /**
     * Adds the storefront stack and the cdk-nag checks to an app whose context holds the
     * configuration. Tests call this with the context of cdk.json, so they synthesize what
     * {@code cdk synth} does.
     *
     * @return the stack
     * @throws IllegalArgumentException or IllegalStateException with a readable message if the
     *     configuration is invalid (task size, timing ladder, connection budget, missing Dockerfile)
     */
    public static StorefrontStack addTo(App app) {
        StorefrontConfig config = StorefrontConfig.fromContext(app.getNode());
        StorefrontStack stack = new StorefrontStack(app, STACK_NAME, StackProps.builder()
                .description("Storefront: three Micronaut services on ECS Fargate")
                .env(Environment.builder()
                        .account(config.account().orElse(null))
                        .region(config.region())
                        .build())
                .build(), config);
        // Errors and warnings both fail the synth: every finding is fixed or acknowledged.
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app, NagPackProps.builder().verbose(true).build()));
        return stack;
    }
}
