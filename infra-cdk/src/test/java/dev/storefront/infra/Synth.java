package dev.storefront.infra;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Builds the app the way {@code cdk synth} does: with the context of cdk.json (feature flags),
 * plus a fixed account and region and existing image URIs, so tests need neither AWS access nor
 * the service Dockerfiles. cdk.json is read with Jackson, which the jsii runtime already brings.
 */
final class Synth {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";

    private static Template defaultTemplate;
    private static Template blueGreenTemplate;

    /** The context of a blue/green deployment: it needs the shared listener off and a NAT gateway. */
    static final Map<String, Object> BLUE_GREEN = Map.of(
            "storefront:deploymentStrategy", "blue-green",
            "storefront:sharedListener", "false",
            "storefront:natGateways", 1);

    private Synth() {
    }

    /** cdk.json's context: what {@code cdk synth} passes to the app. */
    static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(
                    Files.readString(Path.of("cdk.json")), new TypeReference<Map<String, Object>>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) cdkJson.get("context");
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("Tests run in infra-cdk/ and read its cdk.json", e);
        }
    }

    /** The test context: cdk.json, a fixed environment, ECR images, then the overrides. */
    static Map<String, Object> context(Map<String, ?> overrides) {
        Map<String, Object> context = new HashMap<>(cdkJsonContext());
        context.put("storefront:account", ACCOUNT);
        context.put("storefront:region", REGION);
        for (String service : StorefrontConfig.SERVICES) {
            context.put("storefront:imageUri:" + service, imageUri(service));
        }
        context.putAll(overrides);
        return context;
    }

    /** The ECR image URI the tests give a service. */
    static String imageUri(String service) {
        return ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com/storefront/" + service + ":test";
    }

    /** A fresh app with the test context and the overrides, synthesizing into a temporary directory. */
    static App app(Map<String, ?> overrides) {
        try {
            return new App(AppProps.builder()
                    .context(context(overrides))
                    .outdir(Files.createTempDirectory("cdk.out").toString())
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template of the storefront stack built with the overrides. */
    static Template template(Map<String, ?> overrides) {
        App app = app(overrides);
        return Template.fromStack(StorefrontApp.addTo(app));
    }

    /** The blue/green template, synthesized once for all test classes that use it. */
    static synchronized Template blueGreenTemplate() {
        if (blueGreenTemplate == null) {
            blueGreenTemplate = template(BLUE_GREEN);
        }
        return blueGreenTemplate;
    }

    /** The template with cdk.json's defaults, synthesized once for all test classes that use it. */
    static synchronized Template defaultTemplate() {
        if (defaultTemplate == null) {
            defaultTemplate = template(Map.of());
        }
        return defaultTemplate;
    }
}
