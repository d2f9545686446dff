package dev.storefront.common.drain;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tracks the requests being served, so that a drain can say which ones its grace period cut, and
 * answers with {@code Connection: close} while the service drains, so that keep-alive clients
 * open their next connection to another instance.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class InFlightRequests implements Ordered {

    private static final String STARTED = InFlightRequests.class.getName() + ".started";

    private final Map<Long, Entry> requests = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final DrainState state;

    InFlightRequests(DrainState state) {
        this.state = state;
    }

    private record Entry(String description, long startNanos) {
    }

    @RequestFilter
    void started(HttpRequest<?> request) {
        long id = ids.incrementAndGet();
        requests.put(id, new Entry(request.getMethodName() + " " + request.getPath(), System.nanoTime()));
        request.setAttribute(STARTED, id);
    }

    @ResponseFilter
    void finished(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(STARTED, Long.class).ifPresent(requests::remove);
        if (state.isDraining()) {
            response.header("Connection", "close");
        }
    }

    /** Number of requests being served. */
    int count() {
        return requests.size();
    }

    /** The requests being served, e.g. {@code POST /orders (running 2315 ms)}, oldest first. */
    List<String> describe() {
        long now = System.nanoTime();
        return requests.values().stream()
                .sorted((a, b) -> Long.compare(a.startNanos(), b.startNanos()))
                .map(e -> e.description() + " (running " + Duration.ofNanos(now - e.startNanos()).toMillis() + " ms)")
                .toList();
    }

    /** First of the server filters, so the time spent in the others counts too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
