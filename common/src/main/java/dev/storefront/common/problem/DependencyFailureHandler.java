package dev.storefront.common.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.problem.HttpStatusType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zalando.problem.Problem;

import java.net.URI;
import java.util.Map;

/**
 * Base of the handlers that turn a failing dependency (database, DynamoDB, another service) into a
 * fast 503 problem with {@code Retry-After}, instead of a 500: the request was fine, the service
 * could not finish it now, and nothing was lost. The cause is logged here, never sent to the client.
 *
 * @param <T> the dependency's exception type
 */
public abstract class DependencyFailureHandler<T extends Throwable> implements ExceptionHandler<T, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(DependencyFailureHandler.class);

    /** Seconds a client should wait before retrying (RFC 9110 §10.2.3). */
    static final String RETRY_AFTER_SECONDS = "1";

    private final ErrorResponseProcessor<?> responseProcessor;
    private final String dependency;

    /**
     * @param responseProcessor writes the problem body
     * @param dependency human name of the dependency, e.g. {@code "the orders database"}
     */
    protected DependencyFailureHandler(ErrorResponseProcessor<?> responseProcessor, String dependency) {
        this.responseProcessor = responseProcessor;
        this.dependency = dependency;
    }

    /**
     * Whether this exception means the dependency is unavailable (503); otherwise it is a server
     * error (500, logged with its stack trace). All of them by default.
     */
    protected boolean isDependencyFailure(T exception) {
        return true;
    }

    /**
     * The problem's detail: by default that the dependency is unavailable and nothing was lost. A
     * handler whose request may have had effects before the dependency failed says so instead.
     */
    protected String detail(T exception) {
        return capitalized(dependency) + " is unavailable; nothing was lost. "
                + "Retry shortly, with the same Idempotency-Key for a checkout.";
    }

    /** Headers added to the 503 answer besides {@code Retry-After}; none by default. */
    protected Map<String, String> headers(T exception) {
        return Map.of();
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, T exception) {
        if (!isDependencyFailure(exception)) {
            LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
            return responseProcessor.processResponse(ErrorContext.builder(request).cause(exception).build(),
                    HttpResponse.serverError());
        }
        LOG.warn("{} {} failed: {} unavailable ({})", request.getMethod(), request.getPath(), dependency,
                exception.toString());
        Problem problem = Problem.builder()
                .withType(URI.create(DomainExceptionHandler.TYPE_PREFIX + "dependency-unavailable"))
                .withTitle("Service unavailable")
                .withStatus(new HttpStatusType(HttpStatus.SERVICE_UNAVAILABLE))
                .withDetail(detail(exception))
                .build();
        MutableHttpResponse<?> response = HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", RETRY_AFTER_SECONDS);
        headers(exception).forEach(response::header);
        return responseProcessor.processResponse(ErrorContext.builder(request).cause((Throwable) problem).build(),
                response);
    }

    /** The text with its first letter in upper case. */
    protected static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
