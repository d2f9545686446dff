package dev.storefront.infra;

import static dev.storefront.infra.Resources.container;
import static dev.storefront.infra.Resources.list;
import static dev.storefront.infra.Resources.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class IamTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synth.defaultTemplate();
    }

    @Test
    void paymentsTaskRoleMayOnlyGetAndPutItemsOfItsTable() {
        String table = Resources.logicalId(template, "AWS::DynamoDB::GlobalTable", Map.of());
        assertThat(statements(roleOf("payments", "TaskRoleArn"))).isEqualTo(List.of(Map.of(
                "Effect", "Allow",
                "Action", List.of("dynamodb:GetItem", "dynamodb:PutItem"),
                "Resource", Resources.getAtt(table, "Arn"))));
    }

    @Test
    void ordersTaskRoleMayOnlyConnectToTheDatabaseAsItsUser() {
        String database = Resources.logicalId(template, "AWS::RDS::DBInstance", Map.of());
        List<Map<String, Object>> statements = statements(roleOf("orders", "TaskRoleArn"));

        assertThat(statements).hasSize(1);
        assertThat(statements.get(0)).containsEntry("Action", "rds-db:connect").containsEntry("Effect", "Allow");
        assertThat(String.valueOf(statements.get(0).get("Resource")))
                .contains(":dbuser:")
                .contains(Resources.getAtt(database, "DbiResourceId").toString())
                .endsWith("/storefront]]}");
    }

    @Test
    void frontendTaskRoleHasNoPolicyOfItsOwn() {
        assertThat(statements(roleOf("frontend", "TaskRoleArn"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void theOnlyManagedPoliciesOfATaskRoleAreTheCollectorsTraceAndMetricExport(String service) {
        Map<String, Object> role = map(template.findResources("AWS::IAM::Role").get(roleOf(service, "TaskRoleArn"))
                .get("Properties"));
        String traces = Resources.logicalId(template, "AWS::IAM::ManagedPolicy",
                Map.of("Description", Match.stringLikeRegexp(".*X-Ray.*")));
        String metrics = Resources.logicalId(template, "AWS::IAM::ManagedPolicy",
                Map.of("Description", Match.stringLikeRegexp(".*metrics.*")));
        String metricsLogGroup = Resources.logicalId(template, "AWS::Logs::LogGroup",
                Map.of("LogGroupName", "/Storefront/service-metrics"));

        assertThat(role.get("ManagedPolicyArns")).isEqualTo(List.of(Resources.ref(traces), Resources.ref(metrics)));
        assertThat(list(map(map(template.findResources("AWS::IAM::ManagedPolicy").get(traces).get("Properties"))
                .get("PolicyDocument")).get("Statement"))).isEqualTo(List.of(Map.of(
                        "Effect", "Allow",
                        "Action", List.of("xray:PutTelemetryRecords", "xray:PutTraceSegments"),
                        "Resource", "*")));
        assertThat(list(map(map(template.findResources("AWS::IAM::ManagedPolicy").get(metrics).get("Properties"))
                .get("PolicyDocument")).get("Statement"))).isEqualTo(List.of(Map.of(
                        "Effect", "Allow",
                        "Action", List.of("logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"),
                        "Resource", Resources.getAtt(metricsLogGroup, "Arn"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void executionRoleReachesOnlyItsImagesLogGroupAndSecrets(String service) {
        List<Map<String, Object>> statements = statements(roleOf(service, "ExecutionRoleArn"));
        String logGroup = (String) map(map(map(container(template, service, service).get("LogConfiguration"))
                .get("Options")).get("awslogs-group")).get("Ref");

        assertThat(statements).contains(Map.of(
                "Effect", "Allow",
                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                "Resource", Resources.getAtt(logGroup, "Arn")));
        assertThat(statements).contains(Map.of(
                "Effect", "Allow",
                "Action", List.of("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"),
                "Resource", List.of(
                        "arn:aws:ecr:us-east-1:123456789012:repository/ecr-public/aws-observability/aws-otel-collector",
                        "arn:aws:ecr:us-east-1:123456789012:repository/storefront/" + service)));
        // The pull-through cache creates the collector's repository on the first pull.
        assertThat(statements).contains(Map.of(
                "Effect", "Allow",
                "Action", List.of("ecr:BatchImportUpstreamImage", "ecr:CreateRepository"),
                "Resource", "arn:aws:ecr:us-east-1:123456789012:repository/ecr-public/aws-observability/aws-otel-collector"));
        assertThat(statements).hasSize(service.equals("orders") ? 5 : 4);
        // The one '*': ECR's authorization token, which has no resource-level permission.
        assertThat(statements).filteredOn(statement -> "*".equals(statement.get("Resource")))
                .containsExactly(Map.of("Effect", "Allow", "Action", "ecr:GetAuthorizationToken", "Resource", "*"));
        boolean readsSecrets = statements.stream().anyMatch(s -> String.valueOf(s.get("Action")).contains("secretsmanager"));
        assertThat(readsSecrets).as(service + " execution role reads a secret").isEqualTo(service.equals("orders"));
    }

    @Test
    void noPolicyGrantsAWildcardAction() {
        Pattern wildcard = Pattern.compile(".*\\*.*");
        for (Map<String, Object> statement : allStatements()) {
            Object actions = statement.get("Action");
            for (Object action : actions instanceof List<?> many ? many : List.of(actions)) {
                assertThat(wildcard.matcher(String.valueOf(action)).matches()).as("action " + action).isFalse();
            }
        }
    }

    @Test
    void noRoleUsesAnAwsManagedFullAccessPolicy() {
        template.findResources("AWS::IAM::Role").values().forEach(role -> {
            Object managed = map(role.get("Properties")).get("ManagedPolicyArns");
            assertThat(String.valueOf(managed)).doesNotContain("FullAccess");
        });
    }

    @Test
    void noSecretIsPassedInPlainEnvironment() {
        Pattern secretName = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|CREDENTIAL).*");
        for (String service : StorefrontConfig.SERVICES) {
            for (String containerName : List.of(service, Telemetry.COLLECTOR_NAME)) {
                Map<String, Object> environment = Resources.environment(container(template, service, containerName));
                assertThat(environment.keySet()).noneMatch(name -> secretName.matcher(name).matches());
                assertThat(environment.values().toString())
                        .doesNotContain("secretsmanager")
                        .doesNotContain(Resources.logicalId(template, "AWS::SecretsManager::Secret", Map.of()));
            }
        }
        Map<String, Object> orders = container(template, "orders", "orders");
        assertThat(list(orders.get("Secrets"))).hasSize(1);
        Map<String, Object> password = map(list(orders.get("Secrets")).get(0));
        assertThat(password.get("Name")).isEqualTo("DB_PASSWORD");
        assertThat(String.valueOf(password.get("ValueFrom"))).endsWith(":password::]]}");
    }

    /** The logical id of the role a task definition names in TaskRoleArn or ExecutionRoleArn. */
    private static String roleOf(String service, String property) {
        return (String) list(map(Resources.taskDefinition(template, service).get(property)).get("Fn::GetAtt")).get(0);
    }

    /** Statements of every inline policy attached to the role. */
    private static List<Map<String, Object>> statements(String role) {
        List<Map<String, Object>> statements = new ArrayList<>();
        template.findResources("AWS::IAM::Policy").values().stream()
                .map(policy -> map(policy.get("Properties")))
                .filter(policy -> list(policy.get("Roles")).contains(Resources.ref(role)))
                .forEach(policy -> list(map(policy.get("PolicyDocument")).get("Statement"))
                        .forEach(statement -> statements.add(map(statement))));
        return statements;
    }

    private static List<Map<String, Object>> allStatements() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            template.findResources(type).values().forEach(policy -> list(map(map(policy.get("Properties"))
                    .get("PolicyDocument")).get("Statement")).forEach(statement -> statements.add(map(statement))));
        }
        template.findResources("AWS::IAM::Role").values().forEach(role ->
                list(map(role.get("Properties")).getOrDefault("Policies", List.of())).forEach(policy ->
                        list(map(map(policy).get("PolicyDocument")).get("Statement"))
                                .forEach(statement -> statements.add(map(statement)))));
        return statements;
    }
}
