package dev.storefront.perf;

import dev.storefront.local.JavaRuntime;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark's command-line options.
 *
 * @param home the project root, where {@code <service>/target/<service>.jar} are
 * @param connections wrk connections, closed model
 * @param warmupSeconds warm-up before each load, s
 * @param durationSeconds length of each measured run, s
 * @param runs measured runs per load; the median is reported
 * @param starts cold starts per service; the median is reported
 * @param jvmOptions JVM options for the services, space-separated, after the launcher's defaults
 *     ({@code ServiceProcess.DEFAULT_JVM_OPTIONS}); "" for those alone
 * @param startOptions extra JVM options for the cold starts only, {@code {service}} replaced by the
 *     service's name; "" for none
 * @param profile whether the measured checkout runs are recorded with JFR
 * @param startupOnly only the cold starts and RSS at ready: no load
 * @param out the JSON output file
 * @param baseline another build's project root, measured first in the same run for a comparison;
 *     null for none
 * @param javas the JDKs that run the services, each measured in turn; by default this JVM's
 * @param warmupCurveSeconds how long checkout is driven in windows on the fresh stack to find the
 *     time to 90 % of warm throughput ({@link WarmupCurve}), s; 0 for none
 * @param baselineJvmOptions JVM options for the baseline's services instead of {@code jvmOptions}
 *     (e.g. the JVM's own defaults an earlier launcher ran them with); null for the same
 */
record BenchmarkOptions(Path home, int connections, int warmupSeconds, int durationSeconds, int runs, int starts,
                        String jvmOptions, String startOptions, boolean profile, boolean startupOnly, Path out,
                        Path baseline, List<JavaRuntime> javas, int warmupCurveSeconds, String baselineJvmOptions) {

    static final String USAGE = """
            Usage: java -jar perf/target/perf.jar [options]
              --connections N       wrk connections, closed model (default 16)
              --warmup S            warm-up seconds before each load (default 10)
              --duration S          seconds of each measured run (default 20)
              --runs N              measured runs per load; the median is reported (default 3)
              --starts N            cold starts per service; the median is reported (default 5)
              --warmup-curve S      first, on the fresh stack, drive checkout for S seconds in 5 s
                                    windows and report the time to 90 % of warm throughput (the
                                    median of the last 3 windows); it counts as checkout's warm-up;
                                    0 for none (default 180)
              --jvm-options "..."   JVM options for the services (space-separated), after
                                    the launcher's defaults, which they can override, e.g.
                                    "-XX:TieredStopAtLevel=1"
              --start-options "..." extra JVM options for the cold starts only; {service} is
                                    replaced by the service's name, e.g. for AppCDS:
                                    "-XX:SharedArchiveFile=/tmp/cds/{service}.jsa"
              --profile             record the measured checkout runs with JFR (jcmd) in every
                                    service and summarize where the CPU samples fall
              --startup-only        only the cold starts and RSS at ready: no load, no wrk needed
              --out FILE            JSON output (default perf/target/benchmark.json)
              --home DIR            project root (default: found from this jar's location)
              --baseline DIR        another build's project root (its <service>/target jars, e.g.
                                    a worktree of an earlier commit after ./mvnw package): measured
                                    first, the same way, then this build, and the ratios printed
              --baseline-jvm-options "..."
                                    the baseline's services' JVM options instead of --jvm-options,
                                    e.g. to run it as an earlier launcher did, on the JVM's own
                                    defaults: "-XX:+UseG1GC -XX:MaxRAMPercentage=25
                                    -XX:MaxRAM=<the machine's memory> -XX:ReservedCodeCacheSize=240m"
              --java DIR[,DIR...]   JDK homes whose bin/java runs the services (default: the JVM
                                    running the benchmark); everything is measured once per JDK,
                                    one table each (and the baseline against this build per JDK);
                                    with several, each JDK's JSON is named after its directory,
                                    e.g. benchmark-temurin-25-jdk-amd64.json
            Needs wrk (Debian/Ubuntu: sudo apt-get install -y wrk; macOS: brew install wrk).
            """;

    /**
     * Reads the options of {@link #USAGE}.
     *
     * @return the options, or empty for {@code --help}
     * @throws IllegalArgumentException naming an unknown option or a value that is not a positive number
     *     (for --warmup-curve: not 0 or more)
     * @throws dev.storefront.local.StartupException naming a --java directory that is not a JDK home
     */
    static Optional<BenchmarkOptions> parse(String[] args) {
        Path home = defaultHome();
        int connections = 16;
        int warmup = 10;
        int duration = 20;
        int runs = 3;
        int starts = 5;
        int warmupCurve = 180;
        String jvmOptions = "";
        String startOptions = "";
        boolean profile = false;
        boolean startupOnly = false;
        Path out = null;
        Path baseline = null;
        String baselineJvmOptions = null;
        List<JavaRuntime> javas = List.of(JavaRuntime.current());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--connections" -> connections = positive(args[++i]);
                case "--warmup" -> warmup = positive(args[++i]);
                case "--duration" -> duration = positive(args[++i]);
                case "--runs" -> runs = positive(args[++i]);
                case "--starts" -> starts = positive(args[++i]);
                case "--warmup-curve" -> warmupCurve = notNegative(args[++i]);
                case "--jvm-options" -> jvmOptions = args[++i].trim();
                case "--start-options" -> startOptions = args[++i].trim();
                case "--profile" -> profile = true;
                case "--startup-only" -> startupOnly = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--home" -> home = Path.of(args[++i]);
                case "--baseline" -> baseline = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--baseline-jvm-options" -> baselineJvmOptions = args[++i].trim();
                case "--java" -> javas = javaHomes(args[++i]);
                case "--help", "-h" -> {
                    return Optional.empty();
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        home = home.toAbsolutePath().normalize();
        if (out == null) {
            out = home.resolve("perf").resolve("target").resolve("benchmark.json");
        }
        return Optional.of(new BenchmarkOptions(home, connections, warmup, duration, runs, starts, jvmOptions,
                startOptions, profile, startupOnly, out, baseline, javas, warmupCurve, baselineJvmOptions));
    }

    /** These options for the baseline build: its jars, its own work directory, no baseline. */
    BenchmarkOptions forBaseline() {
        return new BenchmarkOptions(baseline, connections, warmupSeconds, durationSeconds, runs, starts,
                baselineJvmOptions == null ? jvmOptions : baselineJvmOptions, startOptions, profile, startupOnly,
                workDirectory().resolve("baseline").resolve("benchmark.json"), null, javas, warmupCurveSeconds, null);
    }

    /**
     * These options for one of the JDKs: that JDK only; with several, its own JSON file and so its own
     * work directory, named after the JDK's directory ({@code benchmark-temurin-25-jdk-amd64.json});
     * with one, the names are those of a run without {@code --java}.
     */
    BenchmarkOptions forJava(JavaRuntime java) {
        Path file = javas.size() == 1 ? out : out.resolveSibling(baseName() + "-" + java.home().getFileName() + ".json");
        return new BenchmarkOptions(home, connections, warmupSeconds, durationSeconds, runs, starts, jvmOptions,
                startOptions, profile, startupOnly, file, baseline, List.of(java), warmupCurveSeconds, baselineJvmOptions);
    }

    /** The JDK of a run: the only one once {@link #forJava} chose it. */
    JavaRuntime java() {
        return javas.get(0);
    }

    /** Where the comparison with the baseline goes: {@code benchmark-comparison.json} beside the JSON. */
    Path comparisonOut() {
        return out.resolveSibling(baseName() + "-comparison.json");
    }

    /** The JVM options of one service's cold starts: the services' options and the extra ones. */
    String coldStartOptions(String service) {
        return (jvmOptions + " " + startOptions.replace("{service}", service)).trim();
    }

    /** The service's runnable jar. */
    Path jar(String service) {
        return home.resolve(service).resolve("target").resolve(service + ".jar");
    }

    /**
     * Where the benchmark's logs, wrk script and recordings go: a directory beside the JSON named
     * after it ({@code benchmark/} for {@code benchmark.json}).
     */
    Path workDirectory() {
        return out.toAbsolutePath().getParent().resolve(baseName());
    }

    /** The JSON file's name without {@code .json}. */
    private String baseName() {
        return out.getFileName().toString().replaceFirst("\\.json$", "");
    }

    /** {@code --java}'s comma-separated JDK homes, each read once; two of one directory name would share files. */
    private static List<JavaRuntime> javaHomes(String value) {
        List<JavaRuntime> javas = new ArrayList<>();
        for (String home : value.split(",")) {
            JavaRuntime java = JavaRuntime.of(Path.of(home.trim()));
            if (javas.stream().anyMatch(other -> other.home().getFileName().equals(java.home().getFileName()))) {
                throw new IllegalArgumentException("two --java homes are named " + java.home().getFileName()
                        + ": their reports would share one file name");
            }
            javas.add(java);
        }
        return List.copyOf(javas);
    }

    /** Whether the warm-up curve runs: asked for, and there is a load. */
    boolean warmupCurve() {
        return warmupCurveSeconds > 0 && !startupOnly;
    }

    /** Checkout's own warm-up: what the warm-up curve, which drove checkout already, left of {@code --warmup}. */
    int checkoutWarmupSeconds() {
        return warmupCurve() ? Math.max(0, warmupSeconds - warmupCurveSeconds) : warmupSeconds;
    }

    private static int notNegative(String value) {
        int number = Integer.parseInt(value);
        if (number < 0) {
            throw new IllegalArgumentException("expected 0 or more, not " + value);
        }
        return number;
    }

    private static int positive(String value) {
        int number = Integer.parseInt(value);
        if (number < 1) {
            throw new IllegalArgumentException("expected a positive number, not " + value);
        }
        return number;
    }

    /** perf/target/perf.jar → the project root. */
    private static Path defaultHome() {
        try {
            Path location = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent().getParent().getParent();
        } catch (URISyntaxException e) {
            return Path.of(".");
        }
    }
}
