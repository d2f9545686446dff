package dev.storefront.common.testing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A bounded checkout load through frontend's public API, as shoppers make it: a fresh
 * Idempotency-Key per checkout, every answer recorded, and later one retry of every checkout with
 * its own key and body. It stops at whichever bound comes first, count or time.
 */
public final class CheckoutLoad {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String frontendUrl;
    private final String email;

    /**
     * @param frontendUrl frontend's base URL, on 127.0.0.1 or a container of the project
     * @param email the customer e-mail of every checkout, to tell this load's orders from others'
     */
    public CheckoutLoad(String frontendUrl, String email) {
        this.frontendUrl = frontendUrl;
        this.email = email;
    }

    /**
     * An order as orders answers it and frontend relays it (docs/api.md): what the load records, and
     * what the services' tests bind order answers to (Micronaut serde there, Jackson here).
     *
     * @param orderId order id
     * @param status PENDING, PAID or DECLINED
     * @param customerEmail customer's e-mail address
     * @param items priced lines
     * @param totalCents total in minor units of {@code currency}
     * @param currency ISO 4217 code
     * @param paymentId payments' id of the intent; null while PENDING
     * @param createdAt when the order was stored, as the service wrote it (ISO 8601, UTC): text, so
     *     that a test can assert the exact form clients get
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Order(String orderId, String status, String customerEmail, List<Line> items, long totalCents,
                        String currency, String paymentId, String createdAt) {

        /**
         * One priced line.
         *
         * @param sku the product
         * @param quantity units
         * @param unitPriceCents price of one unit in minor units
         */
        @Serdeable
        @JsonIgnoreProperties(ignoreUnknown = true)
        public record Line(String sku, int quantity, long unitPriceCents) {
        }
    }

    /**
     * One checkout and what the client saw.
     *
     * @param idempotencyKey the key it was sent with
     * @param body the request body
     * @param status HTTP status, or -1 if no answer came (connection failed or timed out)
     * @param order the order answered with 200, 201 or 202; empty otherwise
     * @param answer the answer body or the failure, for messages
     */
    public record Checkout(String idempotencyKey, String body, int status, Optional<Order> order, String answer) {

        /** Whether frontend acknowledged an order: 201 or 202. */
        public boolean acknowledged() {
            return status == 201 || status == 202;
        }
    }

    /**
     * The shape of a load, bounded in count and time.
     *
     * @param ratePerSecond checkouts started a second
     * @param maxCheckouts it stops after this many
     * @param duration or after this long, whichever comes first
     */
    public record Shape(int ratePerSecond, int maxCheckouts, Duration duration) {
    }

    /**
     * Runs the load, each checkout on a pool of 16 client threads; {@code during} runs on this
     * thread meanwhile (the fault). Returns when every checkout has its answer.
     */
    public List<Checkout> run(Shape shape, Runnable during) throws Exception {
        int ratePerSecond = shape.ratePerSecond();
        int maxCheckouts = shape.maxCheckouts();
        Duration duration = shape.duration();
        List<CompletableFuture<Checkout>> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(16);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        int[] skus = {1, 2, 4, 7, 9, 12, 14};
        pacer.scheduleAtFixedRate(() -> {
            if (sent.size() < maxCheckouts && System.nanoTime() - start < duration.toNanos()) {
                int n = sent.size();
                String body = "{\"customerEmail\":\"" + email + "\",\"items\":[{\"sku\":\"SKU-" + skus[n % skus.length]
                        + "\",\"quantity\":" + (1 + n % 3) + "}]}";
                sent.add(CompletableFuture.supplyAsync(() -> checkout(UUID.randomUUID().toString(), body), clients));
            }
        }, 0, 1000 / ratePerSecond, TimeUnit.MILLISECONDS);
        try {
            during.run();
            long left = duration.toNanos() - (System.nanoTime() - start);
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        } finally {
            pacer.shutdown();
            pacer.awaitTermination(5, TimeUnit.SECONDS);
        }
        List<Checkout> checkouts;
        synchronized (sent) {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            checkouts = sent.stream().map(CompletableFuture::join).toList();
        }
        clients.shutdown();
        return checkouts;
    }

    /** Retries each checkout once, with its own key and body, 8 at a time. */
    public List<Checkout> retry(List<Checkout> checkouts) {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            return checkouts.stream()
                    .map(c -> CompletableFuture.supplyAsync(() -> checkout(c.idempotencyKey(), c.body()), clients))
                    .toList().stream().map(CompletableFuture::join).toList();
        } finally {
            clients.shutdown();
        }
    }

    /** How many answers had each status, e.g. {@code {201=180, 202=20}}; -1 for no answer. */
    public static Map<Integer, Long> statuses(List<Checkout> checkouts) {
        return checkouts.stream().collect(Collectors.groupingBy(Checkout::status, TreeMap::new, Collectors.counting()));
    }

    /** One checkout: POST /api/checkout with the key; 15 s at most. */
    public Checkout checkout(String idempotencyKey, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(frontendUrl + "/api/checkout"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            Optional<Order> order = answer.statusCode() >= 200 && answer.statusCode() < 300
                    ? Optional.of(JSON.readValue(answer.body(), Order.class)) : Optional.empty();
            return new Checkout(idempotencyKey, body, answer.statusCode(), order, answer.body());
        } catch (IOException e) {
            return new Checkout(idempotencyKey, body, -1, Optional.empty(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Checkout(idempotencyKey, body, -1, Optional.empty(), e.toString());
        }
    }
}
