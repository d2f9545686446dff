package dev.storefront.perf;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JDK Flight Recorder on the running services through {@code jcmd} (JFR.start / JFR.dump /
 * JFR.stop), so a recording covers exactly the measured load, and a summary of where the CPU
 * samples fell.
 */
final class Profiles {

    private static final String RECORDING = "perf";

    /**
     * Where one service's CPU samples fell.
     *
     * @param recording the JFR file
     * @param executionSamples how many execution samples it holds
     * @param topMethodsSelf the methods most often on top of the stack, with their share ("12.3 %")
     * @param topPackagesNearestNonJdkFrame the packages of the nearest frame outside the JDK, with their share
     * @param gcPauses how many GC pauses
     * @param gcPauseMsPer1000 milliseconds of GC pause per 1,000 answered requests
     */
    record Summary(String recording, int executionSamples, Map<String, String> topMethodsSelf,
                   Map<String, String> topPackagesNearestNonJdkFrame, long gcPauses, double gcPauseMsPer1000) {
    }

    private Profiles() {
    }

    /** Starts a recording with the {@code profile} settings (20 ms execution samples) in that JVM. */
    static void start(long pid) {
        jcmd(pid, "JFR.start", "name=" + RECORDING, "settings=profile");
    }

    /** Stops the recording without writing it: for one that only paid JFR's start-up cost. */
    static void discard(long pid) {
        jcmd(pid, "JFR.stop", "name=" + RECORDING);
    }

    /** Writes the recording to {@code file} and stops it. */
    static void dumpAndStop(long pid, Path file) {
        jcmd(pid, "JFR.dump", "name=" + RECORDING, "filename=" + file.toAbsolutePath());
        jcmd(pid, "JFR.stop", "name=" + RECORDING);
    }

    /**
     * Where the CPU went: execution samples counted by their top frame (self time) and by the
     * nearest frame outside the JDK, grouped by package (which library the time is spent for),
     * plus GC pauses.
     *
     * @param perThousand how many checkouts the recording covers, in thousands, to scale the pauses
     */
    static Summary summarize(Path file, double perThousand) {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> library = new HashMap<>();
        int samples = 0;
        long gcPauses = 0;
        Duration gcPause = Duration.ZERO;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                if (type.equals("jdk.ExecutionSample")) {
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack == null || stack.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    List<RecordedFrame> frames = stack.getFrames();
                    self.merge(method(frames.get(0)), 1, Integer::sum);
                    library.merge(frames.stream().map(Profiles::className).filter(c -> !isJdk(c)).findFirst()
                            .map(Profiles::packageOf).orElse("(JDK only)"), 1, Integer::sum);
                } else if (type.equals("jdk.GCPhasePause")) {
                    gcPauses++;
                    gcPause = gcPause.plus(event.getDuration());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Summary(file.toString(), samples, top(self, samples, 12), top(library, samples, 12), gcPauses,
                perThousand > 0 ? gcPause.toNanos() / 1e6 / perThousand : 0.0);
    }

    private static Map<String, String> top(Map<String, Integer> counts, int total, int limit) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .collect(Collectors.toMap(Map.Entry::getKey,
                        e -> String.format("%.1f %%", 100.0 * e.getValue() / Math.max(1, total)),
                        (a, b) -> a, LinkedHashMap::new));
    }

    private static String className(RecordedFrame frame) {
        return frame.getMethod().getType().getName();
    }

    private static String method(RecordedFrame frame) {
        return className(frame) + "." + frame.getMethod().getName();
    }

    private static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("javax.") || className.startsWith("com.sun.");
    }

    /** {@code io.netty.handler.codec.http.HttpObjectDecoder} → {@code io.netty.handler.codec}. */
    private static String packageOf(String className) {
        String[] parts = className.split("\\.");
        int keep = Math.min(parts.length - 1, parts[0].equals("dev") ? 4 : 3);
        return String.join(".", java.util.Arrays.copyOf(parts, Math.max(1, keep)));
    }

    /** Runs the jcmd of the JDK that runs the process: attaching across JDK versions is not supported. */
    private static void jcmd(long pid, String... command) {
        String jcmd = Proc.executable(pid).resolveSibling("jcmd").toString();
        List<String> arguments = new java.util.ArrayList<>(List.of(jcmd, Long.toString(pid)));
        arguments.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", arguments) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run jcmd (a JDK, not a JRE, is needed for --profile)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
