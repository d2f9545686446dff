package dev.storefront.perf;

import java.util.List;

/** The benchmark's console output: the header at the start, and the table of the whole report at the end. */
final class ReportTable {

    private ReportTable() {
    }

    /** What was measured where: date, machine, JVM and load settings. */
    static String header(String date, Machine machine, ServiceJvm jvm, BenchmarkReport.Settings settings) {
        return String.format("""
                Storefront benchmark, %s
                  machine  %s cores (%s), %s GiB; load average at start %s
                  JVM      %s; service options: %s%s
                           GC %s, max heap %s MiB (MaxRAMPercentage %s), initial heap %s MiB
                  load     wrk, 1 thread, %d connections (closed model), warm-up %d s, then %d x %d s: medians%s
                """, date, machine.cores(), machine.cpu(), machine.memoryGiB(), machine.loadAverageAtStart(),
                jvm.version(), jvm.options(),
                settings.coldStartExtraOptions().isBlank() ? "" : "; cold starts also: " + settings.coldStartExtraOptions(),
                jvm.gc(), jvm.maxHeapMiB(), jvm.maxRAMPercentage(), jvm.initialHeapMiB(), settings.connections(),
                settings.warmupSeconds(), settings.runs(), settings.durationSeconds(),
                settings.warmupCurveSeconds() == 0 ? "" : String.format("%n           first a warm-up curve of"
                        + " checkout, %d s, on the fresh stack (it counts as checkout's warm-up)",
                        settings.warmupCurveSeconds()));
    }

    /** The header, then startup and memory per service, and, after a load, throughput, latency and CPU. */
    static String table(BenchmarkReport report) {
        BenchmarkReport.Settings settings = report.settings();
        StringBuilder out = new StringBuilder(header(report.date(), report.machine(), report.jvm(), settings))
                .append('\n');
        out.append(String.format("%-10s %14s %14s %14s %16s%n", "service", "startup ms", "with archive",
                "RSS ready MiB", "RSS after load"));
        report.services().forEach((service, numbers) -> out.append(String.format("%-10s %14.0f %14s %14.0f %16s%n",
                service, numbers.startupMs(),
                numbers.startupWithArchiveMs() == null ? "-" : String.format("%.0f", numbers.startupWithArchiveMs()),
                numbers.rssAtReadyMiB(),
                numbers.rssAfterLoadMiB() == null ? "-" : String.format("%.0f", numbers.rssAfterLoadMiB()))));
        out.append(String.format("(startup: median of %d cold starts to the first /health/readiness 200; with archive:"
                + " as many, each mapping the start-up archive the launcher records)%n", settings.coldStarts()));
        if (report.checkoutViaFrontend() == null) {
            return out.toString();
        }
        WarmupCurve.Result curve = report.checkoutWarmupCurve();
        if (curve != null) {
            out.append(String.format("%nwarm-up curve of checkout on the fresh stack (%s), %d s windows, req/s:%n ",
                    curve.servicesStartedFromArchive() ? "services mapping their start-up archives"
                            : "not every service mapped a start-up archive", curve.windowSeconds()));
            curve.windows().forEach(window -> out.append(String.format(" %.0f", window.requestsPerSecond())));
            out.append(String.format("%n  warm %.0f req/s (%s); 90 %% of warm after %s s%n",
                    curve.warmRequestsPerSecond(), curve.warmRequestsPerSecondIs(),
                    curve.secondsTo90PercentOfWarm() == null ? "-"
                            : String.format("%.1f", curve.secondsTo90PercentOfWarm())));
        }
        List<Labelled> loads = List.of(new Labelled("checkout via frontend", report.checkoutViaFrontend()),
                new Labelled("POST /orders (orders)", report.ordersAlone()));
        out.append(String.format("%n%-24s %9s %8s %8s %8s%n", "load (closed, " + settings.connections() + " conn)",
                "req/s", "p50 ms", "p99 ms", "non-2xx"));
        for (Labelled load : loads) {
            out.append(String.format("%-24s %9.0f %8.1f %8.1f %8.0f%n", load.label(),
                    load.result().requestsPerSecond(), load.result().p50Ms(), load.result().p99Ms(),
                    load.result().non2xx()));
        }
        out.append(String.format("%n%-24s %9s %8s %9s %11s %15s %7s%n", "CPU s per 1,000", "frontend", "orders",
                "payments", "PostgreSQL", "DynamoDB Local*", "total"));
        for (Labelled load : loads) {
            CpuSeconds.Median cpu = load.result().cpuSecondsPer1000();
            out.append(String.format("%-24s %9.2f %8.2f %9.2f %11.2f %15.2f %7.2f%n", load.label(), cpu.frontend(),
                    cpu.orders(), cpu.payments(), cpu.postgresql(), cpu.dynamodbLocalHost(), cpu.total()));
        }
        out.append("* DynamoDB Local runs inside the stack host JVM, which also relays the services' log lines;\n"
                + "  its CPU is that whole JVM's. PostgreSQL: the postmaster and all its processes.\n");
        out.append(String.format("after load: PostgreSQL RSS %.0f MiB (sum over its processes, shared memory counted"
                        + " in each), DynamoDB Local host JVM RSS %.0f MiB%n",
                report.postgresqlRssAfterLoadMiB(), report.dynamodbLocalHostRssAfterLoadMiB()));
        out.append("load average at end: ").append(report.loadAverageAtEnd()).append('\n');
        return out.toString();
    }

