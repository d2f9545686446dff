package dev.storefront.infra;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The CPU and memory of one Fargate task.
 *
 * <p>Fargate accepts only certain pairs; an invalid pair is rejected here, at synth, instead
 * of by CloudFormation halfway through a deployment. The matrix is the one in
 * <a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size">
 * Amazon ECS Developer Guide, "Fargate task CPU and memory"</a> (Linux).
 *
 * @param cpu       task CPU in CPU units (1024 = 1 vCPU)
 * @param memoryMiB task memory in MiB
 */
public record TaskSize(int cpu, int memoryMiB) {

    /** Valid memory values (MiB) per CPU value (units), as {@code {min, max, step}}. */
    private static final Map<Integer, int[]> MEMORY_BY_CPU = Map.of(
            256, new int[] {512, 2048, 512},
            512, new int[] {1024, 4096, 1024},
            1024, new int[] {2048, 8192, 1024},
            2048, new int[] {4096, 16384, 1024},
            4096, new int[] {8192, 30720, 1024},
            8192, new int[] {16384, 61440, 4096},
            16384, new int[] {32768, 122880, 8192});

    /**
     * @throws IllegalArgumentException if Fargate does not offer this CPU/memory pair; the
     *     message lists the memory values valid for the CPU
     */
    public TaskSize {
        int[] range = MEMORY_BY_CPU.get(cpu);
        if (range == null) {
            throw new IllegalArgumentException("Invalid Fargate task size " + cpu + " CPU units / "
                    + memoryMiB + " MiB: CPU must be one of "
                    + MEMORY_BY_CPU.keySet().stream().sorted().toList() + " units");
        }
        if (!validMemory(range).contains(memoryMiB)) {
            throw new IllegalArgumentException("Invalid Fargate task size " + cpu + " CPU units / "
                    + memoryMiB + " MiB: with " + cpu + " CPU units, memory must be one of "
                    + validMemory(range) + " MiB");
        }
    }

    /**
     * Parses {@code "cpu/memoryMiB"}, the form used by the {@code storefront:taskSize:<service>}
     * context value, e.g. {@code "1024/2048"}.
     *
     * @throws IllegalArgumentException if the text is not two integers separated by '/', or the
     *     pair is not a valid Fargate size
     */
    public static TaskSize parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException(
                    "Task size must be 'cpu/memoryMiB' (e.g. 1024/2048), got '" + text + "'");
        }
        try {
            return new TaskSize(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Task size must be 'cpu/memoryMiB' (e.g. 1024/2048), got '" + text + "'", e);
        }
    }

    private static List<Integer> validMemory(int[] range) {
        return java.util.stream.IntStream.iterate(range[0], m -> m <= range[1], m -> m + range[2])
                .boxed()
                .collect(Collectors.toList());
    }
}
