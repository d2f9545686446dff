package dev.storefront.common.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.zalando.problem.Problem;
import org.zalando.problem.ProblemBuilder;
import io.micronaut.problem.HttpStatusType;


/** Maps every {@link DomainException} to its RFC 9457 problem answer. */
@Produces
@Singleton
final class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<?>> {

    /** Prefix of the problem type URIs of this application. */
    static final String TYPE_PREFIX = "urn:problem-type:storefront:";

    private final ErrorResponseProcessor<?> responseProcessor;

    DomainExceptionHandler(ErrorResponseProcessor<?> responseProcessor) {
        this.responseProcessor = responseProcessor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DomainException exception) {
        ProblemBuilder problem = Problem.builder()
                .withType(exception.typeUri())
                .withTitle(exception.title())
                .withStatus(new HttpStatusType(exception.status()))
                .withDetail(exception.getMessage());
        exception.extensions().forEach(problem::with);
        MutableHttpResponse<?> response = HttpResponse.status(exception.status());
        exception.headers().forEach(response::header);
        return responseProcessor.processResponse(
                ErrorContext.builder(request).cause(problem.build()).build(), response);
    }
}
