package dev.storefront.common.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * A service's OpenAPI document, as its build wrote it ({@code META-INF/swagger/<service>.yml} on
 * the classpath), checked against real answers: each answer is validated with Atlassian's
 * swagger-request-validator (status documented for the operation, media type, body schema,
 * documented headers), and {@link #assertEveryDocumentedAnswerWasSeen()} fails while any
 * documented status of any operation has not been produced by a test. Requests are not validated:
 * the tests send bad ones on purpose.
 */
public final class OpenApiContract {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * One request of a test.
     *
     * @param method HTTP method
     * @param operation the operation's path template in the document, e.g. {@code /orders/{orderId}}
     * @param path the path sent, e.g. {@code /orders/0b6f...}
     * @param contentType the body's Content-Type, or null
     * @param body the body, or null
     * @param headers further request headers
     */
    public record Call(String method, String operation, String path, String contentType, String body,
                       Map<String, String> headers) {

        /** A GET of {@code path}, an instance of the operation {@code operation}. */
        public static Call get(String operation, String path) {
            return new Call("GET", operation, path, null, null, Map.of());
        }

        /** A request with a JSON body to the operation's own path. */
        public static Call json(String method, String operation, String path, String body) {
            return new Call(method, operation, path, "application/json", body, Map.of());
        }

        /** The same request with another Content-Type. */
        public Call contentType(String type) {
            return new Call(method, operation, path, type, body, headers);
        }

        /** The same request with one more header. */
        public Call header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Call(method, operation, path, contentType, body, Map.copyOf(more));
        }
    }

    private final String resource;
    private final String document;
    private final OpenApiInteractionValidator validator;
    private final Set<String> documented = new TreeSet<>();
    private final Set<String> seen = new ConcurrentSkipListSet<>();

    private OpenApiContract(String resource, String document) {
        this.resource = resource;
        this.document = document;
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                // An answer whose status the operation does not list is an error, not a warning.
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.response.status.unknown", ValidationReport.Level.ERROR)
                        .build())
                .build();
        OpenAPI openApi = new OpenAPIV3Parser().readContents(document).getOpenAPI();
        openApi.getPaths().forEach((template, item) -> item.readOperationsMap().forEach((method, operation) ->
                operation.getResponses().keySet().forEach(status -> documented.add(key(method, template, status)))));
    }

    /**
     * The document the build wrote for this service.
     *
     * @param service {@code frontend}, {@code orders} or {@code payments}
     * @throws IllegalStateException if the build wrote none (annotation processing off)
     */
    public static OpenApiContract of(String service) {
        String resource = "META-INF/swagger/" + service + ".yml";
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath: the build writes it with the"
                        + " micronaut-openapi annotation processor");
            }
            return new OpenApiContract(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A document given as text.
     *
     * @param name how failures name it
     * @param document OpenAPI 3 YAML or JSON
     */
    public static OpenApiContract of(String name, String document) {
        return new OpenApiContract(name, document);
    }

    /** The document's text, as served and published. */
    public String document() {
        return document;
    }

    /**
     * Sends the call to {@code baseUrl} and validates the answer against the document.
     *
     * @return the answer, for the test's own assertions
     * @throws AssertionError if the answer does not conform, naming every difference
     */
    public HttpResponse<String> send(String baseUrl, Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + call.path()))
                .timeout(Duration.ofSeconds(15))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        if (call.contentType() != null) {
            request.header("Content-Type", call.contentType());
        }
        call.headers().forEach(request::header);
        HttpResponse<String> answer;
        try {
            answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + call.method() + " " + call.path(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertConforms(call, answer);
        return answer;
    }

    /**
     * Validates an answer obtained otherwise (e.g. by a concurrent request) and records it.
     *
     * @throws AssertionError if the answer does not conform
     */
    public void assertConforms(Call call, HttpResponse<String> answer) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.statusCode()).withBody(answer.body());
        answer.headers().map().forEach(response::withHeader);
        ValidationReport report = validator.validateResponse(call.path(), Request.Method.valueOf(call.method()),
                response.build());
        if (report.hasErrors()) {
            throw new AssertionError(call.method() + " " + call.path() + " answered " + answer.statusCode() + " "
                    + answer.body() + "\nwhich " + resource + " does not document:\n" + report);
        }
        seen.add(key(PathItem.HttpMethod.valueOf(call.method()), call.operation(), Integer.toString(answer.statusCode())));
    }

    /** Fails if any documented answer (operation and status) was not produced and validated. */
    public void assertEveryDocumentedAnswerWasSeen() {
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(seen);
        if (!missing.isEmpty()) {
            throw new AssertionError("documented in " + resource + " but never produced by a test: " + missing);
        }
    }

    /**
     * Fails if the copy published in the repository differs from the document the build wrote.
     *
     * @param published e.g. {@code ../docs/openapi/orders.yml}
     */
    public void assertPublishedCopyIsCurrent(Path published) {
        String copy;
        try {
            copy = Files.readString(published);
        } catch (IOException e) {
            throw new AssertionError(published.toAbsolutePath().normalize() + " is missing: copy "
                    + "target/classes/" + resource + " there", e);
        }
        if (!copy.equals(document)) {
            throw new AssertionError(published.toAbsolutePath().normalize() + " is out of date: copy "
                    + "target/classes/" + resource + " over it");
        }
    }

    private static String key(PathItem.HttpMethod method, String operation, String status) {
        return method + " " + operation + " " + status;
    }
}
