package dev.storefront.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine the benchmark ran on.
 *
 * @param cores available processors
 * @param cpu the CPU's model name
 * @param memoryGiB total memory, GiB
 * @param loadAverageAtStart load averages over 1, 5 and 15 minutes when the benchmark started
 */
record Machine(int cores, String cpu, long memoryGiB, String loadAverageAtStart) {

    /** This machine, now. */
    static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(), Proc.cpuModel(), totalMemoryGiB(),
                Proc.loadAverage());
    }

    private static long totalMemoryGiB() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / (1024 * 1024)).findFirst().orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }
}
