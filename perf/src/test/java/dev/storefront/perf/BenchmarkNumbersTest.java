package dev.storefront.perf;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BenchmarkNumbersTest {

    @Test
    void theLineTheWrkScriptPrintsIsReadAsNumbers() {
        Wrk.Report report = Wrk.Report.parse("{\"requests\":4210,\"durationUs\":20003118,\"p50Us\":7120,"
                + "\"p90Us\":20011,\"p99Us\":31877,\"maxUs\":90210,\"meanUs\":8.5,\"s200\":3,\"s201\":4100,"
                + "\"s202\":107,\"non2xx\":0,\"connectErrors\":0,\"readErrors\":1,\"writeErrors\":0,\"timeouts\":2}");

        assertThat(report.requests()).isEqualTo(4210);
        assertThat(report.durationUs()).isEqualTo(20003118);
        assertThat(report.p99Us()).isEqualTo(31877.0);
        assertThat(report.meanUs()).isEqualTo(8.5);
        assertThat(report.non2xx()).isZero();
        Wrk.Run run = Wrk.Run.of(report);
        assertThat(run.requestsPerSecond()).isCloseTo(4210 / 20.003118, within(1e-9));
        assertThat(run.p50Ms()).isEqualTo(7.12);
        assertThat(run.answered2xx()).isEqualTo(4210);
        assertThat(run.accepted202()).isEqualTo(107);
        assertThat(run.socketErrors()).isEqualTo(3);
    }

    @Test
    void medianOfAnOddCountIsTheMiddleValueAndOfAnEvenCountTheMeanOfTheTwoMiddleOnes() {
        assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Stats.median(List.of())).isNaN();
    }

    @Test
    void jsonOutputEscapesStringsAndRoundsDecimals() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "say \"hi\"\n");
        value.put("ms", 12.34567);
        value.put("runs", List.of(1, 2));

        assertThat(BenchmarkJson.write(value)).isEqualTo("""
                {
                  "name": "say \\"hi\\"\\n",
                  "ms": 12.346,
                  "runs": [
                    1,
                    2
                  ]
                }
                """);
    }

    @Test
    void jsonOutputWritesRecordsInTheirOrderLeavingOutAbsentNumbersAndNaNAsNull() {
        BenchmarkReport.ServiceNumbers numbers = new BenchmarkReport.ServiceNumbers(160.25, Double.NaN,
                List.of(1771.4), 166.0, null, 812.5, List.of(812.5));

        assertThat(BenchmarkJson.write(numbers)).isEqualTo("""
                {
                  "rssAtReadyMiB": 160.25,
                  "startupMs": null,
                  "startupMsEach": [
                    1771.4
                  ],
                  "rssAtReadyOfColdStartsMiB": 166.0,
                  "startupWithArchiveMs": 812.5,
                  "startupWithArchiveMsEach": [
                    812.5
                  ]
                }
                """);
    }

    @Test
    void aComparisonPrintsBothFiguresAndTheirRatio() {
        BenchmarkReport baseline = startupOnly(new BenchmarkReport.ServiceNumbers(150.0, 2000.0, List.of(2000.0), 150.0,
                null, 1000.0, List.of(1000.0)));
        BenchmarkReport current = startupOnly(new BenchmarkReport.ServiceNumbers(140.0, 1500.0, List.of(1500.0), 140.0,
                null, 600.0, List.of(600.0)));

        assertThat(ReportTable.comparison(baseline, current))
                .containsPattern("frontend startup ms +2000\\.0 +1500\\.0 +0\\.75")
                .containsPattern("frontend startup with archive ms +1000\\.0 +600\\.0 +0\\.60")
                .containsPattern("frontend RSS after load MiB +- +- +-")
                .doesNotContain("checkout req/s");
    }

    @Test
    void warmThroughputIsTheMedianOfTheLastThreeWindowsAndTheTimeRunsToTheEndOfTheFirstWindowAt90Percent() {
        List<WarmupCurve.Window> windows = List.of(window(0, 40), window(5, 120), window(10, 185), window(15, 200),
                window(20, 210), window(25, 190));

        WarmupCurve.Result curve = WarmupCurve.of("http://127.0.0.1:1/api/checkout", 5, true, windows);

        assertThat(curve.warmRequestsPerSecond()).isEqualTo(200.0);
        assertThat(curve.secondsTo90PercentOfWarm()).isEqualTo(15.0);
        assertThat(curve.windows()).hasSize(6);
    }

    @Test
    void aCurveOfFewerWindowsThanThreeIsWarmAtTheirMedianAndOneWithNothingAnsweredNeverWarm() {
        assertThat(WarmupCurve.of("u", 5, true, List.of(window(0, 100), window(5, 300))).warmRequestsPerSecond())
                .isEqualTo(200.0);
        assertThat(WarmupCurve.of("u", 5, true, List.of(window(0, 0), window(5, 0))).secondsTo90PercentOfWarm())
                .isNull();
    }

    @Test
    void aComparisonGivesTheRatioOfTheTimesTo90PercentOfWarm() {
        BenchmarkReport baseline = withCurve(WarmupCurve.of("u", 5, true, List.of(window(0, 50), window(5, 100),
                window(10, 200), window(15, 200), window(20, 200))));
        BenchmarkReport current = withCurve(WarmupCurve.of("u", 5, true, List.of(window(0, 190), window(5, 200),
                window(10, 200), window(15, 200), window(20, 200))));

        assertThat(ReportTable.comparison(baseline, current))
                .containsPattern("checkout s to 90 % of warm \\(fresh stack\\) +15\\.0 +5\\.0 +0\\.33");
    }

    private static WarmupCurve.Window window(double start, double requestsPerSecond) {
        return new WarmupCurve.Window(start, start + 5, requestsPerSecond, 0, 0);
    }

    private static BenchmarkReport withCurve(WarmupCurve.Result curve) {
        BenchmarkReport report = startupOnly(new BenchmarkReport.ServiceNumbers(150.0, 2000.0, List.of(2000.0), 150.0,
                null, 1000.0, List.of(1000.0)));
        return new BenchmarkReport(report.date(), null, null, null, curve, null, null, null, null, report.services(),
                report.loadAverageAtEnd());
    }

    private static BenchmarkReport startupOnly(BenchmarkReport.ServiceNumbers numbers) {
        java.util.Map<String, BenchmarkReport.ServiceNumbers> services = new java.util.LinkedHashMap<>();
        PerfStack.SERVICES.forEach(service -> services.put(service, numbers));
        return new BenchmarkReport("2026-12-02T00:00:00Z", null, null, null, null, null, null, null, null, services,
                "0 0 0");
    }
}
