package dev.storefront.perf;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkNumbersTest {

    @Test
    void theLineTheWrkScriptPrintsIsReadAsNumbers() {
        Map<String, Double> numbers = Json.readFlatNumbers(
                "{\"requests\":4210,\"durationUs\":20003118,\"p50Us\":7120,\"p99Us\":31877,\"meanUs\":8.5,\"non2xx\":0}");

        assertThat(numbers).containsEntry("requests", 4210.0).containsEntry("durationUs", 20003118.0)
                .containsEntry("p99Us", 31877.0).containsEntry("meanUs", 8.5).containsEntry("non2xx", 0.0);
    }

    @Test
    void medianOfAnOddCountIsTheMiddleValueAndOfAnEvenCountTheMeanOfTheTwoMiddleOnes() {
        assertThat(Benchmark.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Benchmark.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Benchmark.median(List.of())).isNaN();
    }

    @Test
    void jsonOutputEscapesStringsAndRoundsDecimals() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "say \"hi\"\n");
        value.put("ms", 12.34567);
        value.put("runs", List.of(1, 2));

        assertThat(Json.write(value)).isEqualTo("""
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
}
