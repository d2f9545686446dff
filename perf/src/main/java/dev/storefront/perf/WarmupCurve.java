package dev.storefront.perf;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * How long a freshly started stack takes to reach its warm throughput. Right after the services are
 * ready (started as the launcher starts them, each mapping its start-up archive), checkout is driven
 * without a pause in consecutive wrk windows of {@value #WINDOW_SECONDS} s, with the connections and
 * script of the checkout load, for {@code --warmup-curve} seconds. Warm throughput is the median
 * requests/s of the last {@value #WARM_WINDOWS} windows (of all of them, if there are fewer); the
 * figure is the time from the first request to the end of the first window that reached 90 % of it.
 * Its resolution is one window: wrk gives a window's average, not the moment within it.
 */
final class WarmupCurve {

    /** Length of one window, s. */
    static final int WINDOW_SECONDS = 5;

    /** The last windows whose median is the warm throughput. */
    static final int WARM_WINDOWS = 3;

    /** The share of the warm throughput a window must reach. */
    static final double SHARE_OF_WARM = 0.9;

    /**
     * The curve of one load.
     *
     * @param url what was loaded
     * @param windowSeconds the length of each window, s
     * @param warmRequestsPerSecondIs how the warm throughput is defined
     * @param warmRequestsPerSecond the warm throughput, requests/s
     * @param secondsTo90PercentOfWarm from the first request to the end of the first window at 90 % of
     *     warm or more, s; null if nothing was answered
     * @param servicesStartedFromArchive whether every service of the stack mapped its start-up archive
     * @param windows each window, in order
     */
    record Result(String url, int windowSeconds, String warmRequestsPerSecondIs, double warmRequestsPerSecond,
                  Double secondsTo90PercentOfWarm, boolean servicesStartedFromArchive, List<Window> windows) {
    }

    /**
     * One window.
     *
     * @param startSeconds when its wrk started, from the start of the first window, s
     * @param endSeconds when its load ended (its start plus wrk's own duration), s
     * @param requestsPerSecond requests completed per second
     * @param non2xx answers outside 200-299
     * @param socketErrors connect, read and write errors and timeouts
     */
    record Window(double startSeconds, double endSeconds, double requestsPerSecond, long non2xx, long socketErrors) {
    }

    private WarmupCurve() {
    }

    /**
     * Drives the URL in windows for about {@code seconds}: {@code seconds / 5} windows of 5 s, or one
     * window of {@code seconds} below 5. Each window is bounded by wrk's own duration and
     * {@link Wrk#run}'s timeout.
     *
     * @param fromArchive whether the stack's services mapped their start-up archives
     * @param out where each window's line goes
     * @throws IllegalStateException if wrk fails
     */
    static Result measure(Wrk wrk, String url, int seconds, boolean fromArchive, PrintStream out) {
        int windowSeconds = Math.min(WINDOW_SECONDS, seconds);
        int count = Math.max(1, seconds / windowSeconds);
        // Idempotency-Keys unique to this curve, so that no request of it is a replay of a later load's.
        String runId = Long.toString(System.currentTimeMillis(), 36);
        List<Window> windows = new ArrayList<>();
        long first = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            double start = (System.nanoTime() - first) / 1e9;
            Wrk.Run run = wrk.run(url, windowSeconds, runId + "-curve-" + i);
            windows.add(new Window(start, start + run.report().durationUs() / 1e6, run.requestsPerSecond(),
                    run.non2xx(), run.socketErrors()));
            out.printf("  window %d of %d: %.0f req/s%n", i, count, run.requestsPerSecond());
        }
        return of(url, windowSeconds, fromArchive, windows);
    }

    /** The warm throughput and the time to 90 % of it, from the windows. */
    static Result of(String url, int windowSeconds, boolean fromArchive, List<Window> windows) {
        List<Double> last = windows.subList(Math.max(0, windows.size() - WARM_WINDOWS), windows.size()).stream()
                .map(Window::requestsPerSecond).toList();
        double warm = Stats.median(last);
        Double secondsToWarm = warm > 0 ? windows.stream()
                .filter(window -> window.requestsPerSecond() >= SHARE_OF_WARM * warm).findFirst()
                .map(Window::endSeconds).orElse(null) : null;
        return new Result(url, windowSeconds, "median requests/s of the last " + last.size() + " windows",
                warm, secondsToWarm, fromArchive, windows);
    }
}
