package dev.storefront.perf;

import dev.storefront.local.JavaRuntime;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkOptionsTest {

    private static final String THIS_JDK = JavaRuntime.current().home().toString();

    @Test
    void withoutJavaTheServicesRunOnThisJvmAndTheFilesKeepTheirNames() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[] {"--out", "/tmp/b/benchmark.json"}).orElseThrow();

        BenchmarkOptions run = options.forJava(options.javas().get(0));

        assertThat(options.javas()).containsExactly(JavaRuntime.current());
        assertThat(run.out()).isEqualTo(Path.of("/tmp/b/benchmark.json"));
        assertThat(run.workDirectory()).isEqualTo(Path.of("/tmp/b/benchmark"));
        assertThat(run.comparisonOut()).isEqualTo(Path.of("/tmp/b/benchmark-comparison.json"));
    }

    @Test
    void eachOfSeveralJdksHasItsOwnJsonWorkDirectoryAndBaselineNamedAfterItsDirectory() {
        JavaRuntime other = new JavaRuntime(Path.of("/opt/temurin-25"), "25.0.3+9-LTS");
        BenchmarkOptions options = new BenchmarkOptions(Path.of("/src"), 16, 10, 20, 3, 5, "", "", false, false,
                Path.of("/tmp/b/benchmark.json"), Path.of("/base"), java.util.List.of(JavaRuntime.current(), other), 180,
                "-XX:+UseG1GC");

        BenchmarkOptions run = options.forJava(other);

        assertThat(run.java()).isEqualTo(other);
        assertThat(run.out()).isEqualTo(Path.of("/tmp/b/benchmark-temurin-25.json"));
        assertThat(run.workDirectory()).isEqualTo(Path.of("/tmp/b/benchmark-temurin-25"));
        assertThat(run.comparisonOut()).isEqualTo(Path.of("/tmp/b/benchmark-temurin-25-comparison.json"));
        assertThat(run.forBaseline().out()).isEqualTo(Path.of("/tmp/b/benchmark-temurin-25/baseline/benchmark.json"));
        assertThat(run.forBaseline().java()).isEqualTo(other);
        assertThat(run.forBaseline().jvmOptions()).isEqualTo("-XX:+UseG1GC");
        assertThat(run.jvmOptions()).isEmpty();
    }

    @Test
    void theWarmupCurveCountsAsCheckoutsWarmupAndZeroTurnsItOff() {
        BenchmarkOptions curve = BenchmarkOptions.parse(new String[] {"--warmup", "30", "--warmup-curve", "20"})
                .orElseThrow();
        BenchmarkOptions none = BenchmarkOptions.parse(new String[] {"--warmup", "30", "--warmup-curve", "0"})
                .orElseThrow();

        assertThat(curve.warmupCurve()).isTrue();
        assertThat(curve.checkoutWarmupSeconds()).isEqualTo(10);
        assertThat(none.warmupCurve()).isFalse();
        assertThat(none.checkoutWarmupSeconds()).isEqualTo(30);
        assertThat(BenchmarkOptions.parse(new String[] {"--startup-only"}).orElseThrow().warmupCurve()).isFalse();
    }

    @Test
    void twoJavaHomesOfOneDirectoryNameAreRefused() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--java", THIS_JDK + "," + THIS_JDK}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share one file name");
    }
}
