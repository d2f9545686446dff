package dev.storefront.common.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * A real HTTP server on 127.0.0.1 standing in for a downstream service at a caller's HTTP
 * boundary: it answers what the test chooses, can hold requests to play a slow dependency, and
 * records every request. Cross-service tests run the real services instead.
 */
public final class HttpStandIn implements AutoCloseable {

    /**
     * A request as received.
     *
     * @param method HTTP method
     * @param path request path
     * @param headers first value of each header, names in lower case
     * @param body the body as text
     */
    public record Request(String method, String path, Map<String, String> headers, String body) {
    }

    /**
     * What to answer.
     *
     * @param status HTTP status
     * @param contentType the Content-Type, or null for no body
     * @param body the body, or null
     * @param headers further headers, e.g. {@code Retry-After}
     */
    public record Answer(int status, String contentType, String body, Map<String, String> headers) {

        /** An answer without further headers. */
        public Answer(int status, String contentType, String body) {
            this(status, contentType, body, Map.of());
        }

        /** A JSON answer. */
        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Answer> responder = request -> new Answer(404, null, null);
    private volatile CountDownLatch release = new CountDownLatch(0);
    private volatile CountDownLatch arrived = new CountDownLatch(1);

    /** Starts on a free port of 127.0.0.1. */
    public HttpStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers every following request with {@code responder}; forgets earlier requests and holds. */
    public void respond(Function<Request, Answer> next) {
        requests.clear();
        arrived = new CountDownLatch(1);
        release.countDown();
        release = new CountDownLatch(0);
        responder = next;
    }

    /** Holds every following request until {@link #releaseHeld()} (at most 30 s). */
    public void hold() {
        release = new CountDownLatch(1);
    }

    /** Lets held requests be answered. */
    public void releaseHeld() {
        release.countDown();
    }

    /** Waits until a request arrived; false after the timeout. */
    public boolean awaitRequest(Duration timeout) throws InterruptedException {
        return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until a request matching {@code call} arrived; false after the timeout. */
    public boolean awaitRequest(Predicate<Request> call, Duration timeout) {
        try {
            await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(() -> requests.stream().anyMatch(call));
            return true;
        } catch (ConditionTimeoutException noSuchRequest) {
            return false;
        }
    }

    /** Requests received since the last {@link #respond}, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(request);
        arrived.countDown();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                exchange.sendResponseHeaders(504, -1);
                exchange.close();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return;
        }
        Answer answer = responder.apply(request);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        if (answer.body() == null) {
            exchange.sendResponseHeaders(answer.status(), -1);
        } else {
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
