package dev.storefront.perf;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * CPU seconds (user + system, from /proc) of each part of the stack: used so far, a difference of
 * two readings, or that difference per 1,000 answered requests.
 *
 * @param frontend frontend's JVM
 * @param orders orders' JVM
 * @param payments payments' JVM
 * @param postgresql the postmaster and all its processes, exited backends included
 * @param dynamodbLocalHost the JVM that runs DynamoDB Local (and relays the services' log lines)
 */
record CpuSeconds(double frontend, double orders, double payments, double postgresql, double dynamodbLocalHost) {

    /** What every part of the running stack has used so far. */
    static CpuSeconds read(PerfStack stack) {
        List<Long> postgres = Proc.postgresProcesses(stack.postgresPort());
        double postgresCpu = postgres.stream().mapToDouble(Proc::cpuSeconds).sum();
        if (!postgres.isEmpty()) {
            // Backends that exited between two readings are counted in the postmaster's children's time.
            postgresCpu += Proc.reapedChildrenCpuSeconds(postgres.get(0));
        }
        return new CpuSeconds(Proc.cpuSeconds(stack.pid("frontend")), Proc.cpuSeconds(stack.pid("orders")),
                Proc.cpuSeconds(stack.pid("payments")), postgresCpu, Proc.cpuSeconds(stack.hostPid()));
    }

    /** What was used between {@code earlier} and this reading, per 1,000 of {@code answered} requests. */
    CpuSeconds per1000Since(CpuSeconds earlier, long answered) {
        double scale = 1000.0 / Math.max(1, answered);
        return new CpuSeconds((frontend - earlier.frontend) * scale, (orders - earlier.orders) * scale,
                (payments - earlier.payments) * scale, (postgresql - earlier.postgresql) * scale,
                (dynamodbLocalHost - earlier.dynamodbLocalHost) * scale);
    }

    /** All parts together. */
    @JsonProperty("total")
    double total() {
        return frontend + orders + payments + postgresql + dynamodbLocalHost;
    }

    /** The median of each part, and of the totals, over several runs. */
    static Median median(List<CpuSeconds> runs) {
        return new Median(Stats.median(runs.stream().map(CpuSeconds::frontend).toList()),
                Stats.median(runs.stream().map(CpuSeconds::orders).toList()),
                Stats.median(runs.stream().map(CpuSeconds::payments).toList()),
                Stats.median(runs.stream().map(CpuSeconds::postgresql).toList()),
                Stats.median(runs.stream().map(CpuSeconds::dynamodbLocalHost).toList()),
                Stats.median(runs.stream().map(CpuSeconds::total).toList()));
    }

    /**
     * Medians over runs; {@code total} is the median of the runs' totals, not the sum of the medians.
     *
     * @param frontend frontend's JVM
     * @param orders orders' JVM
     * @param payments payments' JVM
     * @param postgresql PostgreSQL, all its processes
     * @param dynamodbLocalHost the JVM that runs DynamoDB Local
     * @param total the median of the totals
     */
    record Median(double frontend, double orders, double payments, double postgresql, double dynamodbLocalHost,
                  double total) {
    }
}
