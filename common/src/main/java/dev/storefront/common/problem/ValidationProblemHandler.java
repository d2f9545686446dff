package dev.storefront.common.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.problem.violations.ProblemConstraintViolationExceptionHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import org.zalando.problem.Problem;
import io.micronaut.http.HttpStatus;
import io.micronaut.problem.HttpStatusType;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders bean-validation failures as a 400 problem with an {@code errors} member: one
 * {@code {"field": "items[0].quantity", "message": "must be less than or equal to 100"}} per
 * violated constraint, field paths relative to the request body (or the header's name).
 */
@Produces
@Singleton
@Replaces(ProblemConstraintViolationExceptionHandler.class)
final class ValidationProblemHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> responseProcessor;

    ValidationProblemHandler(ErrorResponseProcessor<?> responseProcessor) {
        this.responseProcessor = responseProcessor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException exception) {
        List<FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        Problem problem = Problem.builder()
                .withType(URI.create(DomainExceptionHandler.TYPE_PREFIX + "invalid-request"))
                .withTitle("Invalid request")
                .withStatus(new HttpStatusType(HttpStatus.BAD_REQUEST))
                .withDetail(errors.size() == 1
                        ? errors.get(0).field() + " " + errors.get(0).message()
                        : errors.size() + " fields are invalid")
                .with("errors", errors)
                .build();
        return responseProcessor.processResponse(
                ErrorContext.builder(request).cause((Throwable) problem).build(),
                HttpResponse.badRequest());
    }

    /**
     * The path of a violation without the method and parameter nodes that bean validation puts in
     * front: {@code create.request.items[0].quantity} becomes {@code items[0].quantity}; a
     * violation on a parameter itself (a header) is named by the parameter.
     */
    private static String field(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : nodes) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            String name = node.getName() == null ? "" : node.getName();
            if (node.getIndex() != null) {
                if (!names.isEmpty()) {
                    names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
                }
                if (!name.isEmpty() && !name.startsWith("<")) {
                    names.add(name);
                }
            } else if (!name.isEmpty() && !name.startsWith("<")) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return parameter == null ? "request" : parameter;
        }
        return String.join(".", names);
    }

    /** One entry of the problem's {@code errors} member. */
    @Serdeable
    @Introspected
    record FieldError(String field, String message) {
    }
}
