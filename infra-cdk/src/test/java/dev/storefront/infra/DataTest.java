package dev.storefront.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DataTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synth.defaultTemplate();
    }

    @Test
    void postgresIsEncryptedMultiAzProtectedAndPrivate() {
        template.resourceCountIs("AWS::RDS::DBInstance", 1);
        template.hasResourceProperties("AWS::RDS::DBInstance", Map.of(
                "Engine", "postgres",
                "DBName", "orders",
                "Port", "5432",
                "StorageEncrypted", true,
                "MultiAZ", true,
                "DeletionProtection", true,
                "PubliclyAccessible", false,
                "EnableIAMDatabaseAuthentication", true,
                "BackupRetentionPeriod", 7));
    }

    @Test
    void multiAzAndDeletionProtectionAreOptions() {
        Template development = Synth.template(Map.of(
                "storefront:dbMultiAz", "false", "storefront:deletionProtection", "false"));
        development.hasResourceProperties("AWS::RDS::DBInstance", Map.of("MultiAZ", false, "DeletionProtection", false));
        development.hasResourceProperties("AWS::DynamoDB::GlobalTable", Map.of(
                "Replicas", List.of(Match.objectLike(Map.of("DeletionProtectionEnabled", false)))));
    }

    @Test
    void credentialsAreGeneratedIntoSecretsManager() {
        template.resourceCountIs("AWS::SecretsManager::Secret", 1);
        template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "GenerateSecretString", Match.objectLike(Map.of(
                        "SecretStringTemplate", "{\"username\":\"storefront\"}",
                        "GenerateStringKey", "password"))));
        String secret = Resources.logicalId(template, "AWS::SecretsManager::Secret", Map.of());
        template.hasResourceProperties("AWS::RDS::DBInstance", Map.of(
                "MasterUserPassword", Map.of("Fn::Join", List.of("", List.of(
                        "{{resolve:secretsmanager:", Resources.ref(secret), ":SecretString:password::}}")))));
    }

    @Test
    void instanceClassKeepsOrdersPeakConnectionsWithinEightyPercentOfMaxConnections() {
        Sizing sizing = Sizing.defaults();
        String instanceClass = (String) Resources.properties(template, "AWS::RDS::DBInstance", Map.of())
                .get("DBInstanceClass");
        int maxConnections = Integer.parseInt((String) Resources.map(
                Resources.properties(template, "AWS::RDS::DBParameterGroup", Map.of()).get("Parameters"))
                .get("max_connections"));
        int maxOrdersTasks = Resources.integer(Resources.scalableTarget(template, "orders").get("MaxCapacity"));
        int maxPercent = Resources.integer(Resources.map(Resources.ecsService(template, "orders")
                .get("DeploymentConfiguration")).get("MaximumPercent"));

        // db.t4g.small: 2 GiB → LEAST(2147483648 / 9531392, 5000) = 225 connections.
        assertThat(instanceClass).isEqualTo("db.t4g.small");
        assertThat(maxConnections).isEqualTo(225);
        // 5 connections × 10 tasks × 200 % during a deployment = 100 ≤ 180 = 0.8 × 225.
        assertThat(sizing.dbPoolSize() * maxOrdersTasks * maxPercent / 100)
                .isEqualTo(100)
                .isEqualTo(sizing.peakDatabaseConnections())
                .isLessThanOrEqualTo((int) (0.8 * maxConnections));
        // The budget caps orders at 180 / (5 × 2) = 18 tasks; the proxy lifts that cap.
        assertThat(sizing.maxOrdersTasksWithinBudget()).isEqualTo(18);
        assertThat(sizing.withRdsProxy(true).maxOrdersTasksWithinBudget()).isEqualTo(Integer.MAX_VALUE);
        assertThat(sizing.withRdsProxy(true).peakDatabaseConnections()).isEqualTo(180);
    }

    @Test
    void behindTheProxyTheOrdersTaskCountNoLongerBoundsDatabaseConnections() {
        Sizing d = Sizing.defaults();
        Sizing.ServiceScale manyOrders = new Sizing.ServiceScale(d.orders().taskSize(), 2, 40);
        // 5 × 40 × 200 % = 400 pool connections: over the budget without the proxy...
        assertThatThrownBy(() -> new Sizing(d.dbPoolSize(), d.frontend(), manyOrders, d.payments(),
                d.minHealthyPercent(), d.maxHealthyPercent(), d.database(), d.connectionHeadroom(),
                d.requestsPerTarget(), d.cpuTargetPercent(), d.max5xxPerPeriod(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("= 400 connections > 0.8 x max_connections 225");
        // ...and fine behind it, where the proxy opens at most 80 % of max_connections.
        Sizing proxied = new Sizing(d.dbPoolSize(), d.frontend(), manyOrders, d.payments(),
                d.minHealthyPercent(), d.maxHealthyPercent(), d.database(), d.connectionHeadroom(),
                d.requestsPerTarget(), d.cpuTargetPercent(), d.max5xxPerPeriod(), true);
        assertThat(proxied.proxyMaxConnectionsPercent()).isEqualTo(80);
        assertThat(proxied.peakDatabaseConnections()).isEqualTo(180);
    }

    @Test
    void anInstanceTooSmallForTheConnectionBudgetIsRejected() {
        Sizing d = Sizing.defaults();
        assertThatThrownBy(() -> new Sizing(d.dbPoolSize(), d.frontend(), d.orders(), d.payments(),
                d.minHealthyPercent(), d.maxHealthyPercent(), new Sizing.DatabaseClass("t4g.micro", 1024),
                d.connectionHeadroom(), d.requestsPerTarget(), d.cpuTargetPercent(), d.max5xxPerPeriod(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("= 100 connections > 0.8 x max_connections 112 of db.t4g.micro = 89");
    }

    @Test
    void paymentsTableIsOnDemandWithPointInTimeRecoveryAndEncryption() {
        template.resourceCountIs("AWS::DynamoDB::GlobalTable", 1);
        template.hasResourceProperties("AWS::DynamoDB::GlobalTable", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "orderId", "KeyType", "HASH")),
                "AttributeDefinitions", List.of(Map.of("AttributeName", "orderId", "AttributeType", "S")),
                "BillingMode", "PAY_PER_REQUEST",
                "SSESpecification", Map.of("SSEEnabled", true, "SSEType", "KMS"),
                "Replicas", List.of(Match.objectLike(Map.of(
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "DeletionProtectionEnabled", true)))));
        template.hasResource("AWS::DynamoDB::GlobalTable", Map.of("DeletionPolicy", "Retain"));
    }
}
