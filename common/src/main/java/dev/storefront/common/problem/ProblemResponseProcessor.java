package dev.storefront.common.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.problem.HttpStatusType;
import io.micronaut.problem.ProblemErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.zalando.problem.Problem;
import org.zalando.problem.ProblemBuilder;
import org.zalando.problem.ThrowableProblem;

import java.util.stream.Collectors;

/**
 * Writes every error answer as an RFC 9457 {@code application/problem+json} body: the problems
 * this application throws ({@link DomainException}, validation) as they are, and framework errors
 * (unknown path, malformed JSON, wrong content type, body too large) with {@code type}
 * {@code about:blank}, the status phrase as {@code title} and, for client errors only, a
 * {@code detail} saying what was wrong. Server errors (5xx) never carry an exception message, SQL
 * or stack trace.
 *
 * <p>Replaces problem-json's processor, which with Micronaut Serde nests extension members under
 * {@code parameters} instead of writing them at the top level.
 */
@Singleton
@Replaces(ProblemErrorResponseProcessor.class)
final class ProblemResponseProcessor implements ErrorResponseProcessor<ProblemDetails> {

    /** The media type of RFC 9457 problem details. */
    static final String APPLICATION_PROBLEM_JSON = "application/problem+json";

    private static final String SERVER_ERROR_DETAIL =
            "The request could not be completed. It is safe to retry with the same Idempotency-Key.";

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<ProblemDetails> processResponse(ErrorContext errorContext,
                                                               MutableHttpResponse<?> response) {
        if (errorContext.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<ProblemDetails>) response;
        }
        Problem problem = errorContext.getRootCause()
                .filter(ThrowableProblem.class::isInstance)
                .map(ThrowableProblem.class::cast)
                .map(Problem.class::cast)
                .orElseGet(() -> defaultProblem(errorContext, response.getStatus()));
        return response.contentType(APPLICATION_PROBLEM_JSON).body(ProblemDetails.from(problem));
    }

    private static Problem defaultProblem(ErrorContext errorContext, HttpStatus status) {
        ProblemBuilder problem = Problem.builder()
                .withTitle(status.getReason())
                .withStatus(new HttpStatusType(status));
        if (status.getCode() >= 500) {
            return problem.withDetail(SERVER_ERROR_DETAIL).build();
        }
        // The first line only: parsers append source locations that help no client.
        String detail = errorContext.getErrors().stream()
                .map(Error::getMessage)
                .map(message -> message.lines().findFirst().orElse(""))
                .collect(Collectors.joining("; "));
        return detail.isBlank() ? problem.build() : problem.withDetail(detail).build();
    }
}
