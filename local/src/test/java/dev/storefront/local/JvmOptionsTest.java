package dev.storefront.local;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The service JVMs' options: the launcher's sizing, then JDK_JAVA_OPTIONS, and a JVM that accepts them. */
class JvmOptionsTest {

    @Test
    void withoutJdkJavaOptionsTheServicesGetTheDefaults() {
        assertThat(ServiceProcess.jvmOptions(null)).isEqualTo(ServiceProcess.DEFAULT_JVM_OPTIONS);
        assertThat(ServiceProcess.jvmOptions(" ")).isEqualTo(ServiceProcess.DEFAULT_JVM_OPTIONS);
    }

    @Test
    void givenOptionsComeAfterTheDefaultsSoTheyWin() throws Exception {
        String options = ServiceProcess.jvmOptions("-XX:MaxRAM=1g");

        assertThat(options).isEqualTo(ServiceProcess.DEFAULT_JVM_OPTIONS + " -XX:MaxRAM=1g");
        assertThat(flags(options)).contains("UseSerialGC = true", "MaxHeapSize = 805306368");
    }

    @Test
    void aGivenCollectorReplacesTheSerialOneWhichTheJvmWouldNotStartWithBoth() throws Exception {
        String options = ServiceProcess.jvmOptions("-XX:+UseG1GC");

        assertThat(options).doesNotContain("UseSerialGC").endsWith("-XX:+UseG1GC");
        assertThat(flags(options)).contains("UseG1GC = true", "ReservedCodeCacheSize = 67108864");
    }

    /** The final flags of this JDK's java started with these options (-XX:+PrintFlagsFinal), spaces squeezed. */
    private static String flags(String options) throws Exception {
        List<String> command = new ArrayList<>(List.of(JavaRuntime.current().executable().toString()));
        command.addAll(List.of(options.split(" ")));
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        return output.replaceAll("[ \\t]+", " ");
    }
}
