package dev.storefront.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests a training start serves before its start-up archive is written
 * ({@link StartupArchive}), so that the archive holds the classes (and on JDK 25 the linked classes
 * and method profiles) of serving, not only of starting: the readiness check with its first
 * database or DynamoDB call, the catalog read, request bodies read and validated, problems written,
 * a call to the next service. Measured on payments (JDK 17, 2 cores, {@code -Xlog:class+load}): a
 * start mapping an archive recorded at liveness loaded 1,003 classes the archive did not hold on its
 * way to its first readiness 200 (the AWS SDK's request pipeline and Apache HttpClient among them,
 * with their lambdas and proxies); mapping one recorded after a readiness check, 216.
 *
 * <p>Every request is read-only or rejected before anything is written (an unknown order, an
 * unknown SKU, a body that fails validation, malformed JSON: docs/api.md, "Bad input"), so a
 * training start against the real databases leaves no row and no item behind. The same list goes
 * to every service, each answering 404 for the others' paths; so it is one list, which the
 * container images' build sends too (the Dockerfile's {@code train} lines, held equal to this list
 * by {@code TrainingRequestsTest}).
 */
public final class TrainingRequests {

    /** An order id no order has: order ids are random (version 4) UUIDs. */
    static final String UNKNOWN_ORDER = "00000000-0000-4000-8000-000000000000";

    /** A checkout of a SKU that is not in the catalog: 422 after the catalog is read, nothing written. */
    static final String UNKNOWN_SKU_CHECKOUT = "{\"customerEmail\":\"training@example.com\","
            + "\"items\":[{\"sku\":\"TRAINING-NO-SUCH-SKU\",\"quantity\":1}]}";

    /**
     * One request.
     *
     * @param method the HTTP method
     * @param path the path, from the service's root
     * @param body a JSON body, or null for none
     */
    public record Request(String method, String path, String body) {

        /** The Dockerfile's form: {@code train METHOD PATH ['BODY']}. */
        String asTrainLine() {
            return "train " + method + " " + path + (body == null ? "" : " '" + body + "'");
        }
    }

    /** The requests of one round, in order. */
    public static final List<Request> ROUND = List.of(
            new Request("GET", "/health/readiness", null),
            new Request("GET", "/no-such-path", null),
            new Request("GET", "/api/products", null),
            new Request("GET", "/products", null),
            new Request("GET", "/api/orders/" + UNKNOWN_ORDER, null),
            new Request("GET", "/orders/" + UNKNOWN_ORDER, null),
            new Request("GET", "/payments/" + UNKNOWN_ORDER, null),
            new Request("POST", "/api/checkout", UNKNOWN_SKU_CHECKOUT),
            new Request("POST", "/orders", UNKNOWN_SKU_CHECKOUT),
            new Request("POST", "/api/checkout", "{\"customerEmail\":"),
            new Request("PUT", "/payments/" + UNKNOWN_ORDER, "{\"amountCents\":0,\"currency\":\"USD\"}"));

    /**
     * Rounds a training start serves: the first loads the classes, the later ones run the same
     * code again (JDK 25 records how often each method ran).
     */
    public static final int ROUNDS = 3;

    /** Per request: a training start that does not answer in this is not waited for. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private TrainingRequests() {
    }

    /**
     * Sends {@link #ROUNDS} rounds of {@link #ROUND} to the service at {@code base}, one request at
     * a time, until {@code deadline}.
     *
     * @param base e.g. {@code http://127.0.0.1:41234}
     * @return the status of each request of the first round, as {@code "GET /products 200"}; a
     *     request that got no answer shows as {@code -}
     * @throws InterruptedException if interrupted while waiting for an answer
     */
    public static List<String> send(URI base, Instant deadline) throws InterruptedException {
        List<String> firstRound = new ArrayList<>();
        for (int round = 1; round <= ROUNDS && Instant.now().isBefore(deadline); round++) {
            for (Request request : ROUND) {
                String status = status(base, request);
                if (round == 1) {
                    firstRound.add(request.method() + " " + request.path() + " " + status);
                }
            }
        }
        return firstRound;
    }

    private static String status(URI base, Request request) throws InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(request.path())).timeout(REQUEST_TIMEOUT);
        if (request.body() == null) {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body()));
        }
        try {
            return Integer.toString(HTTP.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return "-";
        }
    }
}
