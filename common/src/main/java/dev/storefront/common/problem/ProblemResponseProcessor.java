package dev.storefront.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.storefront.common.json.InvalidJsonValueException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.exceptions.SerdeException;
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

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes every error answer as an RFC 9457 {@code application/problem+json} body: the problems
 * this application throws ({@link DomainException}, validation) as they are, and framework errors
 * (unknown path, malformed JSON, wrong content type, body too large) with {@code type}
 * {@code about:blank}, the status phrase as {@code title} and, for client errors only, a
 * {@code detail} saying what was wrong. Server errors (5xx) never carry an exception message, SQL
 * or stack trace.
 *
 * <p>Replaces problem-json's processor (micronaut-problem-json 3.3.0), which nests extension
 * members such as {@code errors} and {@code skus} under {@code parameters} instead of writing them
 * at the top level as RFC 9457 §3.2 has them: micronaut-problem-json issue #455, "Serialization of
 * custom parameters nested in "parameters" field", open. Once a release fixes it, the library's
 * processor could write the domain problems again; the rest of this class (no internals in a
 * framework error's detail, no detail on a 5xx) would then move to an exception handler. The
 * services' bad-input and OpenAPI contract tests check the top-level members either way.
 */
@Singleton
@Replaces(ProblemErrorResponseProcessor.class)
final class ProblemResponseProcessor implements ErrorResponseProcessor<ProblemDetails> {

    /** The media type of RFC 9457 problem details. */
    static final String APPLICATION_PROBLEM_JSON = "application/problem+json";

    /**
     * Signs of internals in a framework message: a qualified Java type name, a nested class, an
     * exception or a parser feature.
     */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+\\.[A-Z]\\w*|\\$|Exception|Feature|\\[class |Error decoding");

    /** What a client is told when the framework's own message is not fit to show. */
    private static final Map<Integer, String> GENERIC_DETAILS = Map.of(
            400, "The request is malformed: check the body against the API's JSON shape.",
            404, "Nothing is found at this path.",
            405, "This method is not allowed on this path.",
            413, "The body is larger than this service accepts (64 KiB).",
            415, "This content type is not supported: send application/json.");

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
        Optional<InvalidJsonValueException> invalidValue = causeOfType(errorContext, InvalidJsonValueException.class);
        if (invalidValue.isPresent()) {
            String field = invalidValue.get().field();
            String message = invalidValue.get().getMessage();
            return problem.withType(URI.create(DomainExceptionHandler.TYPE_PREFIX + "invalid-request"))
                    .withTitle("Invalid request")
                    .withDetail(field + " " + message)
                    .with("errors", List.of(new ValidationProblemHandler.FieldError(field, message)))
                    .build();
        }
        if (causeOfType(errorContext, JsonProcessingException.class).isPresent()
                || causeOfType(errorContext, JsonSyntaxException.class).isPresent()) {
            return problem.withDetail("The body cannot be read: it is not valid JSON.").build();
        }
        if (causeOfType(errorContext, SerdeException.class).isPresent()) {
            return problem.withDetail("The body does not have the expected shape: a member has the wrong JSON type "
                    + "(an object, array, string or number where another is expected).").build();
        }
        // The first line only: parsers append source locations that help no client.
        String detail = errorContext.getErrors().stream()
                .map(Error::getMessage)
                .map(message -> message.lines().findFirst().orElse(""))
                .collect(Collectors.joining("; "));
        if (detail.isBlank() || INTERNALS.matcher(detail).find()) {
            // A framework message naming Java types or parser settings: nothing a client can act on.
            return problem.withDetail(GENERIC_DETAILS.getOrDefault(status.getCode(),
                    "The request was not accepted: " + status.getReason() + ".")).build();
        }
        return problem.withDetail(detail).build();
    }

    /** The first throwable of that type in the error's cause chain. */
    private static <T extends Throwable> Optional<T> causeOfType(ErrorContext errorContext, Class<T> type) {
        for (Throwable cause = errorContext.getRootCause().orElse(null); cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }
}
