package dev.storefront.perf;

import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run measured, as written to {@code benchmark.json}. The load numbers
 * are null (left out of the JSON) with {@code --startup-only}.
 *
 * @param date when it started, UTC, to the second
 * @param machine where it ran
 * @param jvm the services' JVM and its settings
 * @param settings how it was run
 * @param checkoutWarmupCurve checkout on the fresh stack, window by window, and the time to 90 % of
 *     warm throughput; null without {@code --warmup-curve}
 * @param checkoutViaFrontend {@code POST /api/checkout} through frontend
 * @param ordersAlone {@code POST /orders} straight to orders (payments running)
 * @param postgresqlRssAfterLoadMiB PostgreSQL's RSS after the loads, summed over its processes, MiB
 * @param dynamodbLocalHostRssAfterLoadMiB RSS of the JVM that runs DynamoDB Local after the loads, MiB
 * @param services per service, in {@link PerfStack#SERVICES} order
 * @param loadAverageAtEnd load averages over 1, 5 and 15 minutes at the end
 */
record BenchmarkReport(String date, Machine machine, ServiceJvm jvm, Settings settings,
                       WarmupCurve.Result checkoutWarmupCurve, LoadTest.Result checkoutViaFrontend, LoadTest.Result ordersAlone,
                       Double postgresqlRssAfterLoadMiB, Double dynamodbLocalHostRssAfterLoadMiB,
                       Map<String, ServiceNumbers> services, String loadAverageAtEnd) {

    /** The body of every benchmark checkout. */
    static final String CHECKOUT_BODY =
            "{\"customerEmail\":\"bench@example.com\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2},"
                    + "{\"sku\":\"SKU-7\",\"quantity\":1}]}";

    /**
     * How the benchmark was run.
     *
     * @param loadGenerator what generated the load
     * @param connections wrk connections
     * @param warmupSeconds warm-up before each load, s; checkout's is less the warm-up curve's
     * @param warmupCurveSeconds how long the warm-up curve drove checkout, s; 0 for not at all
     * @param durationSeconds each measured run, s
     * @param runs measured runs per load
     * @param coldStarts cold starts per service
     * @param coldStartExtraOptions the cold starts' extra JVM options
     * @param checkoutBody the body of every checkout
     * @param cpuOfDynamodbLocal what the DynamoDB Local CPU figure covers
     */
    record Settings(String loadGenerator, int connections, int warmupSeconds, int warmupCurveSeconds,
                    int durationSeconds, int runs,
                    int coldStarts, String coldStartExtraOptions, String checkoutBody, String cpuOfDynamodbLocal) {

        static Settings of(BenchmarkOptions options) {
            return new Settings("wrk, 1 thread, closed model", options.connections(), options.warmupSeconds(),
                    options.warmupCurve() ? options.warmupCurveSeconds() : 0, options.durationSeconds(), options.runs(), options.starts(), options.startOptions(),
                    CHECKOUT_BODY, "the stack host JVM (the benchmark's own: EmbeddedStorefront with DynamoDB Local"
                            + " in process, relaying the services' log lines; it waits while wrk runs)");
        }
    }

    /**
     * One service's startup and memory.
     *
     * @param rssAtReadyMiB the stack's instance's RSS once the stack was ready, MiB
     * @param startupMs median of the cold starts to the first readiness 200, ms
     * @param startupMsEach every cold start, ms
     * @param rssAtReadyOfColdStartsMiB median RSS of the cold starts at readiness, MiB
     * @param startupWithArchiveMs median of the starts with the launcher's start-up archive, ms
     * @param startupWithArchiveMsEach every start with the archive, ms
     * @param rssAfterLoadMiB the stack's instance's RSS after the loads, MiB; null without loads
     */
    record ServiceNumbers(double rssAtReadyMiB, double startupMs, List<Double> startupMsEach,
                          double rssAtReadyOfColdStartsMiB, Double rssAfterLoadMiB, Double startupWithArchiveMs,
                          List<Double> startupWithArchiveMsEach) {
    }

    /**
     * Two builds measured in one run.
     *
     * @param baselineHome the baseline's project root
     * @param baseline its numbers
     * @param currentHome this build's project root
     * @param current its numbers
     */
    record Comparison(String baselineHome, BenchmarkReport baseline, String currentHome, BenchmarkReport current) {
    }
}