    /**
     * This build against the baseline measured in the same run: each figure of both and the ratio
     * (this build ÷ baseline; below 1 is better for times, memory and CPU, above 1 for throughput).
     */
    static String comparison(BenchmarkReport baseline, BenchmarkReport current) {
        StringBuilder out = new StringBuilder("\nThis build against the baseline (ratio = this build / baseline)\n");
        out.append(String.format("%-40s %12s %12s %8s%n", "figure", "baseline", "this build", "ratio"));
        for (String service : PerfStack.SERVICES) {
            BenchmarkReport.ServiceNumbers before = baseline.services().get(service);
            BenchmarkReport.ServiceNumbers after = current.services().get(service);
            row(out, service + " startup ms", before.startupMs(), after.startupMs());
            row(out, service + " startup with archive ms", before.startupWithArchiveMs(), after.startupWithArchiveMs());
            row(out, service + " RSS after load MiB", before.rssAfterLoadMiB(), after.rssAfterLoadMiB());
        }
        WarmupCurve.Result curveBefore = baseline.checkoutWarmupCurve();
        WarmupCurve.Result curveAfter = current.checkoutWarmupCurve();
        if (curveBefore != null && curveAfter != null) {
            row(out, "checkout s to 90 % of warm (fresh stack)", curveBefore.secondsTo90PercentOfWarm(),
                    curveAfter.secondsTo90PercentOfWarm());
            row(out, "checkout warm req/s (warm-up curve)", curveBefore.warmRequestsPerSecond(),
                    curveAfter.warmRequestsPerSecond());
        }
        if (baseline.checkoutViaFrontend() != null && current.checkoutViaFrontend() != null) {
            List<String> labels = List.of("checkout", "POST /orders");
            List<LoadTest.Result> befores = List.of(baseline.checkoutViaFrontend(), baseline.ordersAlone());
            List<LoadTest.Result> afters = List.of(current.checkoutViaFrontend(), current.ordersAlone());
            for (int i = 0; i < labels.size(); i++) {
                LoadTest.Result before = befores.get(i);
                LoadTest.Result after = afters.get(i);
                row(out, labels.get(i) + " req/s", before.requestsPerSecond(), after.requestsPerSecond());
                row(out, labels.get(i) + " p50 ms", before.p50Ms(), after.p50Ms());
                row(out, labels.get(i) + " p99 ms", before.p99Ms(), after.p99Ms());
                CpuSeconds.Median cpuBefore = before.cpuSecondsPer1000();
                CpuSeconds.Median cpuAfter = after.cpuSecondsPer1000();
                row(out, labels.get(i) + " CPU s/1,000 frontend", cpuBefore.frontend(), cpuAfter.frontend());
                row(out, labels.get(i) + " CPU s/1,000 orders", cpuBefore.orders(), cpuAfter.orders());
                row(out, labels.get(i) + " CPU s/1,000 payments", cpuBefore.payments(), cpuAfter.payments());
                row(out, labels.get(i) + " CPU s/1,000 three JVMs", cpuBefore.frontend() + cpuBefore.orders()
                        + cpuBefore.payments(), cpuAfter.frontend() + cpuAfter.orders() + cpuAfter.payments());
                row(out, labels.get(i) + " CPU s/1,000 total", cpuBefore.total(), cpuAfter.total());
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String figure, Double before, Double after) {
        boolean both = before != null && after != null && !before.isNaN() && !after.isNaN();
        out.append(String.format("%-40s %12s %12s %8s%n", figure, number(before), number(after),
                both && before != 0 ? String.format("%.2f", after / before) : "-"));
    }

    private static String number(Double value) {
        return value == null || value.isNaN() ? "-" : String.format("%.1f", value);
    }

    /** A load and its name in the table. */
    private record Labelled(String label, LoadTest.Result result) {
    }
}
