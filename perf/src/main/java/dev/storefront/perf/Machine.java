package dev.storefront.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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

    /**
     * Waits, at most {@code maxWait}, until the 1-minute load average is below {@code threshold},
     * polling every 5 s: a run that starts while the previous one's JVMs (or a build) still load
     * the machine measures that load too. Returns at once where /proc/loadavg cannot be read.
     *
     * @return how long it waited
     */
    static Duration awaitQuiet(double threshold, Duration maxWait) {
        long started = System.nanoTime();
        long deadline = started + maxWait.toNanos();
        while (oneMinuteLoad() >= threshold && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static double oneMinuteLoad() {
        try {
            return Double.parseDouble(Proc.loadAverage().split(" ")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
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
