package dev.storefront.orders;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 that answers {@code PUT /payments/{orderId}} the way payments
 * does, with a behaviour the test chooses (authorize, decline, fail, hold), and records every
 * request body. It stands at orders' HTTP boundary; the cross-service test runs the real payments.
 */
final class PaymentsStandIn implements AutoCloseable {

    enum Behaviour { AUTHORIZE, DECLINE, FAIL_503, HOLD }

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour = Behaviour.AUTHORIZE;
    private volatile CountDownLatch release = new CountDownLatch(0);
    private volatile CountDownLatch arrived = new CountDownLatch(1);

    PaymentsStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/payments/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Sets what the next requests get; HOLD blocks each until {@link #releaseHeld()}. */
    void behave(Behaviour next) {
        requests.clear();
        arrived = new CountDownLatch(1);
        release = next == Behaviour.HOLD ? new CountDownLatch(1) : new CountDownLatch(0);
        behaviour = next;
    }

    void releaseHeld() {
        release.countDown();
    }

    /** Waits until a request arrived; false after the timeout. */
    boolean awaitRequest(Duration timeout) throws InterruptedException {
        return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Bodies received since the last {@link #behave}, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(body);
        arrived.countDown();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                exchange.sendResponseHeaders(504, -1);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String orderId = exchange.getRequestURI().getPath().substring("/payments/".length());
        String status = switch (behaviour) {
            case DECLINE -> "DECLINED";
            case FAIL_503 -> null;
            default -> "AUTHORIZED";
        };
        if (status == null) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        byte[] answer = ("{\"paymentId\":\"" + UUID.randomUUID() + "\",\"orderId\":\"" + orderId
                + "\",\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(201, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
