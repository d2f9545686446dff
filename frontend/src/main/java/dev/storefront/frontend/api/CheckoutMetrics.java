package dev.storefront.frontend.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The business signal of the storefront: {@value #CHECKOUTS}, a counter of checkouts by
 * {@value #OUTCOME} ({@code PAID}, {@code DECLINED}, {@code PENDING}), unit {@code {checkout}}.
 * A replay of an earlier checkout (same Idempotency-Key, answered 200) is not a new checkout and is
 * not counted; a checkout that fails (4xx, 503) has no outcome and is counted by the HTTP metrics.
 * The three series exist from the start at 0, so a dashboard or an alarm never mistakes "none yet"
 * for "no data".
 */
@Context
final class CheckoutMetrics {

    /** Counter name, as exported over OTLP and declared to CloudWatch. */
    static final String CHECKOUTS = "storefront.checkouts";
    /** Attribute holding the order's status after checkout. */
    static final String OUTCOME = "outcome";

    private static final List<String> OUTCOMES = List.of("PAID", "DECLINED", "PENDING");

    private final Map<String, Counter> counters;

    CheckoutMetrics(MeterRegistry registry) {
        this.counters = OUTCOMES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                outcome -> Counter.builder(CHECKOUTS)
                        .description("Checkouts answered with a new order, by the order's status")
                        .baseUnit("{checkout}")
                        .tag(OUTCOME, outcome)
                        .register(registry)));
        // OpenTelemetry exports a series only once something was recorded for it: record 0.
        counters.values().forEach(counter -> counter.increment(0));
    }

    /** Counts one new checkout whose order has this status; a status outside the three is ignored. */
    void checkedOut(String status) {
        Counter counter = counters.get(status);
        if (counter != null) {
            counter.increment();
        }
    }
}
