package dev.storefront.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A reverse proxy on 127.0.0.1 in front of frontend, standing in for the network between a
 * browser and the load balancer: it forwards every request and answer, records the checkouts it
 * saw, and can lose the answer of one checkout that stored an order (a 2xx answer: the order is
 * stored, the browser gets a dropped connection), as a network failure on the way back would.
 * Every answer closes its connection, so the browser never silently resends a request on a reused
 * one: any second try is the page's own.
 */
final class AnswerDroppingProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerDroppingProxy.class);

    /** Request headers passed on; the rest (Host, Connection, Content-Length...) the client sets. */
    private static final List<String> FORWARDED_REQUEST_HEADERS =
            List.of("Accept", "Content-Type", "Idempotency-Key", "traceparent");
    private static final List<String> FORWARDED_ANSWER_HEADERS =
            List.of("Content-Type", "Location", "Idempotency-Key", "Retry-After", "Cache-Control");

    /**
     * One {@code POST /api/checkout} as forwarded.
     *
     * @param idempotencyKey its Idempotency-Key header, or null
     * @param status frontend's answer status, or 0 without an answer
     * @param dropped whether the answer was withheld from the browser
     */
    record Checkout(String idempotencyKey, int status, boolean dropped) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final HttpClient upstream = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String target;
    private final List<Checkout> checkouts = new CopyOnWriteArrayList<>();
    private final AtomicBoolean dropNextStoredCheckoutAnswer = new AtomicBoolean();

    /** @param target frontend's base URL, e.g. {@code http://127.0.0.1:8080} */
    AnswerDroppingProxy(String target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    /** The port it listens on, on 127.0.0.1. */
    int port() {
        return server.getAddress().getPort();
    }

    /** Loses the next 2xx answer of a checkout, once; other answers pass. */
    void dropNextStoredCheckoutAnswer() {
        dropNextStoredCheckoutAnswer.set(true);
    }

    /** The checkouts forwarded so far, in order. */
    List<Checkout> checkouts() {
        return List.copyOf(checkouts);
    }

    /** The checkouts forwarded with this Idempotency-Key. */
    List<Checkout> checkouts(String idempotencyKey) {
        return checkouts.stream().filter(c -> idempotencyKey.equals(c.idempotencyKey())).toList();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(20))
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : FORWARDED_REQUEST_HEADERS) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    request.header(name, value);
                }
            }
            boolean checkout = "POST".equals(method) && "/api/checkout".equals(exchange.getRequestURI().getPath());
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            HttpResponse<byte[]> answer;
            try {
                answer = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (checkout) {
                    checkouts.add(new Checkout(key, 0, false));
                    LOG.info("checkout {} got no answer from frontend: {}", key, e.toString());
                }
                exchange.getResponseHeaders().set("Connection", "close");
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            if (checkout) {
                boolean stored = answer.statusCode() >= 200 && answer.statusCode() < 300;
                boolean drop = stored && dropNextStoredCheckoutAnswer.compareAndSet(true, false);
                checkouts.add(new Checkout(key, answer.statusCode(), drop));
                LOG.info("checkout {} answered {}{}", key, answer.statusCode(), drop ? ", answer dropped" : "");
                if (drop) {
                    // Closing the exchange before any answer was sent closes the connection: the
                    // browser sees the connection drop, not an HTTP error.
                    return;
                }
            }
            for (String name : FORWARDED_ANSWER_HEADERS) {
                answer.headers().firstValue(name).ifPresent(value -> exchange.getResponseHeaders().set(name, value));
            }
            exchange.getResponseHeaders().set("Connection", "close");
            byte[] answerBody = answer.body();
            exchange.sendResponseHeaders(answer.statusCode(), answerBody.length == 0 ? -1 : answerBody.length);
            if (answerBody.length > 0) {
                exchange.getResponseBody().write(answerBody);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
