package dev.storefront.infra;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolation;

class CdkNagTest {

    @Test
    void awsSolutionsChecksReportNoUnacknowledgedErrorOrWarning() {
        App app = Synth.app(Map.of());
        StorefrontApp.addTo(app);

        // Checked directly rather than through synth, which would only say "Validation failed".
        PolicyValidationPluginReport report = new AwsSolutionsChecks(app).validateScope(app);

        assertEquals(List.of(), describe(report.getViolations()),
                "every cdk-nag finding (error or warning) must be fixed or acknowledged with a reason");
    }

    /** Each option of the deployment alone: the template it adds to is checked on its own. */
    static Stream<Arguments> eachOptionAlone() {
        return Stream.of(
                Arguments.of("blue-green", Synth.BLUE_GREEN),
                Arguments.of("shared listener off", Map.of("storefront:sharedListener", "false")),
                Arguments.of("API Gateway", Map.of("storefront:apiGateway", "true")),
                Arguments.of("Service Connect TLS", Map.of("storefront:serviceConnectTls", ServiceConnectTlsTest.CA_ARN)),
                Arguments.of("RDS Proxy", Map.of("storefront:rdsProxy", "true")),
                Arguments.of("RDS Proxy with IAM auth", Map.of("storefront:rdsProxy", "true", "storefront:dbIamAuth", "true")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachOptionAlone")
    void awsSolutionsChecksPassWithEachOptionAlone(String option, Map<String, Object> context) {
        App app = Synth.app(context);
        StorefrontApp.addTo(app);

        assertEquals(List.of(), describe(new AwsSolutionsChecks(app).validateScope(app).getViolations()),
                option + ": every cdk-nag finding must be fixed or acknowledged with a reason");
    }

    @Test
    void synthRunsTheChecksAndPassesWithEveryOptionOfTheMigrationPathTurnedOn() {
        // Everything that combines with the shared listener: HTTPS, an imported listener whose
        // security group the stack may change, API Gateway in front of it, Service Connect TLS,
        // RDS Proxy with IAM auth, NAT, and the acknowledged development settings.
        App app = Synth.app(Map.ofEntries(
                Map.entry("storefront:certificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/abc"),
                Map.entry("storefront:sharedListenerArn", IngressTest.SHARED_LISTENER_ARN),
                Map.entry("storefront:sharedListenerSecurityGroupId", IngressTest.SHARED_SECURITY_GROUP),
                Map.entry("storefront:sharedListenerSecurityGroupMutable", "true"),
                Map.entry("storefront:apiGateway", "true"),
                Map.entry("storefront:serviceConnectTls", ServiceConnectTlsTest.CA_ARN),
                Map.entry("storefront:rdsProxy", "true"),
                Map.entry("storefront:dbIamAuth", "true"),
                Map.entry("storefront:natGateways", 2),
                Map.entry("storefront:dbMultiAz", false),
                Map.entry("storefront:deletionProtection", false)));
        StorefrontApp.addTo(app);

        // The app registers AwsSolutionsChecks; an unacknowledged finding makes synth throw.
        assertDoesNotThrow(() -> app.synth());
    }

    @Test
    void synthRunsTheChecksAndPassesWithBlueGreenAndEveryOptionItCombinesWith() {
        // Blue/green excludes the shared listener (and so API Gateway): everything else together.
        Map<String, Object> context = new java.util.HashMap<>(Synth.BLUE_GREEN);
        context.putAll(Map.of(
                "storefront:certificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/abc",
                "storefront:serviceConnectTls", ServiceConnectTlsTest.CA_ARN,
                "storefront:rdsProxy", "true",
                "storefront:dbIamAuth", "true",
                "storefront:natGateways", 2,
                "storefront:dbMultiAz", false,
                "storefront:deletionProtection", false));
        App app = Synth.app(context);
        StorefrontApp.addTo(app);

        assertDoesNotThrow(() -> app.synth());
    }

    private static List<String> describe(List<PolicyViolation> violations) {
        return violations.stream()
                .map(violation -> violation.getSeverity() + " " + violation.getRuleName() + " on "
                        + violation.getViolatingResources().stream()
                                .map(resource -> resource.getConstructPath())
                                .collect(Collectors.joining(", "))
                        + ": " + violation.getDescription())
                .toList();
    }
}
