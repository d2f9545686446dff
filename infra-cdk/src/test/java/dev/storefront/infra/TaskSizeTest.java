package dev.storefront.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The task-size check against Fargate's table (Amazon ECS Developer Guide, "Fargate task CPU and
 * memory", Linux), written here row by row as the guide states it, independently of
 * {@link TaskSize}'s own table.
 */
class TaskSizeTest {

    /** CPU units → the memory values (MiB) the guide lists for it. */
    private static final Map<Integer, Set<Integer>> FARGATE = Map.of(
            256, Set.of(512, 1024, 2048),
            512, Set.of(1024, 2048, 3072, 4096),
            1024, gib(2, 8, 1),
            2048, gib(4, 16, 1),
            4096, gib(8, 30, 1),
            8192, gib(16, 60, 4),
            16384, gib(32, 120, 8));

    @Test
    void acceptsExactlyThePairsFargateAcceptsAndRejectsEveryOther() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (int cpu : List.of(128, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384, 32768)) {
            for (int memory = 256; memory <= 131072; memory += 256) {
                boolean fargateAccepts = FARGATE.getOrDefault(cpu, Set.of()).contains(memory);
                boolean accepted;
                try {
                    new TaskSize(cpu, memory);
                    accepted = true;
                } catch (IllegalArgumentException rejected) {
                    accepted = false;
                }
                if (accepted != fargateAccepts) {
                    wrong.add(cpu + "/" + memory + (accepted ? " accepted" : " rejected"));
                }
                checked++;
            }
        }
        assertThat(wrong).as("pairs judged unlike Fargate").isEmpty();
        assertThat(checked).isEqualTo(15 * 512);
        // Every valid pair was among those checked.
        assertThat(FARGATE.values().stream().mapToInt(Set::size).sum()).isEqualTo(3 + 4 + 7 + 13 + 23 + 12 + 12);
    }

    @Test
    void quarterVcpuWithOneAndAHalfGibIsRejectedAsFargateDoes() {
        assertThatThrownBy(() -> new TaskSize(256, 1536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid Fargate task size 256 CPU units / 1536 MiB: with 256 CPU units,"
                        + " memory must be one of [512, 1024, 2048] MiB");
    }

    private static Set<Integer> gib(int from, int to, int step) {
        return IntStream.iterate(from, g -> g <= to, g -> g + step).map(g -> g * 1024).boxed().collect(Collectors.toSet());
    }
}
