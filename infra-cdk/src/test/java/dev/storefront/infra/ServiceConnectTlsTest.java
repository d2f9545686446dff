package dev.storefront.infra;

import static dev.storefront.infra.Resources.ecsService;
import static dev.storefront.infra.Resources.list;
import static dev.storefront.infra.Resources.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** storefront:serviceConnectTls=&lt;Private CA ARN&gt;: TLS between the Service Connect proxies. */
class ServiceConnectTlsTest {

    static final String CA_ARN = "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555";

    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synth.template(Map.of("storefront:serviceConnectTls", CA_ARN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "payments"})
    void ordersAndPaymentsServeServiceConnectOverTlsFromThePrivateCa(String service) {
        Map<String, Object> server = map(list(map(ecsService(template, service).get("ServiceConnectConfiguration"))
                .get("Services")).get(0));
        Map<String, Object> tls = map(server.get("Tls"));
        String role = Resources.logicalId(template, "AWS::IAM::Role",
                Map.of("Description", "ECS infrastructure role: Service Connect TLS certificates from the Private CA"));

        assertThat(tls).containsEntry("IssuerCertificateAuthority", Map.of("AwsPcaAuthorityArn", CA_ARN))
                .containsEntry("RoleArn", Resources.getAtt(role, "Arn"));
    }

    @Test
    void theRoleIsAssumedByEcsWithTheDocumentedPolicyOnly() {
        Map<String, Object> role = Resources.properties(template, "AWS::IAM::Role",
                Map.of("Description", "ECS infrastructure role: Service Connect TLS certificates from the Private CA"));
        assertThat(String.valueOf(role.get("AssumeRolePolicyDocument"))).contains("ecs.amazonaws.com");
        assertThat(list(role.get("ManagedPolicyArns"))).singleElement().asString()
                .contains(":iam::aws:policy/service-role/AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity");
        assertThat(role).doesNotContainKey("Policies");
    }

    @Test
    void frontendStaysAClientAndTheDefaultHasNoTls() {
        assertThat(map(ecsService(template, "frontend").get("ServiceConnectConfiguration"))).doesNotContainKey("Services");
        Map<String, Object> plain = map(list(map(ecsService(Synth.defaultTemplate(), "orders")
                .get("ServiceConnectConfiguration")).get("Services")).get(0));
        assertThat(plain).doesNotContainKey("Tls");
        assertThat(List.of(plain.keySet())).isNotEmpty();
    }
}
