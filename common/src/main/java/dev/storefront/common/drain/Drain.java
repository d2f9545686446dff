package dev.storefront.common.drain;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.graceful.GracefulShutdownManager;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The drain sequence of docs/drain.md, "Sequence", run once, on the first SIGTERM:
 * <ol>
 *   <li>readiness turns DOWN (503) at once; liveness stays UP;</li>
 *   <li>for DRAIN_DELAY (default 5 s) the service keeps serving new and in-flight requests and
 *       answers with {@code Connection: close}, while load balancers that probe readiness notice
 *       it, Service Connect's proxies learn from ECS that the task is stopping, and keep-alive
 *       clients reconnect elsewhere;</li>
 *   <li>it closes the listener and lets in-flight requests finish for up to
 *       SHUTDOWN_GRACE_PERIOD (default 20 s), through Micronaut's graceful shutdown;</li>
 *   <li>it closes the application context: HikariCP pool, SDK and HTTP clients;</li>
 *   <li>it exits 0, or {@value #EXIT_REQUESTS_CUT} if the grace period cut requests, naming them.</li>
 * </ol>
 * One log line per phase, with the milliseconds since the signal. On ECS the whole sequence fits
 * in stopTimeout (60 s) with room for the pool to close; see docs/drain.md, "Before SIGTERM on ECS".
 */
@Singleton
public final class Drain {

    /** Exit code when the grace period ran out with requests still in flight. */
    public static final int EXIT_REQUESTS_CUT = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);

    private final DrainState state;
    private final InFlightRequests inFlight;
    private final GracefulShutdownManager gracefulShutdown;
    private final ApplicationContext context;
    private final Duration delay;
    private final Duration gracePeriod;

    Drain(DrainState state, InFlightRequests inFlight, GracefulShutdownManager gracefulShutdown,
          ApplicationContext context, DrainConfiguration configuration) {
        this.state = state;
        this.inFlight = inFlight;
        this.gracefulShutdown = gracefulShutdown;
        this.context = context;
        this.delay = configuration.delay();
        this.gracePeriod = configuration.gracePeriod();
    }

    /**
     * Begins the drain on a thread of its own and returns at once. A second call (a second
     * SIGTERM) is logged and otherwise ignored: the sequence is never restarted.
     *
     * @param reason what asked for it, for the log, e.g. {@code "SIGTERM"}
     */
    public void begin(String reason) {
        if (!state.begin()) {
            LOG.info("drain: {} received again; already draining, ignored", reason);
            return;
        }
        Thread drain = new Thread(() -> run(reason), "drain");
        drain.setDaemon(false);
        drain.start();
    }

    private void run(String reason) {
        long start = System.nanoTime();
        LOG.info("drain 1/4: {} received; readiness is 503, still serving with Connection: close for {} ms "
                + "({} requests in flight)", reason, delay.toMillis(), inFlight.count());
        sleep(delay);

        LOG.info("drain 2/4: +{} ms: closing the listener; waiting up to {} ms for {} requests in flight",
                millisSince(start), gracePeriod.toMillis(), inFlight.count());
        boolean finished = awaitGracefulShutdown();
        List<String> cut = inFlight.describe();
        if (finished && cut.isEmpty()) {
            LOG.info("drain 3/4: +{} ms: listener closed, no request in flight", millisSince(start));
        } else {
            LOG.warn("drain 3/4: +{} ms: grace period of {} ms over; cutting {} requests: {}", millisSince(start),
                    gracePeriod.toMillis(), cut.size(), String.join("; ", cut));
        }

        context.close();
        int exitCode = cut.isEmpty() ? 0 : EXIT_REQUESTS_CUT;
        LOG.info("drain 4/4: +{} ms: connection pools and clients closed; exiting {}", millisSince(start), exitCode);
        System.exit(exitCode);
    }

    private boolean awaitGracefulShutdown() {
        try {
            gracefulShutdown.shutdownGracefully().toCompletableFuture().get(gracePeriod.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            LOG.warn("drain: graceful shutdown failed", e.getCause());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
