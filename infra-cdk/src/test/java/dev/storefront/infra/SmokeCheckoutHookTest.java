package dev.storefront.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the blue/green smoke-checkout hook's own tests ({@code src/test/lambda}, Node's built-in
 * test runner) in the Maven build: the handler against a stand-in frontend on 127.0.0.1 answering
 * 201, 202, 503 and never, succeeding for 201 only. Node is already a build requirement (jsii).
 */
class SmokeCheckoutHookTest {

    private static final Path TESTS = Path.of("src/test/lambda/smoke-checkout.test.mjs");

    @Test
    void hookSucceedsOnlyWhenTheSmokeCheckoutAnswers201() throws IOException, InterruptedException {
        Path report = Files.createTempFile("smoke-checkout", ".tap");
        Process node = new ProcessBuilder("node", "--test", "--test-reporter=tap", TESTS.toString())
                .redirectErrorStream(true)
                .redirectOutput(report.toFile())
                .start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        String tap = Files.readString(report, StandardCharsets.UTF_8);

        assertThat(finished).as("node --test finished within 120 s:%n%s", tap).isTrue();
        assertThat(node.exitValue()).as("node --test exit code:%n%s", tap).isZero();
        assertThat(tap).contains("# pass 6", "# fail 0", "# skipped 0", "# todo 0")
                .contains("ok 1 - a 201 checkout lets the deployment continue")
                .contains("a 202 (payment not confirmed) fails the deployment")
                .contains("a 503 fails the deployment")
                .contains("no answer within the timeout fails the deployment");
    }
}
