package dev.storefront.perf;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.storefront.local.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services' JVM: its version, and the heap and GC settings in force with the options given
 * (read from {@code -XX:+PrintFlagsFinal}).
 *
 * @param java the java executable
 * @param version VM name and runtime version
 * @param options the services' JVM options: the launcher's defaults, then the ones given
 * @param coldStartExtraOptions the cold starts' extra options; null for none
 * @param gc the garbage collector, e.g. G1
 * @param maxHeapMiB MaxHeapSize, MiB
 * @param initialHeapMiB InitialHeapSize, MiB
 * @param maxRAMPercentage MaxRAMPercentage
 */
record ServiceJvm(String java, String version, String options,
                  @JsonInclude(JsonInclude.Include.NON_EMPTY) String coldStartExtraOptions, String gc,
                  long maxHeapMiB, long initialHeapMiB, String maxRAMPercentage) {

    private static final List<String> COLLECTORS =
            List.of("UseSerialGC", "UseParallelGC", "UseG1GC", "UseZGC", "UseShenandoahGC");

    /** The JVM this benchmark runs on, which also runs the services, with the options given. */
    static ServiceJvm probe(BenchmarkOptions options) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(List.of(effectiveOptions(options).split("\\s+")));
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
        return new ServiceJvm(java,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                effectiveOptions(options),
                options.startOptions(),
                COLLECTORS.stream().filter(gc -> "true".equals(flags.get(gc))).map(gc -> gc.substring(3))
                        .findFirst().orElse("?"),
                Long.parseLong(flags.getOrDefault("MaxHeapSize", "0")) / (1024 * 1024),
                Long.parseLong(flags.getOrDefault("InitialHeapSize", "0")) / (1024 * 1024),
                flags.getOrDefault("MaxRAMPercentage", "?"));
    }

    /** What the services run with: the launcher's defaults ({@link ServiceProcess#DEFAULT_JVM_OPTIONS}), then the given options. */
    private static String effectiveOptions(BenchmarkOptions options) {
        return (ServiceProcess.DEFAULT_JVM_OPTIONS + " " + options.jvmOptions()).trim();
    }
}
