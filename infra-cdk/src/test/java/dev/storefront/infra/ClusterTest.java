package dev.storefront.infra;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ClusterTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synth.defaultTemplate();
    }

    @Test
    void clusterHasEnhancedContainerInsights() {
        template.resourceCountIs("AWS::ECS::Cluster", 1);
        template.hasResourceProperties("AWS::ECS::Cluster", Map.of(
                "ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enhanced"))));
    }

    @Test
    void clusterNameIsAnOutput() {
        String cluster = Resources.logicalId(template, "AWS::ECS::Cluster", Map.of());
        template.hasOutput(StorefrontStack.CLUSTER_OUTPUT, Map.of("Value", Resources.ref(cluster)));
    }

    @Test
    void clusterDefaultsServiceConnectToTheStorefrontNamespace() {
        template.hasResourceProperties("AWS::ServiceDiscovery::HttpNamespace", Map.of("Name", "storefront"));
        template.hasResourceProperties("AWS::ECS::Cluster", Map.of(
                "ServiceConnectDefaults", Map.of("Namespace", Match.objectLike(Map.of("Fn::GetAtt", Match.anyValue())))));
    }
}
