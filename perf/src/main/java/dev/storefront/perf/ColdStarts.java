package dev.storefront.perf;

import dev.storefront.local.ServiceProcess;
import dev.storefront.local.StartupArchive;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Startup to the first {@code /health/readiness} 200: an extra instance of a service started N
 * times, through the launcher's {@link ServiceProcess}, with exactly the environment the stack gave
 * its own instance (from /proc/PID/environ) on a free port, by the run's JDK ({@link BenchmarkOptions#java()}).
 */
final class ColdStarts {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    /** Readiness is polled this often: the error of each measurement is at most this. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
    /** A probe serves nothing; anything slower than this to stop is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * The cold starts of one service.
     *
     * @param startupMs the median, ms
     * @param startupMsEach every start, ms, in order
     * @param rssAtReadyOfColdStartsMiB the median RSS at readiness, MiB
     * @param startupWithArchiveMs the median of as many starts that map the start-up archive the
     *     launcher records ({@link StartupArchive}, made first by one untimed start), ms
     * @param startupWithArchiveMsEach every start with the archive, ms, in order
     */
    record Result(double startupMs, List<Double> startupMsEach, double rssAtReadyOfColdStartsMiB,
                  double startupWithArchiveMs, List<Double> startupWithArchiveMsEach) {
    }

    /** One cold start: milliseconds to readiness 200 and RSS (MiB) at that moment. */
    private record Start(double millis, double rssMiB) {
    }

    private final BenchmarkOptions options;
    private final Path workDirectory;
    private final PrintStream out;

    /**
     * @param out where a probe that exits is reported; its own lines are only in its log file
     */
    ColdStarts(BenchmarkOptions options, Path workDirectory, PrintStream out) {
        this.options = options;
        this.workDirectory = workDirectory;
        this.out = out;
    }

    /**
     * Starts the service {@link BenchmarkOptions#starts()} times, one after the other.
     *
     * @throws dev.storefront.local.StartupException if a start exits or is not ready in time, naming its log
     */
    Result measure(PerfStack stack, String service) {
        Map<String, String> environment = new LinkedHashMap<>(Proc.environment(stack.pid(service)));
        environment.put("JDK_JAVA_OPTIONS", options.coldStartOptions(service));
        environment.put("DRAIN_DELAY", "0s");
        environment.put("SHUTDOWN_GRACE_PERIOD", "1s");
        List<Start> starts = new ArrayList<>();
        for (int i = 1; i <= options.starts(); i++) {
            starts.add(start(service, environment, workDirectory.resolve("start-" + service + "-" + i + ".log"), null));
        }
        StartupArchive archives = StartupArchive.in(workDirectory.resolve("startup-archives"));
        start(service, environment, workDirectory.resolve("start-" + service + "-recording.log"), archives);
        List<Start> withArchive = new ArrayList<>();
        for (int i = 1; i <= options.starts(); i++) {
            withArchive.add(start(service, environment,
                    workDirectory.resolve("start-" + service + "-archive-" + i + ".log"), archives));
        }
        return new Result(Stats.median(starts.stream().map(Start::millis).toList()),
                starts.stream().map(Start::millis).toList(),
                Stats.median(starts.stream().map(Start::rssMiB).toList()),
                Stats.median(withArchive.stream().map(Start::millis).toList()),
                withArchive.stream().map(Start::millis).toList());
    }

    private Start start(String service, Map<String, String> environment, Path log, StartupArchive archives) {
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long started = System.nanoTime();
        ServiceProcess probe = ServiceProcess.start(service, options.jar(service), ServiceProcess.freePort(), environment, out, log,
                false, options.java(), archives);
        try {
            probe.awaitReady(STARTUP_TIMEOUT, POLL_INTERVAL);
            double millis = (System.nanoTime() - started) / 1e6;
            return new Start(millis, Proc.rssMiB(probe.pid()));
        } finally {
            probe.stop(STOP_TIMEOUT);
        }
    }
}
