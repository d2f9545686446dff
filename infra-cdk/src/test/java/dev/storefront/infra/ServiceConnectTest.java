package dev.storefront.infra;

import static dev.storefront.infra.Resources.ecsService;
import static dev.storefront.infra.Resources.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

class ServiceConnectTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synth.defaultTemplate();
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void everyServiceJoinsTheStorefrontNamespace(String service) {
        Map<String, Object> serviceConnect = map(ecsService(template, service).get("ServiceConnectConfiguration"));
        assertThat(serviceConnect).containsEntry("Enabled", true).containsEntry("Namespace", "storefront");
        assertThat(map(serviceConnect.get("LogConfiguration")).get("LogDriver")).isEqualTo("awslogs");
    }

    @Test
    void ordersAndPaymentsAreServersBehindTheirAliases() {
        assertThat(map(ecsService(template, "orders").get("ServiceConnectConfiguration")).get("Services"))
                .isEqualTo(List.of(Map.of(
                        "PortName", "orders-api",
                        "DiscoveryName", "orders",
                        "ClientAliases", List.of(Map.of("DnsName", "orders.storefront", "Port", 8080)),
                        "Timeout", Map.of("PerRequestTimeoutSeconds", 5, "IdleTimeoutSeconds", 60))));
        assertThat(map(ecsService(template, "payments").get("ServiceConnectConfiguration")).get("Services"))
                .isEqualTo(List.of(Map.of(
                        "PortName", "payments-api",
                        "DiscoveryName", "payments",
                        "ClientAliases", List.of(Map.of("DnsName", "payments.storefront", "Port", 8080)),
                        "Timeout", Map.of("PerRequestTimeoutSeconds", 2, "IdleTimeoutSeconds", 60))));
    }

    @Test
    void frontendIsAClientOnly() {
        assertThat(map(ecsService(template, "frontend").get("ServiceConnectConfiguration"))).doesNotContainKey("Services");
    }

    @Test
    void serversAreCreatedBeforeTheirClients() {
        assertThat(dependsOn("orders")).contains(serviceId("payments"));
        assertThat(dependsOn("frontend")).contains(serviceId("orders"));
    }

    private static String serviceId(String name) {
        return Resources.logicalId(template, "AWS::ECS::Service", Map.of("ServiceName", name));
    }

    @SuppressWarnings("unchecked")
    private static List<String> dependsOn(String name) {
        return (List<String>) template.findResources("AWS::ECS::Service").get(serviceId(name)).get("DependsOn");
    }
}
