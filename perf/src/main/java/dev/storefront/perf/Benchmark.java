package dev.storefront.perf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The benchmark command: {@code java -jar perf/target/perf.jar [options]}. It starts the embedded
 * stack fresh, measures, prints a table and writes the numbers as JSON
 * ({@code perf/target/benchmark.json}):
 * <ul>
 *   <li>per service: startup to the first {@code /health/readiness} 200 (ms, median of N cold
 *       starts of an extra instance with the stack's own environment), RSS at ready and after the
 *       load (MiB, VmRSS of /proc/PID/status);</li>
 *   <li>checkout through frontend, then {@code POST /orders} straight to orders (payments
 *       running), each in a closed model (wrk, one thread, 16 connections, a unique
 *       Idempotency-Key per request): a warm-up, then N measured runs; requests/s, p50, p99 and
 *       non-2xx answers, the median of the runs;</li>
 *   <li>CPU seconds (utime + stime of /proc/PID/stat) per 1,000 answered requests, for each
 *       service JVM, PostgreSQL (all its processes) and the stack host JVM, which runs DynamoDB
 *       Local (and relays the services' log lines).</li>
 * </ul>
 * Exit codes: 0 done, 1 failed, 2 usage or wrk missing.
 */
public final class Benchmark {

    private static final String USAGE = """
            Usage: java -jar perf/target/perf.jar [options]
              --connections N       wrk connections, closed model (default 16)
              --warmup S            warm-up seconds before each load (default 10)
              --duration S          seconds of each measured run (default 20)
              --runs N              measured runs per load; the median is reported (default 3)
              --starts N            cold starts per service; the median is reported (default 5)
              --jvm-options "..."   JVM options for the services (space-separated), e.g.
                                    "-XX:+UseSerialGC -XX:MaxRAMPercentage=75"
              --start-options "..." extra JVM options for the cold starts only; {service} is
                                    replaced by the service's name, e.g. for AppCDS:
                                    "-XX:SharedArchiveFile=/tmp/cds/{service}.jsa"
              --profile             record the measured checkout runs with JFR (jcmd) in every
                                    service and summarize where the CPU samples fall
              --startup-only        only the cold starts and RSS at ready: no load, no wrk needed
              --out FILE            JSON output (default perf/target/benchmark.json)
              --home DIR            project root (default: found from this jar's location)
            Needs wrk (Debian/Ubuntu: sudo apt-get install -y wrk; macOS: brew install wrk).
            """;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final String CHECKOUT_BODY =
            "{\"customerEmail\":\"bench@example.com\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2},"
                    + "{\"sku\":\"SKU-7\",\"quantity\":1}]}";
    /** What is measured for CPU, in table order. */
    private static final List<String> CPU_PARTS = List.of("frontend", "orders", "payments", "postgresql",
            "dynamodbLocalHost");

    /** Command-line options. */
    record Options(Path home, int connections, int warmupSeconds, int durationSeconds, int runs, int starts,
                   String jvmOptions, String startOptions, boolean profile, boolean startupOnly, Path out) {
    }

    /** One wrk run: the numbers its script printed. */
    record WrkRun(double requestsPerSecond, double p50Ms, double p99Ms, long answered2xx, long non2xx,
                  long socketErrors, long accepted202, Map<String, Double> raw) {
    }

    private final Options options;
    private final Path work;

    private Benchmark(Options options) {
        this.options = options;
        this.work = options.out().toAbsolutePath().getParent().resolve("benchmark");
    }

    /**
     * Runs the benchmark with the options of the usage text.
     *
     * @param args the options
     */
    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (RuntimeException e) {
            System.err.println("benchmark: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        if (!options.startupOnly() && !wrkInstalled()) {
            System.err.println("""
                    benchmark: wrk is not installed. It is the load generator (one thread, a fixed number of
                    connections, a Lua script for the POST bodies). Install it and run again:
                      Debian/Ubuntu: sudo apt-get install -y wrk
                      macOS:         brew install wrk
                    (or run with --startup-only for startup and memory alone)""");
            System.exit(2);
        }
        try {
            new Benchmark(options).run();
            System.exit(0);
        } catch (RuntimeException e) {
            System.err.println("benchmark failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    private void run() {
        createDirectories(work);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        result.put("machine", machine());
        result.put("jvm", jvm());
        result.put("settings", settings());
        System.out.println(header(result));
        System.out.println("Starting the embedded stack (log: " + work.resolve("stack.log") + ")...");

        Map<String, Object> services = new LinkedHashMap<>();
        try (EmbeddedStack stack = EmbeddedStack.start(classpath(), options.home(), 0, options.jvmOptions(),
                work.resolve("stack.log"))) {
            for (String service : EmbeddedStack.SERVICES) {
                Map<String, Object> numbers = new LinkedHashMap<>();
                numbers.put("rssAtReadyMiB", Proc.rssMiB(stack.pid(service)));
                services.put(service, numbers);
            }
            for (String service : EmbeddedStack.SERVICES) {
                System.out.printf("Cold starts of %s (%d)...%n", service, options.starts());
                @SuppressWarnings("unchecked")
                Map<String, Object> numbers = (Map<String, Object>) services.get(service);
                numbers.putAll(coldStarts(stack, service));
            }
            if (!options.startupOnly()) {
                result.put("checkoutViaFrontend",
                        load("checkout via frontend", stack, stack.url("frontend") + "/api/checkout", options.profile()));
                result.put("ordersAlone", load("orders alone", stack, stack.url("orders") + "/orders", false));
                for (String service : EmbeddedStack.SERVICES) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> numbers = (Map<String, Object>) services.get(service);
                    numbers.put("rssAfterLoadMiB", Proc.rssMiB(stack.pid(service)));
                }
                result.put("postgresqlRssAfterLoadMiB", Proc.postgresProcesses(stack.postgresPort()).stream()
                        .mapToDouble(Proc::rssMiB).sum());
                result.put("dynamodbLocalHostRssAfterLoadMiB", Proc.rssMiB(stack.hostPid()));
            }
        }
        result.put("services", services);
        result.put("loadAverageAtEnd", Proc.loadAverage());
        writeString(options.out(), Json.write(result));
        System.out.println();
        System.out.println(table(result));
        System.out.println("JSON: " + options.out());
    }

    // ---- startup -----------------------------------------------------------------------------

    /**
     * Starts an extra instance of the service N times, with exactly the environment the stack gave
     * its own instance (from /proc/PID/environ) on a free port, and times it to readiness 200.
     */
    private Map<String, Object> coldStarts(EmbeddedStack stack, String service) {
        Map<String, String> environment = new LinkedHashMap<>(Proc.environment(stack.pid(service)));
        environment.remove("JDK_JAVA_OPTIONS");
        // A probe serves nothing: no drain when it is stopped.
        environment.put("DRAIN_DELAY", "0s");
        environment.put("SHUTDOWN_GRACE_PERIOD", "1s");
        Path jar = options.home().resolve(service).resolve("target").resolve(service + ".jar");
        List<Double> millis = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        for (int i = 1; i <= options.starts(); i++) {
            double[] probe = coldStart(service, jar, environment, work.resolve("start-" + service + "-" + i + ".log"));
            millis.add(probe[0]);
            rss.add(probe[1]);
        }
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("startupMs", median(millis));
        numbers.put("startupMsEach", millis);
        numbers.put("rssAtReadyOfColdStartsMiB", median(rss));
        return numbers;
    }

    /** One cold start: {milliseconds to readiness 200, RSS MiB at that moment}. */
    private double[] coldStart(String service, Path jar, Map<String, String> environment, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptionList());
        if (!options.startOptions().isBlank()) {
            command.addAll(Arrays.asList(options.startOptions().replace("{service}", service).split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + service, e);
        }
        try {
            long deadline = started + STARTUP_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(service + " exited during startup with code "
                            + process.exitValue() + "; its log: " + log);
                }
                try {
                    if (HTTP.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        double ms = (System.nanoTime() - started) / 1e6;
                        return new double[] {ms, Proc.rssMiB(process.pid())};
                    }
                } catch (IOException notListeningYet) {
                    // poll again
                }
                Thread.sleep(10);
            }
            throw new IllegalStateException(service + " was not ready within " + STARTUP_TIMEOUT.toSeconds()
                    + " s; its log: " + log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            stop(process);
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    // ---- load ---------------------------------------------------------------------------------

    /** A warm-up, then the measured runs, with CPU of every part around each run. */
    private Map<String, Object> load(String name, EmbeddedStack stack, String url, boolean profile) {
        Path script = work.resolve("post.lua");
        copyResource("post.lua", script);
        String runId = Long.toString(System.currentTimeMillis(), 36);
        System.out.printf("%s: warm-up %d s...%n", name, options.warmupSeconds());
        wrk(script, url, options.warmupSeconds(), runId + "-warm");
        if (profile) {
            EmbeddedStack.SERVICES.forEach(service -> Profiles.start(stack.pid(service)));
        }
        List<WrkRun> runs = new ArrayList<>();
        List<Map<String, Double>> cpuPer1000 = new ArrayList<>();
        long answeredDuringRecording = 0;
        for (int i = 1; i <= options.runs(); i++) {
            System.out.printf("%s: run %d of %d, %d s...%n", name, i, options.runs(), options.durationSeconds());
            Map<String, Double> before = cpu(stack);
            WrkRun run = wrk(script, url, options.durationSeconds(), runId + "-" + i);
            Map<String, Double> after = cpu(stack);
            runs.add(run);
            answeredDuringRecording += run.answered2xx();
            Map<String, Double> perThousand = new LinkedHashMap<>();
            for (String part : CPU_PARTS) {
                perThousand.put(part, (after.get(part) - before.get(part)) * 1000.0 / Math.max(1, run.answered2xx()));
            }
            cpuPer1000.add(perThousand);
            System.out.printf("  %.0f req/s, p50 %.1f ms, p99 %.1f ms, non-2xx %d, socket errors %d%n",
                    run.requestsPerSecond(), run.p50Ms(), run.p99Ms(), run.non2xx(), run.socketErrors());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("url", url);
        result.put("requestsPerSecond", median(runs, WrkRun::requestsPerSecond));
        result.put("p50Ms", median(runs, WrkRun::p50Ms));
        result.put("p99Ms", median(runs, WrkRun::p99Ms));
        result.put("non2xx", median(runs, r -> (double) r.non2xx()));
        result.put("socketErrors", median(runs, r -> (double) r.socketErrors()));
        result.put("accepted202", median(runs, r -> (double) r.accepted202()));
        Map<String, Object> cpu = new LinkedHashMap<>();
        for (String part : CPU_PARTS) {
            cpu.put(part, median(cpuPer1000.stream().map(m -> m.get(part)).toList()));
        }
        cpu.put("total", median(cpuPer1000.stream()
                .map(m -> m.values().stream().mapToDouble(Double::doubleValue).sum()).toList()));
        result.put("cpuSecondsPer1000", cpu);
        result.put("requestsPerSecondEach", runs.stream().map(WrkRun::requestsPerSecond).toList());
        result.put("cpuSecondsPer1000Each", cpuPer1000);
        result.put("runs", runs.stream().map(WrkRun::raw).toList());
        if (profile) {
            Map<String, Object> profiles = new LinkedHashMap<>();
            for (String service : EmbeddedStack.SERVICES) {
                Path file = work.resolve(service + ".jfr");
                Profiles.dumpAndStop(stack.pid(service), file);
                profiles.put(service, Profiles.summarize(file, answeredDuringRecording / 1000.0));
            }
            result.put("profile", profiles);
            writeString(work.resolve("profile.json"), Json.write(profiles));
            System.out.println("Profile summary: " + work.resolve("profile.json") + "; recordings: " + work
                    + "/*.jfr (jfr print --events jdk.ExecutionSample FILE)");
        }
        return result;
    }

    /** CPU seconds used so far by each part of the stack. */
    private static Map<String, Double> cpu(EmbeddedStack stack) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (String service : EmbeddedStack.SERVICES) {
            cpu.put(service, Proc.cpuSeconds(stack.pid(service)));
        }
        List<Long> postgres = Proc.postgresProcesses(stack.postgresPort());
        double postgresCpu = postgres.stream().mapToDouble(Proc::cpuSeconds).sum();
        if (!postgres.isEmpty()) {
            // Backends that exited between two readings are counted in the postmaster's children's time.
            postgresCpu += Proc.reapedChildrenCpuSeconds(postgres.get(0));
        }
        cpu.put("postgresql", postgresCpu);
        cpu.put("dynamodbLocalHost", Proc.cpuSeconds(stack.hostPid()));
        return cpu;
    }

    private WrkRun wrk(Path script, String url, int seconds, String keyPrefix) {
        List<String> command = List.of("wrk", "-t1", "-c" + options.connections(), "-d" + seconds + "s",
                "--timeout", "10s", "-s", script.toString(), url, "--", keyPrefix);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk failed: " + output);
            }
            String line = output.lines().filter(l -> l.startsWith("WRK_JSON ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no result from wrk: " + output));
            Map<String, Double> raw = Json.readFlatNumbers(line.substring("WRK_JSON ".length()));
            long answered = (long) (raw.get("s200") + raw.get("s201") + raw.get("s202"));
            long socketErrors = (long) (raw.get("connectErrors") + raw.get("readErrors") + raw.get("writeErrors")
                    + raw.get("timeouts"));
            return new WrkRun(raw.get("requests") / (raw.get("durationUs") / 1e6), raw.get("p50Us") / 1000,
                    raw.get("p99Us") / 1000, answered, raw.get("non2xx").longValue(), socketErrors,
                    raw.get("s202").longValue(), raw);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run wrk", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean wrkInstalled() {
        try {
            Process process = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            process.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- header and table ------------------------------------------------------------------------

    private Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", Proc.cpuModel());
        machine.put("memoryGiB", memoryGiB());
        machine.put("loadAverageAtStart", Proc.loadAverage());
        return machine;
    }

    /** The services' JVM: version and the heap and GC settings in force with the options given. */
    private Map<String, Object> jvm() {
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("java", javaExecutable());
        jvm.put("version", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        jvm.put("options", options.jvmOptions().isBlank() ? "(none: JVM defaults)" : options.jvmOptions());
        if (!options.startOptions().isBlank()) {
            jvm.put("coldStartExtraOptions", options.startOptions());
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptionList());
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Map<String, String> flags = new LinkedHashMap<>();
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            for (String line : new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList()) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length >= 4 && fields[2].equals("=")) {
                    flags.put(fields[1], fields[3]);
                }
            }
            process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jvm.put("gc", List.of("UseSerialGC", "UseParallelGC", "UseG1GC", "UseZGC", "UseShenandoahGC").stream()
                .filter(gc -> "true".equals(flags.get(gc))).map(gc -> gc.substring(3)).findFirst().orElse("?"));
        jvm.put("maxHeapMiB", Long.parseLong(flags.getOrDefault("MaxHeapSize", "0")) / (1024 * 1024));
        jvm.put("initialHeapMiB", Long.parseLong(flags.getOrDefault("InitialHeapSize", "0")) / (1024 * 1024));
        jvm.put("maxRAMPercentage", flags.getOrDefault("MaxRAMPercentage", "?"));
        return jvm;
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("loadGenerator", "wrk, 1 thread, closed model");
        settings.put("connections", options.connections());
        settings.put("warmupSeconds", options.warmupSeconds());
        settings.put("durationSeconds", options.durationSeconds());
        settings.put("runs", options.runs());
        settings.put("coldStarts", options.starts());
        settings.put("coldStartExtraOptions", options.startOptions());
        settings.put("checkoutBody", CHECKOUT_BODY);
        settings.put("cpuOfDynamodbLocal", "the stack host JVM (perf StackHost: EmbeddedStorefront with DynamoDB Local in"
                + " process, relaying the services' log lines), not the benchmark's own JVM");
        return settings;
    }

    @SuppressWarnings("unchecked")
    private String header(Map<String, Object> result) {
        Map<String, Object> machine = (Map<String, Object>) result.get("machine");
        Map<String, Object> jvm = (Map<String, Object>) result.get("jvm");
        return String.format("""
                Storefront benchmark, %s
                  machine  %s cores (%s), %s GiB; load average at start %s
                  JVM      %s; service options: %s%s
                           GC %s, max heap %s MiB (MaxRAMPercentage %s), initial heap %s MiB
                  load     wrk, 1 thread, %d connections (closed model), warm-up %d s, then %d x %d s: medians
                """, result.get("date"), machine.get("cores"), machine.get("cpu"), machine.get("memoryGiB"),
                machine.get("loadAverageAtStart"), jvm.get("version"), jvm.get("options"),
                options.startOptions().isBlank() ? "" : "; cold starts also: " + options.startOptions(), jvm.get("gc"),
                jvm.get("maxHeapMiB"), jvm.get("maxRAMPercentage"), jvm.get("initialHeapMiB"), options.connections(),
                options.warmupSeconds(), options.runs(), options.durationSeconds());
    }

    @SuppressWarnings("unchecked")
    private String table(Map<String, Object> result) {
        StringBuilder out = new StringBuilder(header(result)).append('\n');
        Map<String, Object> services = (Map<String, Object>) result.get("services");
        out.append(String.format("%-10s %14s %14s %16s%n", "service", "startup ms", "RSS ready MiB",
                "RSS after load"));
        for (String service : EmbeddedStack.SERVICES) {
            Map<String, Object> numbers = (Map<String, Object>) services.get(service);
            out.append(String.format("%-10s %14.0f %14.0f %16s%n", service, (Double) numbers.get("startupMs"),
                    (Double) numbers.get("rssAtReadyMiB"), numbers.containsKey("rssAfterLoadMiB")
                            ? String.format("%.0f", (Double) numbers.get("rssAfterLoadMiB")) : "-"));
        }
        out.append(String.format("(startup: median of %d cold starts to the first /health/readiness 200)%n",
                options.starts()));
        if (!result.containsKey("checkoutViaFrontend")) {
            return out.toString();
        }
        out.append(String.format("%n%-24s %9s %8s %8s %8s%n", "load (closed, " + options.connections() + " conn)",
                "req/s", "p50 ms", "p99 ms", "non-2xx"));
        for (String load : List.of("checkoutViaFrontend", "ordersAlone")) {
            Map<String, Object> numbers = (Map<String, Object>) result.get(load);
            out.append(String.format("%-24s %9.0f %8.1f %8.1f %8.0f%n", label(load),
                    (Double) numbers.get("requestsPerSecond"), (Double) numbers.get("p50Ms"),
                    (Double) numbers.get("p99Ms"), (Double) numbers.get("non2xx")));
        }
        out.append(String.format("%n%-24s %9s %8s %9s %11s %15s %7s%n", "CPU s per 1,000", "frontend", "orders",
                "payments", "PostgreSQL", "DynamoDB Local*", "total"));
        for (String load : List.of("checkoutViaFrontend", "ordersAlone")) {
            Map<String, Object> cpu = (Map<String, Object>) ((Map<String, Object>) result.get(load))
                    .get("cpuSecondsPer1000");
            out.append(String.format("%-24s %9.2f %8.2f %9.2f %11.2f %15.2f %7.2f%n", label(load),
                    (Double) cpu.get("frontend"), (Double) cpu.get("orders"), (Double) cpu.get("payments"),
                    (Double) cpu.get("postgresql"), (Double) cpu.get("dynamodbLocalHost"), (Double) cpu.get("total")));
        }
        out.append("* DynamoDB Local runs inside the stack host JVM, which also relays the services' log lines;\n"
                + "  its CPU is that whole JVM's. PostgreSQL: the postmaster and all its processes.\n");
        out.append(String.format("after load: PostgreSQL RSS %.0f MiB (sum over its processes, shared memory counted"
                        + " in each), DynamoDB Local host JVM RSS %.0f MiB%n",
                (Double) result.get("postgresqlRssAfterLoadMiB"), (Double) result.get("dynamodbLocalHostRssAfterLoadMiB")));
        out.append("load average at end: ").append(result.get("loadAverageAtEnd")).append('\n');
        return out.toString();
    }

    private static String label(String load) {
        return load.equals("checkoutViaFrontend") ? "checkout via frontend" : "POST /orders (orders)";
    }

    // ---- small helpers ---------------------------------------------------------------------------

    private static Options parse(String[] args) {
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
                case "--help", "-h" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        home = home.toAbsolutePath().normalize();
        if (out == null) {
            out = home.resolve("perf").resolve("target").resolve("benchmark.json");
        }
        return new Options(home, connections, warmup, duration, runs, starts, jvmOptions, startOptions, profile, startupOnly, out);
    }

    private static int positive(String value) {
        int number = Integer.parseInt(value);
        if (number < 1) {
            throw new IllegalArgumentException("expected a positive number, not " + value);
        }
        return number;
    }

    private List<String> jvmOptionList() {
        return options.jvmOptions().isBlank() ? List.of() : Arrays.asList(options.jvmOptions().split("\\s+"));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This jar (its manifest names lib/), or the classes directory when run from an IDE. */
    private static String classpath() {
        return System.getProperty("java.class.path");
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

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double median(List<WrkRun> runs, Function<WrkRun, Double> metric) {
        return median(runs.stream().map(metric).toList());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long memoryGiB() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / (1024 * 1024)).findFirst().orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void copyResource(String name, Path target) {
        try (InputStream in = Benchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the jar");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
