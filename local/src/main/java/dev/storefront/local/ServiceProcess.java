package dev.storefront.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One service running as a child JVM ({@code java -jar <service>.jar}), its output streamed line
 * by line with a {@code [name]} prefix, and, if asked, supervised: a child that exits without
 * being stopped is reported at once with its exit code and started again with exponential backoff
 * (1 s, 2 s, 4 s... at most 30 s); after {@link Supervision#maxRestarts()} exits within
 * {@link Supervision#window()} it is given up, and {@link Supervision#onGiveUp()} is told. This is
 * the one process supervisor of the project: the launcher, the benchmark and the cross-service
 * tests all start service JVMs through it. Restarts are off unless {@link #supervise} turns them
 * on, so a test that kills a child on purpose sees it stay dead.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * JVM options every service JVM started here gets before any of {@code JDK_JAVA_OPTIONS} (which
     * so can override each one): sized for a small service as on a small Fargate task, not for the
     * developer's machine, where the JVM's defaults would pick G1 and a quarter of all memory as
     * heap. The serial collector is what the JVM picks itself on fewer than 2 CPUs or less than
     * 1,792 MB (a 0.25 to 1 vCPU task); {@code MaxRAM=512m} sizes heap and direct memory as on a
     * 512 MiB task, with the image's {@code MaxRAMPercentage=75} (384 MiB of heap at most, grown as
     * needed from 8 MiB); a 64 MiB code cache (warm services use 22 to 28 MiB; the default
     * reserves 240 MiB); and the process exits on an OutOfMemoryError rather than limp on, as the
     * image's does, so that the launcher restarts it; and, as in the image, the JVM gives freed
     * native memory back to the OS every 5 s ({@code TrimNativeHeapInterval}, JDK 17.0.9 and
     * 21.0.1 on): glibc keeps what the JIT compilers' arenas and other native allocations freed;
     * after 150 s of checkout load the services' RSS was 174/216/201 MiB without it and
     * 153/195/190 MiB with it (frontend/orders/payments, same throughput). Thread stacks keep the
     * default size: their pages are committed only as they are touched (4 to 5 MiB for a service's
     * 40 to 47 threads, by Native Memory Tracking), so a smaller {@code -Xss} would save address
     * space, not memory (docs/environments.md). {@code JDK_JAVA_OPTIONS} comes after these ({@link #jvmOptions}).
     */
    public static final String DEFAULT_JVM_OPTIONS = "-XX:+UseSerialGC -XX:MaxRAM=512m -XX:MaxRAMPercentage=75"
            + " -XX:ReservedCodeCacheSize=64m -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=5000";

    /** An option that chooses the garbage collector, e.g. {@code -XX:+UseG1GC}. */
    private static final Pattern CHOOSES_GC = Pattern.compile("-XX:\\+Use\\w+GC\\b");

    /**
     * How long a training start may take to be live, then to serve its requests, then to write its
     * archive and exit.
     */
    private static final Duration TRAINING_TIMEOUT = Duration.ofSeconds(120);

    /**
     * How long a live training start is given to be ready (its dependencies answering) before it is
     * trained anyway.
     */
    private static final Duration TRAINING_READINESS_WAIT = Duration.ofSeconds(30);

    /** Longest wait between two restarts. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /**
     * How a child is supervised.
     *
     * @param maxRestarts restarts allowed within {@code window}; one more exit and it is given up
     * @param window the period over which exits are counted
     * @param onGiveUp called (on the supervisor's thread) when the child keeps dying
     */
    public record Supervision(int maxRestarts, Duration window, Consumer<ServiceProcess> onGiveUp) {
    }

    private final String name;
    private final Path jar;
    private final JavaRuntime java;
    private final StartupArchive archives;
    private final int port;
    private final ProcessBuilder builder;
    private final PrintStream out;
    private final Path logFile;
    private final Deque<String> recentLines = new ArrayDeque<>();
    private final List<Instant> exits = new ArrayList<>();
    private final ScheduledExecutorService supervisor;
    private volatile Process process;
    private volatile boolean consoleOutput;
    private volatile boolean stopping;
    private volatile Supervision supervision;
    private volatile boolean startedFromArchive;

    private ServiceProcess(String name, Path jar, int port, ProcessBuilder builder, PrintStream out, Path logFile,
                           boolean consoleOutput, JavaRuntime java, StartupArchive archives) {
        this.name = name;
        this.jar = jar;
        this.java = java;
        this.archives = archives;
        this.port = port;
        this.builder = builder;
        this.out = out;
        this.logFile = logFile;
        this.consoleOutput = consoleOutput;
        this.supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name + "-supervisor");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The JVM options of a service: {@link #DEFAULT_JVM_OPTIONS}, then the given ones, which win
     * where both set an option. The JVM refuses two garbage collectors, so a given
     * {@code -XX:+Use...GC} replaces the default's serial collector rather than follow it.
     *
     * @param given options from {@code JDK_JAVA_OPTIONS}, space-separated; null or blank for none
     */
    public static String jvmOptions(String given) {
        if (given == null || given.isBlank()) {
            return DEFAULT_JVM_OPTIONS;
        }
        String defaults = CHOOSES_GC.matcher(given).find()
                ? DEFAULT_JVM_OPTIONS.replace("-XX:+UseSerialGC ", "") : DEFAULT_JVM_OPTIONS;
        return defaults + " " + given.trim();
    }

    /**
     * Starts {@code java -jar jar}, {@code java} of this JVM's runtime, with the given environment
     * added to this one's (JVM options go in {@code JDK_JAVA_OPTIONS}, after
     * {@link #DEFAULT_JVM_OPTIONS}); its output goes to {@code out}, prefixed. Not supervised.
     *
     * @param name service name, used as the log prefix
     * @param jar the service's runnable jar
     * @param port the port it listens on (MICRONAUT_SERVER_PORT)
     * @param environment the service's configuration (docs/configuration.md)
     * @param out where its log lines go, prefixed
     * @throws UncheckedIOException if the JVM cannot be started
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment,
                                       PrintStream out) {
        return start(name, jar, port, environment, out, null, true, JavaRuntime.current(), null);
    }

    /**
     * As {@link #start(String, Path, int, Map, PrintStream)}, and every output line is also
     * appended to {@code logFile}; with {@code consoleOutput} false, lines reach {@code out} only
     * after {@link #showOutput()} (the launcher's first screen shows progress, not logs; the
     * benchmark's cold starts keep theirs in files).
     *
     * @param logFile the child's log file, appended to across restarts; null for none
     * @param consoleOutput whether lines go to {@code out} from the start
     * @param java the runtime whose {@code bin/java} runs the service (and its training start)
     * @param archives where the jar's start-up archive is kept ({@link StartupArchive}): a start
     *     first records it with a short training start if there is none, then maps it; null for none
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment,
                                       PrintStream out, Path logFile, boolean consoleOutput, JavaRuntime java,
                                       StartupArchive archives) {
        ProcessBuilder builder = new ProcessBuilder().redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        builder.environment().put("JDK_JAVA_OPTIONS", jvmOptions(builder.environment().get("JDK_JAVA_OPTIONS")));
        ServiceProcess service = new ServiceProcess(name, jar, port, builder, out, logFile, consoleOutput, java,
                archives);
        service.launch();
        return service;
    }

    private synchronized void launch() {
        if (stopping) {
            throw new IllegalStateException(name + " is stopped");
        }
        recordArchiveIfMissing();
        List<String> command = new ArrayList<>();
        command.add(java.executable().toString());
        command.addAll(archives == null ? List.of() : archives.useOptions(jar, java));
        command.add("-jar");
        command.add(jar.toString());
        Process started;
        try {
            started = builder.command(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        process = started;
        startedFromArchive = command.size() > 3;
        Thread pump = new Thread(() -> pump(started), name + "-log");
        pump.setDaemon(true);
        pump.start();
        started.onExit().thenAccept(this::exited);
    }

    /**
     * Records the jar's start-up archive if it has none: a training start on a free port with no
     * drain delay, which serves the {@link TrainingRequests} once it is ready (or after
     * {@link #TRAINING_READINESS_WAIT}) and is then stopped; its output goes to the log file only.
     * Any failure leaves the service to start without an archive (the next start tries again).
     */
    private void recordArchiveIfMissing() {
        if (archives == null || archives.exists(jar, java)) {
            return;
        }
        StartupArchive.Recording recording = archives.record(jar, java);
        List<String> command = new ArrayList<>(List.of(java.executable().toString()));
        command.addAll(recording.jvmOptions());
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder training = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        training.environment().putAll(builder.environment());
        int port = freePort();
        training.environment().put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        training.environment().put("DRAIN_DELAY", "0s");
        training.environment().put("SHUTDOWN_GRACE_PERIOD", "1s");
        long began = System.nanoTime();
        Process trainee = null;
        try {
            trainee = training.start();
            Process running = trainee;
            URI base = URI.create("http://127.0.0.1:" + port);
            if (answers200(running, base.resolve("/health/liveness"), TRAINING_TIMEOUT, Duration.ofMillis(100))) {
                // Not ready within the wait (a dependency down): the requests still train the error paths.
                answers200(running, base.resolve("/health/readiness"), TRAINING_READINESS_WAIT,
                        Duration.ofMillis(100));
                record("storefront-local: " + name + ": training requests (first round): "
                        + String.join(", ", TrainingRequests.send(base, Instant.now().plus(TRAINING_TIMEOUT))));
            }
            running.toHandle().destroy();
            if (!running.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                running.destroyForcibly();
            }
        } catch (IOException | RuntimeException e) {
            if (trainee != null) {
                trainee.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            trainee.destroyForcibly();
        }
        boolean published = recording.publish();
        record("storefront-local: " + name + ": start-up archive " + (published ? "recorded, " + recording.archive() : "not recorded")
                + " (" + (System.nanoTime() - began) / 1_000_000 + " ms)");
    }

    /**
     * A port on 127.0.0.1 that nothing listens on now (the OS picks it).
     *
     * @throws StartupException if no socket can be opened
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StartupException("no free port: " + e.getMessage());
        }
    }

    private void pump(Process source) {
        String prefix = String.format("[%-10s] ", name);
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                record(line);
                if (consoleOutput) {
                    synchronized (out) {
                        out.println(prefix + line);
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended and closed its output
        }
    }

    private void record(String line) {
        synchronized (recentLines) {
            recentLines.addLast(line);
            if (recentLines.size() > 40) {
                recentLines.removeFirst();
            }
        }
        if (logFile != null) {
            try {
                Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                // the log file is a convenience; the console and the recent lines still have the line
            }
        }
    }

    /**
     * Supervises this child from now on: an exit not caused by {@link #stop} is logged at once and
     * followed by a restart with backoff.
     */
    public void supervise(Supervision supervision) {
        this.supervision = supervision;
    }

    /** Stops supervising: the next exit is final, as a test that kills a child on purpose needs. */
    public void unsupervise() {
        this.supervision = null;
    }

    /** From now on, output lines also go to the console, prefixed. */
    public void showOutput() {
        consoleOutput = true;
    }

    /** The last lines the child printed (at most 40), oldest first. */
    public List<String> recentOutput() {
        synchronized (recentLines) {
            return List.copyOf(recentLines);
        }
    }

    /** Whether the current JVM started from an existing start-up archive (else it records one, or has none). */
    public boolean startedFromArchive() {
        return startedFromArchive;
    }

    /** The child's log file, if it has one. */
    public Optional<Path> logFile() {
        return Optional.ofNullable(logFile);
    }

    private void exited(Process ended) {
        if (stopping || ended != process) {
            return;
        }
        Supervision current = supervision;
        synchronized (out) {
            out.println("storefront-local: " + name + " exited with code " + ended.exitValue()
                    + (current == null ? "" : "; restarting"));
        }
        if (current == null) {
            return;
        }
        Instant now = Instant.now();
        int recent;
        synchronized (exits) {
            exits.add(now);
            exits.removeIf(exit -> exit.isBefore(now.minus(current.window())));
            recent = exits.size();
        }
        if (recent > current.maxRestarts()) {
            synchronized (out) {
                out.println("storefront-local: " + name + " exited " + recent + " times within "
                        + current.window().toSeconds() + " s; giving up. Its last lines:");
                recentOutput().stream().skip(Math.max(0, recentOutput().size() - 15))
                        .forEach(line -> out.println("  " + line));
            }
            current.onGiveUp().accept(this);
            return;
        }
        Duration backoff = Duration.ofSeconds(1L << Math.min(recent - 1, 5));
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
            backoff = MAX_BACKOFF;
        }
        Duration delay = backoff;
        synchronized (out) {
            out.println("storefront-local: restarting " + name + " in " + delay.toSeconds() + " s (restart " + recent
                    + " of at most " + current.maxRestarts() + " within " + current.window().toSeconds() + " s)");
        }
        supervisor.schedule(this::restartAfterExit, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restartAfterExit() {
        if (stopping || supervision == null) {
            return;
        }
        try {
            launch();
            awaitReady(Duration.ofSeconds(120));
            synchronized (out) {
                out.println("storefront-local: " + name + " is ready again (pid " + pid() + ")");
            }
        } catch (RuntimeException e) {
            // An exit during startup is reported by exited(), which schedules the next attempt.
            if (!stopping && process.isAlive()) {
                synchronized (out) {
                    out.println("storefront-local: " + name + " restarted but is not ready: " + e.getMessage());
                }
            }
        }
    }

    /** Service name. */
    public String name() {
        return name;
    }

    /** Port it listens on. */
    public int port() {
        return port;
    }

    /** Base URL, {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The child's process id (a new one after a restart). */
    public long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Polls {@code /health/readiness} every 100 ms until it answers 200.
     *
     * @param timeout how long to wait at most
     * @throws StartupException if the process exits first or the timeout passes
     */
    public void awaitReady(Duration timeout) {
        awaitReady(timeout, Duration.ofMillis(100));
    }

    /**
     * Polls {@code /health/readiness} until it answers 200; a short interval for when the moment
     * of readiness is what is measured (the benchmark's cold starts poll every 10 ms).
     *
     * @param timeout how long to wait at most
     * @param interval the pause between two polls
     * @throws StartupException if the process exits first or the timeout passes
     */
    public void awaitReady(Duration timeout, Duration interval) {
        Process watched = process;
        boolean ready;
        try {
            ready = answers200(watched, URI.create(url() + "/health/readiness"), timeout, interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while waiting for " + name);
        }
        if (ready) {
            return;
        }
        if (!watched.isAlive()) {
            String where = logFile == null ? "its log is above" : "its log is " + logFile;
            throw new StartupException(name + " exited with code " + watched.exitValue()
                    + " during startup; " + where + lastLines());
        }
        throw new StartupException(name + " was not ready within " + timeout.toSeconds() + " s");
    }

    /**
     * Polls {@code uri} every {@code interval} until it answers 200 (true), or the process exits or
     * {@code timeout} passes (false).
     */
    private static boolean answers200(Process process, URI uri, Duration timeout, Duration interval)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
        while (process.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYetListening) {
                // not listening yet: poll again
            }
            process.waitFor(interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return false;
    }

    /** When the output is not on the console: its last lines, to say why it died. */
    private String lastLines() {
        if (consoleOutput) {
            return "";
        }
        List<String> lines = recentOutput();
        return "; its last lines:" + System.lineSeparator() + String.join(System.lineSeparator(),
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).stream().map(l -> "  " + l).toList());
    }

    /**
     * Sends SIGTERM and waits for the process to exit; after {@code timeout}, SIGKILL. A stopped
     * child is never restarted.
     *
     * @return the exit code, or empty if it had to be killed
     */
    public Optional<Integer> stop(Duration timeout) {
        Process current;
        synchronized (this) {
            stopping = true;
            current = process;
        }
        supervisor.shutdownNow();
        if (!current.isAlive()) {
            return Optional.of(current.exitValue());
        }
        // ProcessHandle.destroy() sends SIGTERM like Process.destroy(), but leaves the output pipe open, so
        // the service's shutdown log still reaches the terminal.
        current.toHandle().destroy();
        try {
            if (current.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of(current.exitValue());
            }
            current.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
        return Optional.empty();
    }

    /** Kills the process at once (SIGKILL), for exits where no orderly stop is possible; never restarted. */
    void kill() {
        synchronized (this) {
            stopping = true;
        }
        supervisor.shutdownNow();
        process.destroyForcibly();
    }
}
