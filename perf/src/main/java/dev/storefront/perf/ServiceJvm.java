package dev.storefront.perf;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.local.JavaRuntime;
import dev.storefront.local.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    /** How {@code -XshowSettings:properties} prints the VM's name. */
    private static final String VM_NAME = "java.vm.name = ";

    private static final List<String> COLLECTORS =
            List.of("UseSerialGC", "UseParallelGC", "UseG1GC", "UseZGC", "UseShenandoahGC");

    /** The JVM of {@code runtime} that runs the services, with the options given. */
    static ServiceJvm probe(BenchmarkOptions options, JavaRuntime runtime) {
        String java = runtime.executable().toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(List.of(effectiveOptions(options).split("\\s+")));
        command.addAll(List.of("-XshowSettings:properties", "-XX:+PrintFlagsFinal", "-version"));
        Map<String, String> flags = new LinkedHashMap<>();
        String vmName = "?";
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            for (String line : new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList()) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length >= 4 && fields[2].equals("=")) {
                    flags.put(fields[1], fields[3]);
                } else if (line.trim().startsWith(VM_NAME)) {
                    vmName = line.trim().substring(VM_NAME.length());
                }
            }
            process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ServiceJvm(java, vmName + " " + runtime.version(),
                effectiveOptions(options),
                options.startOptions(),
                COLLECTORS.stream().filter(gc -> "true".equals(flags.get(gc))).map(gc -> gc.substring(3))
                        .findFirst().orElse("?"),
                Long.parseLong(flags.getOrDefault("MaxHeapSize", "0")) / (1024 * 1024),
                Long.parseLong(flags.getOrDefault("InitialHeapSize", "0")) / (1024 * 1024),
                flags.getOrDefault("MaxRAMPercentage", "?"));
    }

    /** What the services run with: the launcher's defaults, then the given options ({@link ServiceProcess#jvmOptions}). */
    private static String effectiveOptions(BenchmarkOptions options) {
        return ServiceProcess.jvmOptions(options.jvmOptions());
    }
}
