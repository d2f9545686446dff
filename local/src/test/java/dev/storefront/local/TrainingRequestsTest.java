package dev.storefront.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The container images' training start serves the launcher's training requests, no more, no fewer. */
class TrainingRequestsTest {

    private static final Path DOCKERFILE = Path.of(System.getProperty("storefront.home", ".."))
            .resolve("Dockerfile");

    private static final Pattern ROUNDS = Pattern.compile("for round in ([\\d ]+); do");

    @Test
    void theDockerfileTrainsWithTheSameRequestsAndRounds() throws IOException {
        List<String> lines = Files.readAllLines(DOCKERFILE);

        List<String> trainLines = lines.stream().map(String::trim)
                .filter(line -> line.startsWith("train ") && line.endsWith("; \\"))
                .map(line -> line.substring(0, line.length() - "; \\".length()))
                .toList();
        Matcher rounds = ROUNDS.matcher(String.join("\n", lines));

        assertThat(trainLines)
                .isEqualTo(TrainingRequests.ROUND.stream().map(TrainingRequests.Request::asTrainLine).toList());
        assertThat(rounds.find()).as("the Dockerfile's training loop").isTrue();
        assertThat(rounds.group(1).trim().split(" ")).hasSize(TrainingRequests.ROUNDS);
    }
}
