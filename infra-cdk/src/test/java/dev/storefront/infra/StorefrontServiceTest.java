package dev.storefront.infra;

import static dev.storefront.infra.Resources.container;
import static dev.storefront.infra.Resources.environment;
import static dev.storefront.infra.Resources.list;
import static dev.storefront.infra.Resources.map;
import static dev.storefront.infra.Resources.taskDefinition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

/** What the one StorefrontService construct gives each of the three services. */
class StorefrontServiceTest {

    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synth.defaultTemplate();
    }

    @Test
    void threeFargateServicesAreBuilt() {
        template.resourceCountIs("AWS::ECS::Service", 3);
        template.resourcePropertiesCountIs("AWS::ECS::Service", Map.of("LaunchType", "FARGATE"), 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void taskIsArm64WithTheSizeFromSizing(String service) {
        Map<String, Object> task = taskDefinition(template, service);
        TaskSize size = Sizing.defaults().scaleOf(service).taskSize();

        assertThat(task.get("Cpu")).isEqualTo(String.valueOf(size.cpu()));
        assertThat(task.get("Memory")).isEqualTo(String.valueOf(size.memoryMiB()));
        assertThat(task.get("RuntimePlatform")).isEqualTo(Map.of(
                "CpuArchitecture", "ARM64", "OperatingSystemFamily", "LINUX"));
        assertThat(task.get("RequiresCompatibilities")).isEqualTo(List.of("FARGATE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void serviceContainerHasANamedHttpPortMapping(String service) {
        assertThat(container(template, service, service).get("PortMappings")).isEqualTo(List.of(Map.of(
                "Name", service + "-api",
                "ContainerPort", 8080,
                "Protocol", "tcp",
                "AppProtocol", "http")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void serviceContainerIsHardenedForAJvm(String service) {
        Map<String, Object> app = container(template, service, service);

        assertThat(app.get("Essential")).isEqualTo(true);
        assertThat(app.get("ReadonlyRootFilesystem")).isEqualTo(true);
        assertThat(map(app.get("LinuxParameters")).get("InitProcessEnabled")).isEqualTo(true);
        // The read-only root still needs a writable /tmp: a task volume.
        assertThat(app.get("MountPoints")).isEqualTo(List.of(Map.of(
                "ContainerPath", "/tmp", "ReadOnly", false, "SourceVolume", "tmp")));
        assertThat(taskDefinition(template, service).get("Volumes")).isEqualTo(List.of(Map.of("Name", "tmp")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void logsGoToAServiceLogGroupWithRetention(String service) {
        Map<String, Object> logging = map(container(template, service, service).get("LogConfiguration"));
        assertThat(logging.get("LogDriver")).isEqualTo("awslogs");
        String logGroup = (String) map(map(logging.get("Options")).get("awslogs-group")).get("Ref");
        assertThat(map(template.findResources("AWS::Logs::LogGroup").get(logGroup).get("Properties"))
                .get("RetentionInDays")).isEqualTo(30);
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void sharedEnvironmentOfEveryService(String service) {
        assertThat(environment(container(template, service, service))).containsAllEntriesOf(Map.of(
                "MICRONAUT_SERVER_PORT", "8080",
                "OTEL_SERVICE_NAME", service,
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4317",
                "LOG_FORMAT", "json"));
    }

    @Test
    void ordersGetsItsDatabaseAndPaymentsSettings() {
        Map<String, Object> environment = environment(container(template, "orders", "orders"));
        assertThat(environment).containsAllEntriesOf(Map.of(
                "PAYMENTS_URL", "http://payments.storefront:8080",
                "DB_USERNAME", "storefront",
                "DB_IAM_AUTH", "false",
                "AWS_REGION", Synth.REGION));
        // The pool size orders ships with, which Sizing's connection budget is computed from.
        assertThat(environment).doesNotContainKey("DB_POOL_SIZE");
        String databaseId = Resources.logicalId(template, "AWS::RDS::DBInstance", Map.of());
        assertThat(environment.get("DB_URL")).isEqualTo(Map.of("Fn::Join", List.of("", List.of(
                "jdbc:postgresql://", Resources.getAtt(databaseId, "Endpoint.Address"), ":",
                Resources.getAtt(databaseId, "Endpoint.Port"), "/orders?sslmode=require"))));
    }

    @Test
    void paymentsGetsItsTable() {
        Map<String, Object> environment = environment(container(template, "payments", "payments"));
        String tableId = Resources.logicalId(template, "AWS::DynamoDB::GlobalTable", Map.of());
        assertThat(environment).containsAllEntriesOf(Map.of(
                "PAYMENTS_TABLE", Resources.ref(tableId),
                "AWS_REGION", Synth.REGION));
        // The decline rule payments ships with applies.
        assertThat(environment).doesNotContainKey("PAYMENTS_DECLINE_ABOVE_CENTS");
    }

    @Test
    void frontendGetsOrdersUrl() {
        assertThat(environment(container(template, "frontend", "frontend")))
                .containsEntry("ORDERS_URL", "http://orders.storefront:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend", "orders", "payments"})
    void adotCollectorSidecarStartsFirstAndListensOnLocalhost(String service) {
        Map<String, Object> app = container(template, service, service);
        Map<String, Object> collector = container(template, service, "adot-collector");

        assertThat(app.get("DependsOn")).isEqualTo(List.of(Map.of("ContainerName", "adot-collector", "Condition", "START")));
        assertThat(collector.get("Essential")).isEqualTo(false);
        assertThat(collector.get("ReadonlyRootFilesystem")).isEqualTo(true);
        assertThat(collector).containsKey("LogConfiguration");
        assertThat((String) environment(collector).get("AOT_CONFIG_CONTENT"))
                .contains("endpoint: localhost:4317")
                .contains("awsxray");
        assertThat(list(taskDefinition(template, service).get("ContainerDefinitions"))).hasSize(2);
    }

    @Test
    void anInvalidFargateCpuMemoryPairFailsSynthWithTheValidValues() {
        assertThatThrownBy(() -> Synth.template(Map.of("storefront:taskSize:orders", "256/4096")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid Fargate task size 256 CPU units / 4096 MiB: with 256 CPU units,"
                        + " memory must be one of [512, 1024, 2048] MiB");
    }

    @Test
    void anUnknownFargateCpuValueFailsSynthWithTheValidValues() {
        assertThatThrownBy(() -> Synth.template(Map.of("storefront:taskSize:frontend", "768/2048")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CPU must be one of [256, 512, 1024, 2048, 4096, 8192, 16384] units");
    }

    @Test
    void aValidTaskSizeOverrideIsApplied() {
        Template bigger = Synth.template(Map.of("storefront:taskSize:payments", "1024/3072"));
        assertThat(taskDefinition(bigger, "payments")).containsEntry("Cpu", "1024").containsEntry("Memory", "3072");
    }
}
