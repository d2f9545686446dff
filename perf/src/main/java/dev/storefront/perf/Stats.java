package dev.storefront.perf;

import java.util.List;

/** The statistics the benchmark reports. */
final class Stats {

    private Stats() {
    }

    /** The middle value; of an even count, the mean of the two middle ones; NaN of none. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
