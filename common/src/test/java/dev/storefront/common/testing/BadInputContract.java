package dev.storefront.common.testing;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input rules of docs/api.md, the same for every service: malformed JSON 400, invalid
 * fields 400 with {@code errors}, body over 64 KiB 413, wrong content type 415, unknown path
 * 404; each an RFC 9457 problem without a stack trace, and nothing written. A service's test
 * implements the hooks and inherits the tests. Requests are raw (JDK HTTP client, or a plain
 * socket for the {@link HostileInputCorpus}), so the bytes and headers are exactly what a careless
 * or hostile client would send.
 */
public interface BadInputContract {

    /**
     * A body that breaks a field rule, and the field the {@code errors} member must name.
     *
     * @param json the request body
     * @param field the expected field path, e.g. {@code items[0].quantity}
     */
    record InvalidBody(String json, String field) {
    }

    /** Base URL of the service under test, e.g. {@code http://127.0.0.1:43567}. */
    String serviceUrl();

    /** The write endpoint's method: POST or PUT. */
    String writeMethod();

    /** The write endpoint's path. */
    String writePath();

    /** A body the write endpoint accepts. */
    String validBody();

    /** Bodies that break one rule each. */
    List<InvalidBody> invalidBodies();

    /** How many writes the service has made so far (rows, items, or forwarded requests). */
    long writes();

    /**
     * {@link #validBody()} with one member's value replaced by raw JSON.
     *
     * @param field a field of {@link #textFields()}, {@link #wholeNumberFields()} or {@link #currencyFields()}
     * @param rawJson the JSON text of the new value, e.g. {@code 2.5} or {@code "SKU-1"}
     */
    String bodyWith(String field, String rawJson);

    /** Text fields, as the {@code errors} member names them, each with a valid value. */
    Map<String, String> textFields();

    /** Whole-number fields, as the {@code errors} member names them. */
    List<String> wholeNumberFields();

    /** ISO 4217 currency fields; none by default. */
    default List<String> currencyFields() {
        return List.of();
    }

    /** Bodies of a wrong shape for this endpoint (a name for each); none by default. */
    default Map<String, String> wrongShapes() {
        return Map.of();
    }

    /** Whether the write endpoint takes an {@code Idempotency-Key} header. */
    default boolean takesIdempotencyKey() {
        return false;
    }

    /** A page a browser may load from the service: {@code /health/liveness} by default. */
    default String pagePath() {
        return "/health/liveness";
    }

    /**
     * The hostile-input corpus ({@link HostileInputCorpus}): each case gets its status, an RFC 9457
     * problem without internals where it is an error, and nothing is written. Requests that trickle
     * in all start first, in parallel, and must be cut off by the request receive deadline.
     */
    @TestFactory
    default Stream<DynamicTest> hostileInputIsRejectedAndWritesNothing() {
        RawHttp http = new RawHttp(HostileInputCorpus.port(serviceUrl()));
        List<HostileInputCorpus.Case> cases = HostileInputCorpus.cases(this);
        long writesBefore = writes();
        List<DynamicTest> tests = new ArrayList<>();
        List<DynamicTest> trickles = new ArrayList<>();
        for (HostileInputCorpus.Case hostile : cases) {
            if (hostile.trickled().length > 0 || hostile.finding() == 6) {
                CompletableFuture<RawHttp.Trickle> run = HostileInputCorpus.start(http, hostile);
                trickles.add(DynamicTest.dynamicTest(hostile.toString(), () -> {
                    RawHttp.Trickle trickle = run.join();
                    LoggerHolder.LOG.info("{} {}: closed after {} ms, {} bytes sent, status {}", serviceUrl(), hostile,
                            trickle.closedAfter().toMillis(), trickle.bytesSent(), trickle.answer().status());
                    assertThat(trickle.closedAfter()).as("closed by the request receive deadline")
                            .isBetween(HostileInputCorpus.REQUEST_RECEIVE_TIMEOUT.minusMillis(500),
                                    HostileInputCorpus.REQUEST_RECEIVE_TIMEOUT.plusSeconds(5));
                    assertThat(trickle.answer().status()).isEqualTo(hostile.status());
                    hostile.check().accept(trickle.answer());
                }));
                continue;
            }
            tests.add(DynamicTest.dynamicTest(hostile.toString(), () -> {
                long before = writes();
                RawHttp.Answer answer = http.exchange(hostile.request());
                assertThat(answer.status()).as("status; body %s", answer.body()).isEqualTo(hostile.status());
                hostile.check().accept(answer);
                assertThat(writes()).as("writes").isEqualTo(before);
            }));
        }
        tests.addAll(trickles);
        tests.add(DynamicTest.dynamicTest("the corpus wrote nothing, and has enough cases",
                () -> {
                    assertThat(writes()).isEqualTo(writesBefore);
                    assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
                    for (int finding = 1; finding <= 8; finding++) {
                        int f = finding;
                        assertThat(cases.stream().filter(c -> c.finding() == f).count())
                                .as("cases of finding %d", finding).isGreaterThanOrEqualTo(5);
                    }
                }));
        return tests.stream();
    }

