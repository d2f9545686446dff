package dev.storefront.infra;

import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

/**
 * Acknowledging a cdk-nag finding. Each acknowledgment sits next to the resource it concerns and
 * says why the finding does not apply there; {@code CdkNagTest} fails on any finding that has none.
 */
final class Nag {

    private Nag() {
    }

    /**
     * Acknowledges one cdk-nag finding on a construct and everything below it.
     *
     * @param scope  the construct the finding is reported on (or an ancestor)
     * @param ruleId the rule, e.g. {@code AwsSolutions-EC23}, or one finding of a granular rule,
     *               e.g. {@code AwsSolutions-IAM5[Resource::*]}
     * @param reason why the finding is acceptable here
     */
    static void acknowledge(IConstruct scope, String ruleId, String reason) {
        Validations.of(scope).acknowledge(Acknowledgment.builder().id(ruleId).reason(reason).build());
    }
}
