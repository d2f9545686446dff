package dev.storefront.infra;

import static dev.storefront.infra.Resources.container;
import static dev.storefront.infra.Resources.environment;
import static dev.storefront.infra.Resources.list;
import static dev.storefront.infra.Resources.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** storefront:rdsProxy=true: orders reaches PostgreSQL through an RDS Proxy. */
class RdsProxyTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synth.template(Map.of("storefront:rdsProxy", "true"));
    }

    @Test
    void theProxyRequiresTlsAndCapsItsConnectionsAtTheBudget() {
        Map<String, Object> proxy = Resources.properties(template, "AWS::RDS::DBProxy", Map.of());
        assertThat(proxy).containsEntry("EngineFamily", "POSTGRESQL").containsEntry("RequireTLS", true);
        // Without DB_IAM_AUTH the proxy checks the password against the database secret.
        assertThat(map(list(proxy.get("Auth")).get(0))).containsEntry("AuthScheme", "SECRETS").containsEntry("IAMAuth", "DISABLED");
        Map<String, Object> pool = map(Resources.properties(template, "AWS::RDS::DBProxyTargetGroup", Map.of())
                .get("ConnectionPoolConfigurationInfo"));
        assertThat(pool).containsEntry("MaxConnectionsPercent", 80)
                .containsEntry("MaxIdleConnectionsPercent", 40)
                .containsEntry("ConnectionBorrowTimeout", 1);
    }

    @Test
    void ordersConnectsToTheProxyWithTlsAndWithoutSessionStateThatPins() {
        String proxy = Resources.logicalId(template, "AWS::RDS::DBProxy", Map.of());
        Object url = environment(container(template, "orders", "orders")).get("DB_URL");
        assertThat(url).isEqualTo(Map.of("Fn::Join", List.of("", List.of(
                "jdbc:postgresql://", Resources.getAtt(proxy, "Endpoint"),
                ":5432/orders?sslmode=require&prepareThreshold=0&assumeMinServerVersion=9.0&options="))));
    }

    @Test
    void statementTimeoutMovesIntoTheParameterGroup() {
        Map<String, Object> parameters = map(Resources.properties(template, "AWS::RDS::DBParameterGroup", Map.of())
                .get("Parameters"));
        assertThat(parameters).containsEntry("statement_timeout", "2000").containsEntry("max_connections", "225");
        assertThat(map(Resources.properties(Synth.defaultTemplate(), "AWS::RDS::DBParameterGroup", Map.of())
                .get("Parameters"))).doesNotContainKey("statement_timeout");
    }

    @Test
    void ordersReachesTheProxyAndOnlyTheProxyReachesTheDatabase() {
        String orders = Resources.logicalId(template, "AWS::EC2::SecurityGroup", Map.of("GroupDescription", "storefront orders tasks"));
        String proxy = Resources.logicalId(template, "AWS::EC2::SecurityGroup",
                Map.of("GroupDescription", "orders database proxy: PostgreSQL from the orders tasks only"));
        String database = Resources.logicalId(template, "AWS::EC2::SecurityGroup",
                Map.of("GroupDescription", "orders database: PostgreSQL from the orders tasks only"));

        assertThat(ingressSources(proxy)).containsExactly(orders + ":5432");
        // On the database's port (a reference to the instance's endpoint port, 5432).
        assertThat(ingressSources(database)).containsExactly(proxy + ":{Fn::GetAtt=[" + Resources.logicalId(template,
                "AWS::RDS::DBInstance", Map.of()) + ", Endpoint.Port]}");
        assertThat(Resources.properties(template, "AWS::RDS::DBInstance", Map.of())).containsEntry("Port", "5432");
    }

    @Test
    void withIamAuthenticationOrdersMayConnectToTheProxyAsItsUser() {
        Template iam = Synth.template(Map.of("storefront:rdsProxy", "true", "storefront:dbIamAuth", "true"));
        assertThat(map(list(Resources.properties(iam, "AWS::RDS::DBProxy", Map.of()).get("Auth")).get(0)))
                .containsEntry("IAMAuth", "REQUIRED");
        String grants = iam.findResources("AWS::IAM::Policy").values().toString();
        assertThat(grants).contains("rds-db:connect").contains(":dbuser:").contains("/storefront");
        assertThat(environment(container(iam, "orders", "orders"))).containsEntry("DB_IAM_AUTH", "true");
    }

    /** "sourceGroup:port" of each ingress rule of a security group, inline or separate. */
    private static List<String> ingressSources(String group) {
        List<Map<String, Object>> rules = new java.util.ArrayList<>();
        list(map(template.findResources("AWS::EC2::SecurityGroup").get(group).get("Properties"))
                .getOrDefault("SecurityGroupIngress", List.of())).forEach(rule -> rules.add(map(rule)));
        template.findResources("AWS::EC2::SecurityGroupIngress").values().stream()
                .map(rule -> map(rule.get("Properties")))
                .filter(rule -> Resources.getAtt(group, "GroupId").equals(rule.get("GroupId")))
                .forEach(rules::add);
        return rules.stream()
                .map(rule -> list(map(rule.get("SourceSecurityGroupId")).get("Fn::GetAtt")).get(0) + ":" + rule.get("FromPort"))
                .toList();
    }
}
