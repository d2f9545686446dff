package dev.storefront.perf;

import dev.storefront.local.JavaRuntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark command: {@code java -jar perf/target/perf.jar [options]} ({@link BenchmarkOptions#USAGE}).
 * It starts the embedded stack fresh, measures, prints a table and writes the numbers as JSON
 * ({@code perf/target/benchmark.json}):
 * <ul>
 *   <li>first, on the stack just started, the time to 90 % of warm checkout throughput, from
 *       consecutive 5 s wrk windows ({@link WarmupCurve}; off with {@code --warmup-curve 0});</li>
 *   <li>per service: startup to the first {@code /health/readiness} 200 (ms, median of N cold
 *       starts of an extra instance with the stack's own environment: {@link ColdStarts}), RSS at
 *       ready and after the load (MiB, VmRSS of /proc/PID/status);</li>
 *   <li>checkout through frontend, then {@code POST /orders} straight to orders (payments
 *       running), each in a closed model ({@link Wrk}: one thread, 16 connections, a unique
 *       Idempotency-Key per request): a warm-up, then N measured runs; requests/s, p50, p99 and
 *       non-2xx answers, the median of the runs ({@link LoadTest});</li>
 *   <li>CPU seconds (utime + stime of /proc/PID/stat) per 1,000 answered requests, for each
 *       service JVM, PostgreSQL (all its processes) and the JVM that runs DynamoDB Local, which is
 *       this one ({@link CpuSeconds}).</li>
 * </ul>
 * With {@code --baseline DIR}, another build (its jars under DIR) is measured first, the same way
 * in the same run, and the ratios of this build to it are printed
 * ({@link ReportTable#comparison}), so that a change is judged by numbers from one run on one
 * machine, not from different days; each build's run first waits (at most
 * {@link #QUIET_WAIT}) for the load average to fall below {@link #QUIET_LOAD}, so that the second
 * does not measure what the first left running. With {@code --java DIR,DIR...}, all of it is done once per
 * JDK, the services (and their start-up archives) run by that JDK's {@code bin/java}.
 * Exit codes: 0 done, 1 failed, 2 usage or wrk missing.
 */
public final class Benchmark {

    /** A run starts when the 1-minute load average is below this... */
    static final double QUIET_LOAD = 1.0;

    /** ...or after this long, whichever comes first. */
    static final Duration QUIET_WAIT = Duration.ofSeconds(180);

    private final BenchmarkOptions options;
    private final Path work;

    private Benchmark(BenchmarkOptions options) {
        this.options = options;
        this.work = options.workDirectory();
    }

    /**
     * Runs the benchmark with the options of the usage text.
     *
     * @param args the options
     */
    public static void main(String[] args) {
        Optional<BenchmarkOptions> parsed;
        try {
            parsed = BenchmarkOptions.parse(args);
        } catch (RuntimeException e) {
            System.err.println("benchmark: " + e.getMessage() + "\n" + BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        if (parsed.isEmpty()) {
            System.out.print(BenchmarkOptions.USAGE);
            return;
        }
        BenchmarkOptions options = parsed.get();
        if (!options.startupOnly() && !Wrk.installed()) {
            System.err.println("""
                    benchmark: wrk is not installed. It is the load generator (one thread, a fixed number of
                    connections, a Lua script for the POST bodies). Install it and run again:
                      Debian/Ubuntu: sudo apt-get install -y wrk
                      macOS:         brew install wrk
                    (or run with --startup-only for startup and memory alone)""");
            System.exit(2);
        }
        try {
            for (JavaRuntime java : options.javas()) {
                BenchmarkOptions forJava = options.forJava(java);
                if (options.javas().size() > 1) {
                    System.out.println("Services on " + java.home() + " (" + java.version() + ")");
                }
                measure(forJava);
            }
            System.exit(0);
        } catch (RuntimeException e) {
            System.err.println("benchmark failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Measures this build with one JDK, and before it the baseline if there is one, and compares. */
    private static void measure(BenchmarkOptions options) {
        if (options.baseline() == null) {
            new Benchmark(options).run();
            return;
        }
        System.out.println("Baseline: " + options.baseline());
        BenchmarkReport baseline = new Benchmark(options.forBaseline()).run();
        System.out.println("This build: " + options.home());
        BenchmarkReport current = new Benchmark(options).run();
        System.out.println(ReportTable.comparison(baseline, current));
        BenchmarkJson.write(options.comparisonOut(), new BenchmarkReport.Comparison(options.baseline().toString(),
                baseline, options.home().toString(), current));
        System.out.println("Comparison JSON: " + options.comparisonOut());
    }

    /** Measures one build with one JDK, prints its table, writes its JSON and returns its numbers. */
    private BenchmarkReport run() {
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Duration waited = Machine.awaitQuiet(QUIET_LOAD, QUIET_WAIT);
        if (waited.toSeconds() >= 5) {
            System.out.printf("Waited %d s for the load average to settle%n", waited.toSeconds());
        }
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Machine machine = Machine.describe();
        ServiceJvm jvm = ServiceJvm.probe(options, options.java());
        BenchmarkReport.Settings settings = BenchmarkReport.Settings.of(options);
        System.out.println(ReportTable.header(date, machine, jvm, settings));
        Path log = work.resolve("stack.log");
        System.out.println("Starting the embedded stack (log: " + log + ")...");

        Map<String, Double> rssAtReady = new LinkedHashMap<>();
        Map<String, ColdStarts.Result> coldStarts = new LinkedHashMap<>();
        Map<String, Double> rssAfterLoad = new LinkedHashMap<>();
        WarmupCurve.Result curve = null;
        LoadTest.Result checkout = null;
        LoadTest.Result ordersAlone = null;
        Double postgresqlRss = null;
        Double hostRss = null;
        try (PerfStack stack = PerfStack.start(options.home(), 0, options.jvmOptions(), log,
                options.java())) {
            PerfStack.SERVICES.forEach(service -> rssAtReady.put(service, Proc.rssMiB(stack.pid(service))));
            Wrk wrk = options.startupOnly() ? null : new Wrk(options.connections(), work);
            if (options.warmupCurve()) {
                // Before anything else has run on the stack: the services are as cold as the launcher leaves them.
                System.out.printf("Warm-up curve of checkout, %d s in %d s windows...%n",
                        options.warmupCurveSeconds(), WarmupCurve.WINDOW_SECONDS);
                curve = WarmupCurve.measure(wrk, stack.url("frontend") + "/api/checkout",
                        options.warmupCurveSeconds(), stack.startedFromArchives(), System.out);
            }
            ColdStarts starts = new ColdStarts(options, work, System.out);
            for (String service : PerfStack.SERVICES) {
                System.out.printf("Cold starts of %s (%d)...%n", service, options.starts());
                coldStarts.put(service, starts.measure(stack, service));
            }
            if (!options.startupOnly()) {
                LoadTest load = new LoadTest(options, wrk, work, System.out);
                checkout = load.run("checkout via frontend", stack, stack.url("frontend") + "/api/checkout",
                        options.checkoutWarmupSeconds(), options.profile());
                ordersAlone = load.run("orders alone", stack, stack.url("orders") + "/orders",
                        options.warmupSeconds(), false);
                PerfStack.SERVICES.forEach(service -> rssAfterLoad.put(service, Proc.rssMiB(stack.pid(service))));
                postgresqlRss = Proc.postgresProcesses(stack.postgresPort()).stream().mapToDouble(Proc::rssMiB).sum();
                hostRss = Proc.rssMiB(stack.hostPid());
            }
        }
        Map<String, BenchmarkReport.ServiceNumbers> services = new LinkedHashMap<>();
        for (String service : PerfStack.SERVICES) {
            ColdStarts.Result started = coldStarts.get(service);
            services.put(service, new BenchmarkReport.ServiceNumbers(rssAtReady.get(service), started.startupMs(),
                    started.startupMsEach(), started.rssAtReadyOfColdStartsMiB(), rssAfterLoad.get(service),
                    started.startupWithArchiveMs(), started.startupWithArchiveMsEach()));
        }
        BenchmarkReport report = new BenchmarkReport(date, machine, jvm, settings, curve, checkout, ordersAlone,
                postgresqlRss, hostRss, services, Proc.loadAverage());
        BenchmarkJson.write(options.out(), report);
        System.out.println();
        System.out.println(ReportTable.table(report));
        System.out.println("JSON: " + options.out());
        return report;
    }
}
