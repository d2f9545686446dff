package dev.storefront.infra;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

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

    /**
     * Valid memory values (MiB) per CPU value (units). 256 units is the one irregular row: 512,
     * 1024 and 2048 MiB, not 1536; every other row is a range with a fixed step (1 GiB, then 4 GiB
     * for 8 vCPU and 8 GiB for 16 vCPU).
     */
    private static final Map<Integer, List<Integer>> MEMORY_BY_CPU = Map.of(
            256, List.of(512, 1024, 2048),
            512, range(1024, 4096, 1024),
            1024, range(2048, 8192, 1024),
            2048, range(4096, 16384, 1024),
            4096, range(8192, 30720, 1024),
            8192, range(16384, 61440, 4096),
            16384, range(32768, 122880, 8192));

    /**
     * @throws IllegalArgumentException if Fargate does not offer this CPU/memory pair; the
     *     message lists the memory values valid for the CPU
     */
    public TaskSize {
        List<Integer> valid = MEMORY_BY_CPU.get(cpu);
        if (valid == null) {
            throw new IllegalArgumentException("Invalid Fargate task size " + cpu + " CPU units / "
                    + memoryMiB + " MiB: CPU must be one of "
                    + MEMORY_BY_CPU.keySet().stream().sorted().toList() + " units");
        }
        if (!valid.contains(memoryMiB)) {
            throw new IllegalArgumentException("Invalid Fargate task size " + cpu + " CPU units / "
                    + memoryMiB + " MiB: with " + cpu + " CPU units, memory must be one of "
                    + valid + " MiB");
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

    private static List<Integer> range(int min, int max, int step) {
        return IntStream.iterate(min, m -> m <= max, m -> m + step).boxed().toList();
    }
}