    @Test
    default void malformedJsonIs400ProblemAndWritesNothing() {
        long before = writes();

        HttpResponse<String> answer = send(writeMethod(), writePath(), "application/json", "{\"customerEmail\": ");

        assertProblem(answer, 400);
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    default void invalidFieldsAre400WithErrorsNamingTheFieldAndWriteNothing() {
        long before = writes();
        for (InvalidBody invalid : invalidBodies()) {
            HttpResponse<String> answer = send(writeMethod(), writePath(), "application/json", invalid.json());

            assertThat(answer.statusCode()).as("status of %s: %s", invalid.json(), answer.body()).isEqualTo(400);
            assertProblem(answer, 400);
            assertThat(answer.body()).as("errors of %s", invalid.json())
                    .contains("\"errors\":[").contains("\"field\":\"" + invalid.field() + "\"");
        }
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    default void bodyOver64KiBIs413AndWritesNothing() {
        long before = writes();
        String padding = "x".repeat(65 * 1024);

        HttpResponse<String> answer = send(writeMethod(), writePath(), "application/json",
                validBody().replaceFirst("\\{", "{\"padding\":\"" + padding + "\","));

        assertProblem(answer, 413);
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    default void wrongContentTypeIs415AndWritesNothing() {
        long before = writes();

        HttpResponse<String> answer = send(writeMethod(), writePath(), "text/plain", validBody());

        assertProblem(answer, 415);
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    default void unknownPathIs404Problem() {
        assertProblem(send("GET", "/no/such/path", null, null), 404);
    }

    /** Sends one raw request to the service; never follows redirects. */
    default HttpResponse<String> send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serviceUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("no answer from " + serviceUrl() + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 9457 problem answer with the members clients rely on, and no internals. */
    static void assertProblemShape(RawHttp.Answer answer) {
        assertThat(answer.header("Content-Type")).as("Content-Type of %s", answer.body())
                .isEqualTo("application/problem+json");
        assertThat(answer.body()).startsWith("{")
                .contains("\"type\":").contains("\"title\":").contains("\"status\":" + answer.status())
                .contains("\"detail\":");
        for (String internal : HostileInputCorpus.INTERNALS) {
            assertThat(answer.body()).as("no internals").doesNotContain(internal);
        }
    }

    /** The logger of the contract's measurements. */
    final class LoggerHolder {
        static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BadInputContract.class);

        private LoggerHolder() {
        }
    }

    /** An RFC 9457 problem of that status, with the members clients rely on, and no internals. */
    static void assertProblem(HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body())
                .contains("\"type\":").contains("\"title\":").contains("\"status\":" + status).contains("\"detail\":")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("stackTrace");
    }
}
