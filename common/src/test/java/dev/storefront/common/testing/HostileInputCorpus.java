package dev.storefront.common.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input corpus: requests a careless or hostile client sends, grouped by the finding
 * they reproduce, each with the answer it must get. Built per service from the hooks of {@link
 * BadInputContract}; {@link BadInputContract#hostileInputIsRejectedAndWritesNothing()} runs them.
 *
 * <p>Findings: 1 control characters in text fields; 2 Content-Encoding; 3 lenient JSON (fractions,
 * strings and booleans as numbers, trailing content, duplicate members, no Content-Type, currency
 * codes); 4 bodies whose framework errors would name internals; 5 health details and management
 * endpoints; 6 requests that trickle in (slowloris); 7 security headers; 8 Idempotency-Key bytes
 * and unpaired surrogates.
 */
public final class HostileInputCorpus {

    /** The deadline for receiving a whole request (storefront.server.request-receive-timeout). */
    public static final Duration REQUEST_RECEIVE_TIMEOUT = Duration.ofSeconds(10);

    /** Markers of internals no answer may carry. */
    static final List<String> INTERNALS = List.of("Exception", "\tat ", "stackTrace", "dev.storefront.",
            "io.micronaut", "com.fasterxml", "jackson", "Feature", "[class ", "$", "jdbc:", "postgres", "PostgreSQL");

    /**
     * One hostile request.
     *
     * @param finding the finding it reproduces (1 to 8)
     * @param name what it sends
     * @param request the raw request bytes (for a trickle: sent at once)
     * @param trickled bytes sent one per second after {@code request}; empty for a normal exchange
     * @param status the status it must get (0: the connection is closed without an answer)
     * @param check what else must hold of the answer
     */
    public record Case(int finding, String name, byte[] request, byte[] trickled, int status,
                       Consumer<RawHttp.Answer> check) {

        @Override
        public String toString() {
            return "finding " + finding + ": " + name;
        }
    }

    private final BadInputContract service;
    private final List<Case> cases = new ArrayList<>();

    private HostileInputCorpus(BadInputContract service) {
        this.service = service;
    }

    /** Every case for that service. */
    public static List<Case> cases(BadInputContract service) {
        HostileInputCorpus corpus = new HostileInputCorpus(service);
        corpus.controlCharacters();
        corpus.contentEncodings();
        corpus.lenientJson();
        corpus.internals();
        corpus.healthAndManagement();
        corpus.trickles();
        corpus.securityHeaders();
        corpus.idempotencyKeysAndSurrogates();
        return List.copyOf(corpus.cases);
    }

    // Finding 1: text that PostgreSQL (NUL), logs and headers (CR, LF) cannot hold.
    private void controlCharacters() {
        Map<String, String> controls = Map.of(
                "NUL", "\\u0000", "SOH", "\\u0001", "unit separator", "\\u001f", "DEL", "\u007f",
                "CR LF", "\\r\\n", "NEL (C1)", "\u0085", "tab", "\\t");
        for (Map.Entry<String, String> field : service.textFields().entrySet()) {
            controls.forEach((name, control) -> invalidField(1, name + " in " + field.getKey(),
                    service.bodyWith(field.getKey(), "\"" + field.getValue() + control + "\""), field.getKey()));
        }
    }

    // Finding 2: a content coding the services do not take is 415, never an attempt to inflate.
    private void contentEncodings() {
        byte[] valid = utf8(service.validBody());
        for (String coding : List.of("gzip", "deflate", "br", "x-unknown", "identity, gzip")) {
            problem(2, "Content-Encoding " + coding + " on a plain body",
                    write("Content-Type: application/json\nContent-Encoding: " + coding, valid), 415);
        }
        problem(2, "Content-Encoding gzip on a gzipped body",
                write("Content-Type: application/json\nContent-Encoding: gzip", gzip(valid)), 415);
    }

    // Finding 3: JSON that a lenient binder would silently turn into another request.
    private void lenientJson() {
        for (String field : service.wholeNumberFields()) {
            for (String value : List.of("2.5", "2.9", "2.0", "1e1", "\"2\"", "true", "false", "[2]", "{\"value\":2}",
                    "99999999999999999999", "-")) {
                problem(3, field + " = " + value, json(service.bodyWith(field, value)), 400);
            }
        }
        for (String field : service.textFields().keySet()) {
            for (String value : List.of("5", "true", "{}", "[\"a\"]")) {
                problem(3, field + " = " + value, json(service.bodyWith(field, value)), 400);
            }
        }
        String valid = service.validBody();
        String firstMember = valid.substring(1, valid.indexOf(',', valid.indexOf(':')));
        problem(3, "trailing garbage", json(valid + "x"), 400);
        problem(3, "two JSON documents", json(valid + valid), 400);
        problem(3, "an object, then an empty one", json(valid + " {}"), 400);
        problem(3, "a value after the object", json(valid + " 1"), 400);
        problem(3, "a duplicate member", json("{" + firstMember + "," + valid.substring(1)), 400);
        problem(3, "a duplicate member, the second one invalid",
                json(valid.substring(0, valid.length() - 1) + "," + firstMember.replaceAll(":.*", ":null") + "}"), 400);
        problem(3, "a comment", json("/* note */" + valid), 400);
        problem(3, "single quotes", json(valid.replace('"', '\'')), 400);
        problem(3, "NaN", json(service.bodyWith(service.wholeNumberFields().get(0), "NaN")), 400);
        problem(3, "an empty body", json(""), 400);
        problem(3, "no Content-Type", write("", utf8(valid)), 415);
        problem(3, "Content-Type text/plain", write("Content-Type: text/plain", utf8(valid)), 415);
        problem(3, "Content-Type JSON with charset ISO-8859-1",
                write("Content-Type: application/json; charset=ISO-8859-1", utf8(valid)), 415);
        problem(3, "Content-Type JSON with an unknown charset",
                write("Content-Type: application/json; charset=no-such-charset", utf8(valid)), 415);
        problem(3, "an unparseable Content-Type", write("Content-Type: ;;;", utf8(valid)), 415);
        problem(3, "Content-Type application/x-www-form-urlencoded",
                write("Content-Type: application/x-www-form-urlencoded", utf8("a=1")), 415);
        for (String currency : service.currencyFields()) {
            for (String code : List.of("ZZZ", "usd", "US", "USDX", "XXX", "XAU", "U$D")) {
                invalidField(3, currency + " = " + code, service.bodyWith(currency, "\"" + code + "\""), currency);
            }
        }
    }

    // Finding 4: bodies whose parser or binder errors would name Java types or parser settings.
    private void internals() {
        problem(4, "a JSON array instead of an object", json("[" + service.validBody() + "]"), 400);
        problem(4, "a JSON string instead of an object", json("\"order\""), 400);
        problem(4, "a JSON number instead of an object", json("42"), 400);
        problem(4, "null instead of an object", json("null"), 400);
        problem(4, "an unterminated string", json("{\"a\":\"b"), 400);
        problem(4, "a truncated object", json(service.validBody().substring(0, service.validBody().length() - 1)), 400);
        for (String field : service.wholeNumberFields()) {
            problem(4, field + " as a nested object", json(service.bodyWith(field, "{\"a\":{\"b\":[1]}}")), 400);
        }
        for (Map.Entry<String, String> shape : service.wrongShapes().entrySet()) {
            problem(4, shape.getKey(), json(shape.getValue()), 400);
        }
    }

    // Finding 5: health shows status only; no management endpoint is open.
    private void healthAndManagement() {
        for (String path : List.of("/health", "/health/readiness", "/health/liveness")) {
            add(5, "GET " + path + " shows no details", get(path, ""), 200, answer -> assertThat(answer.body())
                    .doesNotContain("details").doesNotContain("jdbc").doesNotContain("url")
                    .doesNotContain("version").doesNotContain("table").doesNotContain("components"));
        }
        add(5, "GET /health with Accept application/json shows no details",
                get("/health", "Accept: application/json"), 200,
                answer -> assertThat(answer.body()).isEqualTo("{\"status\":\"UP\"}"));
        for (String path : List.of("/env", "/beans", "/loggers", "/metrics", "/routes", "/refresh", "/threaddump")) {
            problem(5, "GET " + path + " is not served", get(path, ""), 404);
        }
        problem(5, "POST /stop is not served",
                RawHttp.request("POST /stop HTTP/1.1\nContent-Type: application/json\nContent-Length: 2", utf8("{}")),
                404);
    }

    // Finding 6: a request must arrive in full within the deadline, or the connection is closed.
    private void trickles() {
        String method = service.writeMethod() + " " + service.writePath() + " HTTP/1.1\r\n";
        byte[] body = utf8(service.validBody());
        String head = method + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n";
        byte[] trickledHead = latin1(head + "X-Padding: " + "a".repeat(60));
        trickle("headers one byte per second", java.util.Arrays.copyOf(trickledHead, 1),
                java.util.Arrays.copyOfRange(trickledHead, 1, trickledHead.length), 408);
        trickle("headers without the final CRLF, then silence", latin1(head), new byte[0], 408);
        trickle("a request line only, then silence", latin1(method), new byte[0], 408);
        trickle("a short body for a long Content-Length, then silence",
                concat(latin1(head + "\r\n"), java.util.Arrays.copyOf(body, body.length / 2)), new byte[0], 0);
        trickle("the body one byte per second", latin1(head + "\r\n"), body, 0);
    }

    // Finding 7: browser security headers on the page and on API and problem answers.
    private void securityHeaders() {
        Consumer<RawHttp.Answer> headers = answer -> {
            assertThat(answer.header("Content-Security-Policy")).as("CSP")
                    .contains("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(answer.header("Referrer-Policy")).isEqualTo("no-referrer");
        };
        add(7, "GET " + service.pagePath(), get(service.pagePath(), ""), 200, headers);
        add(7, "a 404 problem", get("/no/such/page", ""), 404, headers.andThen(BadInputContract::assertProblemShape));
        add(7, "a 400 problem", json("{"), 400, headers.andThen(BadInputContract::assertProblemShape));
        add(7, "a 415 problem", write("Content-Type: text/plain", utf8("x")), 415,
                headers.andThen(BadInputContract::assertProblemShape));
        add(7, "a 405 problem", RawHttp.request("DELETE " + service.writePath() + " HTTP/1.1", new byte[0]), 405,
                headers.andThen(BadInputContract::assertProblemShape));
    }

    // Finding 8: an Idempotency-Key is printable ASCII of at most 255 characters; text is valid UTF-16.
    private void idempotencyKeysAndSurrogates() {
        for (Map.Entry<String, String> field : service.textFields().entrySet()) {
            invalidField(8, "an unpaired high surrogate in " + field.getKey(),
                    service.bodyWith(field.getKey(), "\"" + field.getValue() + "\\ud800\""), field.getKey());
            invalidField(8, "an unpaired low surrogate in " + field.getKey(),
                    service.bodyWith(field.getKey(), "\"\\udc00" + field.getValue() + "\""), field.getKey());
            invalidField(8, "surrogates in the wrong order in " + field.getKey(),
                    service.bodyWith(field.getKey(), "\"" + field.getValue() + "\\udc00\\ud800\""), field.getKey());
            invalidField(8, "a high surrogate before a letter in " + field.getKey(),
                    service.bodyWith(field.getKey(), "\"\\ud83dx" + field.getValue() + "\""), field.getKey());
            invalidField(8, "two high surrogates in " + field.getKey(),
                    service.bodyWith(field.getKey(), "\"" + field.getValue() + "\\ud83d\\ud83d\""), field.getKey());
        }
        if (!service.takesIdempotencyKey()) {
            return;
        }
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        keys.put("UTF-8 bytes", new String(utf8("ключ-1"), StandardCharsets.ISO_8859_1));
        keys.put("a Latin-1 byte", "cl\u00e9-1");
        keys.put("a tab", "key\t1");
        keys.put("256 characters", "k".repeat(256));
        keys.put("an empty value", "");
        keys.put("spaces only", "   ");
        keys.put("a DEL byte", "key\u007f1");
        for (Map.Entry<String, String> key : keys.entrySet()) {
            problem(8, "Idempotency-Key with " + key.getKey(),
                    write("Content-Type: application/json\nIdempotency-Key: " + key.getValue(),
                            utf8(service.validBody())), 400);
        }
    }

    private void invalidField(int finding, String name, String body, String field) {
        add(finding, name, json(body), 400, answer -> {
            BadInputContract.assertProblemShape(answer);
            assertThat(answer.body()).as("errors").contains("\"errors\":[").contains("\"field\":\"" + field + "\"");
        });
    }

    private void problem(int finding, String name, byte[] request, int status) {
        add(finding, name, request, status, BadInputContract::assertProblemShape);
    }

    private void add(int finding, String name, byte[] request, int status, Consumer<RawHttp.Answer> check) {
        cases.add(new Case(finding, name, request, new byte[0], status, check));
    }

    private void trickle(String name, byte[] prefix, byte[] rest, int status) {
        cases.add(new Case(6, name, prefix, rest, status, answer -> {
            if (status != 0) {
                BadInputContract.assertProblemShape(answer);
            }
        }));
    }

    private byte[] json(String body) {
        return write("Content-Type: application/json", utf8(body));
    }

    private byte[] write(String headers, byte[] body) {
        String head = service.writeMethod() + " " + service.writePath() + " HTTP/1.1\n"
                + (headers.isEmpty() ? "" : headers + "\n") + "Content-Length: " + body.length;
        return RawHttp.request(head, body);
    }

    private static byte[] get(String path, String headers) {
        return RawHttp.request("GET " + path + " HTTP/1.1" + (headers.isEmpty() ? "" : "\n" + headers), new byte[0]);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The port of a base URL such as {@code http://localhost:43567}. */
    static int port(String url) {
        return URI.create(url).getPort();
    }

    /** Starts a trickled case now; the future completes when the server closed or 30 s passed. */
    static CompletableFuture<RawHttp.Trickle> start(RawHttp http, Case trickled) {
        return CompletableFuture.supplyAsync(() -> http.trickle(trickled.request(), trickled.trickled(),
                Duration.ofSeconds(1), REQUEST_RECEIVE_TIMEOUT.plusSeconds(20)));
    }
}
