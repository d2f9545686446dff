package dev.storefront.perf;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One load on the stack: a warm-up, then the measured wrk runs, with the CPU of every part of the
 * stack read around each run and, if asked, a JFR recording of the measured runs in every service.
 */
final class LoadTest {

    /**
     * The numbers of one load: medians of the runs, and each run.
     *
     * @param url what was loaded
     * @param requestsPerSecond requests completed per second
     * @param p50Ms median latency, ms
     * @param p99Ms 99th percentile latency, ms
     * @param non2xx answers outside 200-299
     * @param socketErrors connect, read and write errors and timeouts
     * @param accepted202 answers 202 (payment pending)
     * @param cpuSecondsPer1000 CPU seconds of each part per 1,000 answered requests
     * @param requestsPerSecondEach each run's requests per second, in order
     * @param cpuSecondsPer1000Each each run's CPU seconds per 1,000, in order
     * @param runs what wrk printed for each run
     * @param profile where the CPU samples fell, per service; null unless profiled
     */
    record Result(String url, double requestsPerSecond, double p50Ms, double p99Ms, double non2xx, double socketErrors,
                  double accepted202, CpuSeconds.Median cpuSecondsPer1000, List<Double> requestsPerSecondEach,
                  List<CpuSeconds> cpuSecondsPer1000Each, List<Wrk.Report> runs,
                  Map<String, Profiles.Summary> profile) {
    }

    /**
     * Load before the measured runs while JFR starts in the services: its first recording took the
     * checkout's first measured run from 93-100 to 30 req/s.
     */
    private static final int JFR_SETTLE_SECONDS = 10;

    private final BenchmarkOptions options;
    private final Wrk wrk;
    private final Path workDirectory;
    private final PrintStream out;

    /**
     * @param out where the progress lines go
     */
    LoadTest(BenchmarkOptions options, Wrk wrk, Path workDirectory, PrintStream out) {
        this.options = options;
        this.wrk = wrk;
        this.workDirectory = workDirectory;
        this.out = out;
    }

    /**
     * Warms up, then measures.
     *
     * @param name the load's name in the progress lines
     * @param warmupSeconds how long to warm up, s; 0 for not at all (the warm-up curve warmed it)
     * @param profile whether to record the measured runs with JFR
     */
    Result run(String name, PerfStack stack, String url, int warmupSeconds, boolean profile) {
        // Idempotency-Keys unique to this load, so that no request of it is a replay of an earlier one.
        String runId = Long.toString(System.currentTimeMillis(), 36);
        out.printf("%s: warm-up %d s...%n", name, warmupSeconds);
        if (warmupSeconds > 0) {
            wrk.run(url, warmupSeconds, runId + "-warm");
        }
        if (profile) {
            // The first recording in a JVM costs it seconds of CPU (JFR's own classes loaded and
            // compiled): under load, not in the measured runs, and that recording thrown away.
            out.printf("%s: JFR's start-up, %d s under load...%n", name, JFR_SETTLE_SECONDS);
            PerfStack.SERVICES.forEach(service -> Profiles.start(stack.pid(service)));
            wrk.run(url, JFR_SETTLE_SECONDS, runId + "-jfr");
            PerfStack.SERVICES.forEach(service -> Profiles.discard(stack.pid(service)));
            PerfStack.SERVICES.forEach(service -> Profiles.start(stack.pid(service)));
        }
        List<Wrk.Run> runs = new ArrayList<>();
        List<CpuSeconds> cpuPer1000 = new ArrayList<>();
        for (int i = 1; i <= options.runs(); i++) {
            out.printf("%s: run %d of %d, %d s...%n", name, i, options.runs(), options.durationSeconds());
            CpuSeconds before = CpuSeconds.read(stack);
            Wrk.Run run = wrk.run(url, options.durationSeconds(), runId + "-" + i);
            CpuSeconds after = CpuSeconds.read(stack);
            runs.add(run);
            cpuPer1000.add(after.per1000Since(before, run.answered2xx()));
            out.printf("  %.0f req/s, p50 %.1f ms, p99 %.1f ms, non-2xx %d, socket errors %d%n",
                    run.requestsPerSecond(), run.p50Ms(), run.p99Ms(), run.non2xx(), run.socketErrors());
        }
        Map<String, Profiles.Summary> profiles = null;
        if (profile) {
            long answered = runs.stream().mapToLong(Wrk.Run::answered2xx).sum();
            profiles = new LinkedHashMap<>();
            for (String service : PerfStack.SERVICES) {
                Path file = workDirectory.resolve(service + ".jfr");
                Profiles.dumpAndStop(stack.pid(service), file);
                profiles.put(service, Profiles.summarize(file, answered / 1000.0));
            }
            Path summary = workDirectory.resolve("profile.json");
            BenchmarkJson.write(summary, profiles);
            out.println("Profile summary: " + summary + "; recordings: " + workDirectory
                    + "/*.jfr (jfr print --events jdk.ExecutionSample FILE)");
        }
        return new Result(url, median(runs, Wrk.Run::requestsPerSecond), median(runs, Wrk.Run::p50Ms),
                median(runs, Wrk.Run::p99Ms), median(runs, Wrk.Run::non2xx), median(runs, Wrk.Run::socketErrors),
                median(runs, Wrk.Run::accepted202), CpuSeconds.median(cpuPer1000),
                runs.stream().map(Wrk.Run::requestsPerSecond).toList(), cpuPer1000,
                runs.stream().map(Wrk.Run::report).toList(), profiles);
    }

    private static double median(List<Wrk.Run> runs, ToDoubleFunction<Wrk.Run> metric) {
        return Stats.median(runs.stream().map(metric::applyAsDouble).toList());
    }
}
