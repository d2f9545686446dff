package dev.storefront.perf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load generator: wrk, one thread, a fixed number of connections (a closed model), with
 * {@code post.lua} posting the JSON body under a unique Idempotency-Key per request and printing
 * its numbers as one {@code WRK_JSON {...}} line.
 */
final class Wrk {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESULT_PREFIX = "WRK_JSON ";

    private final int connections;
    private final Path script;

    /**
     * @param connections wrk connections
     * @param workDirectory where the Lua script is written
     */
    Wrk(int connections, Path workDirectory) {
        this.connections = connections;
        this.script = workDirectory.resolve("post.lua");
        try (InputStream in = Wrk.class.getResourceAsStream("post.lua")) {
            if (in == null) {
                throw new IllegalStateException("resource post.lua is missing from the jar");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What {@code post.lua} prints when wrk is done: counts, and latencies in microseconds.
     *
     * @param requests requests completed
     * @param durationUs how long the run took
     * @param p50Us median latency
     * @param p90Us 90th percentile latency
     * @param p99Us 99th percentile latency
     * @param maxUs longest latency
     * @param meanUs mean latency
     * @param s200 answers 200 (an idempotent replay)
     * @param s201 answers 201 (created)
     * @param s202 answers 202 (accepted, payment pending)
     * @param non2xx answers outside 200-299
     * @param connectErrors connections that failed
     * @param readErrors reads that failed
     * @param writeErrors writes that failed
     * @param timeouts requests without an answer within wrk's timeout
     */
    record Report(long requests, long durationUs, double p50Us, double p90Us, double p99Us, double maxUs,
                  double meanUs, long s200, long s201, long s202, long non2xx, long connectErrors, long readErrors,
                  long writeErrors, long timeouts) {

        /** Reads the JSON after {@code WRK_JSON }. */
        static Report parse(String json) {
            try {
                return JSON.readValue(json, Report.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not wrk's result: " + json, e);
            }
        }
    }

    /**
     * One wrk run, in the units the benchmark reports.
     *
     * @param requestsPerSecond requests completed per second
     * @param p50Ms median latency, ms
     * @param p99Ms 99th percentile latency, ms
     * @param answered2xx answers 200, 201 or 202
     * @param non2xx answers outside 200-299
     * @param socketErrors connect, read and write errors and timeouts
     * @param accepted202 answers 202
     * @param report what wrk's script printed
     */
    record Run(double requestsPerSecond, double p50Ms, double p99Ms, long answered2xx, long non2xx,
               long socketErrors, long accepted202, Report report) {

        static Run of(Report report) {
            return new Run(report.requests() / (report.durationUs() / 1e6), report.p50Us() / 1000,
                    report.p99Us() / 1000, report.s200() + report.s201() + report.s202(), report.non2xx(),
                    report.connectErrors() + report.readErrors() + report.writeErrors() + report.timeouts(),
                    report.s202(), report);
        }
    }

    /**
     * Loads the URL for that long.
     *
     * @param keyPrefix the Idempotency-Keys' prefix, unique per run
     * @throws IllegalStateException if wrk fails or prints no result
     */
    Run run(String url, int seconds, String keyPrefix) {
        List<String> command = List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "-s", script.toString(), url, "--", keyPrefix);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk failed: " + output);
            }
            String line = output.lines().filter(l -> l.startsWith(RESULT_PREFIX)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no result from wrk: " + output));
            return Run.of(Report.parse(line.substring(RESULT_PREFIX.length())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run wrk", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether {@code wrk --version} runs. */
    static boolean installed() {
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
}
