package dev.storefront.infra;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
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

    @Test
    void synthRunsTheChecksAndPassesWithEveryOptionTurnedOn() {
        // Options that add or remove resources: HTTPS, an imported listener, NAT, and the
        // acknowledged development settings.
        App app = Synth.app(Map.of(
                "storefront:certificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/abc",
                "storefront:sharedListenerArn",
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/shared/50dc6c495c0c9188/f2f7dc8efc522ab2",
                "storefront:sharedListenerSecurityGroupId", "sg-0123456789abcdef0",
                "storefront:natGateways", 2,
                "storefront:dbMultiAz", false,
                "storefront:deletionProtection", false));
        StorefrontApp.addTo(app);

        // The app registers AwsSolutionsChecks; an unacknowledged finding makes synth throw.
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
