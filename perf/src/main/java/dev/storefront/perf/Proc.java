package dev.storefront.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** What Linux's /proc says about a process: CPU time, resident memory, environment (proc(5)). */
final class Proc {

    /** Clock ticks per second of /proc/PID/stat's times; 100 on every common Linux (getconf CLK_TCK). */
    static final double TICKS_PER_SECOND = clockTicks();

    private Proc() {
    }

    /** CPU seconds (user + system) the process has used so far; 0 if it is gone. */
    static double cpuSeconds(long pid) {
        return statFields(pid).map(f -> (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND)
                .orElse(0.0);
    }

    /** CPU seconds its children that have exited used (cutime + cstime); 0 if it is gone. */
    static double reapedChildrenCpuSeconds(long pid) {
        return statFields(pid).map(f -> (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND)
                .orElse(0.0);
    }

    /**
     * The fields of /proc/PID/stat after the command name, so that index 0 is field 3 (state),
     * index 11 is utime (field 14) and 12 stime (field 15).
     */
    private static Optional<String[]> statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" "));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Resident set size (VmRSS) in MiB; 0 if the process is gone. */
    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    /**
     * The file the process runs (/proc/PID/exe), e.g. a JDK's {@code bin/java}.
     *
     * @throws UncheckedIOException if the process is gone
     */
    static Path executable(long pid) {
        try {
            return Path.of("/proc", Long.toString(pid), "exe").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the executable of process " + pid, e);
        }
    }

    /** The environment the process was started with (/proc/PID/environ). */
    static Map<String, String> environment(long pid) {
        try {
            String environ = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                    StandardCharsets.UTF_8);
            Map<String, String> environment = new LinkedHashMap<>();
            for (String entry : environ.split("\0")) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    environment.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
            return environment;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the environment of process " + pid, e);
        }
    }

    /**
     * The PostgreSQL server listening on that port and its processes: the postmaster (found by the
     * {@code -p PORT} of its command line) first, then its children (backends, checkpointer, WAL
     * writer...).
     */
    static List<Long> postgresProcesses(int port) {
        List<Long> processes = new ArrayList<>();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(p -> isPostmaster(p.pid(), port)).findFirst().ifPresent(postmaster -> {
                processes.add(postmaster.pid());
                postmaster.children().forEach(child -> processes.add(child.pid()));
            });
        }
        return processes;
    }

    private static boolean isPostmaster(long pid, int port) {
        try {
            List<String> args = List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
            int p = args.indexOf("-p");
            return !args.isEmpty() && args.get(0).endsWith("/postgres") && p > 0 && p + 1 < args.size()
                    && args.get(p + 1).equals(Integer.toString(port));
        } catch (IOException e) {
            return false;
        }
    }

    /** Load averages over 1, 5 and 15 minutes, as /proc/loadavg says them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The CPU's model name from /proc/cpuinfo. */
    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return getconf.waitFor() == 0 ? Double.parseDouble(answer) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
