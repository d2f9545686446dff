package dev.storefront.perf;

import java.net.URISyntaxException;
import java.nio.file.Path;
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
 */
record BenchmarkOptions(Path home, int connections, int warmupSeconds, int durationSeconds, int runs, int starts,
                        String jvmOptions, String startOptions, boolean profile, boolean startupOnly, Path out,
                        Path baseline) {

    static final String USAGE = """
            Usage: java -jar perf/target/perf.jar [options]
              --connections N       wrk connections, closed model (default 16)
              --warmup S            warm-up seconds before each load (default 10)
              --duration S          seconds of each measured run (default 20)
              --runs N              measured runs per load; the median is reported (default 3)
              --starts N            cold starts per service; the median is reported (default 5)
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
            Needs wrk (Debian/Ubuntu: sudo apt-get install -y wrk; macOS: brew install wrk).
            """;

    /**
     * Reads the options of {@link #USAGE}.
     *
     * @return the options, or empty for {@code --help}
     * @throws IllegalArgumentException naming an unknown option or a value that is not a positive number
     */
    static Optional<BenchmarkOptions> parse(String[] args) {
        Path home = defaultHome();
        int connections = 16;
        int warmup = 10;
        int duration = 20;
        int runs = 3;
        int starts = 5;
        String jvmOptions = "";
        String startOptions = "";
        boolean profile = false;
        boolean startupOnly = false;
        Path out = null;
        Path baseline = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--connections" -> connections = positive(args[++i]);
                case "--warmup" -> warmup = positive(args[++i]);
                case "--duration" -> duration = positive(args[++i]);
                case "--runs" -> runs = positive(args[++i]);
                case "--starts" -> starts = positive(args[++i]);
                case "--jvm-options" -> jvmOptions = args[++i].trim();
                case "--start-options" -> startOptions = args[++i].trim();
                case "--profile" -> profile = true;
                case "--startup-only" -> startupOnly = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--home" -> home = Path.of(args[++i]);
                case "--baseline" -> baseline = Path.of(args[++i]).toAbsolutePath().normalize();
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
                startOptions, profile, startupOnly, out, baseline));
    }

    /** These options for the baseline build: its jars, its own work directory, no baseline. */
    BenchmarkOptions forBaseline() {
        return new BenchmarkOptions(baseline, connections, warmupSeconds, durationSeconds, runs, starts, jvmOptions,
                startOptions, profile, startupOnly, workDirectory().resolve("baseline").resolve("benchmark.json"), null);
    }

    /** The JVM options of one service's cold starts: the services' options and the extra ones. */
    String coldStartOptions(String service) {
        return (jvmOptions + " " + startOptions.replace("{service}", service)).trim();
    }

    /** The service's runnable jar. */
    Path jar(String service) {
        return home.resolve(service).resolve("target").resolve(service + ".jar");
    }

    /** Where the benchmark's logs, wrk script and recordings go: {@code benchmark/} beside the JSON. */
    Path workDirectory() {
        return out.toAbsolutePath().getParent().resolve("benchmark");
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
