package dev.storefront.payments.api;

import dev.storefront.common.problem.DependencyFailureHandler;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;

/** A DynamoDB error or timeout (1 s per call) answers 503, not 500. */
@Produces
@Singleton
final class DynamoDbFailureHandler extends DependencyFailureHandler<SdkException> {

    DynamoDbFailureHandler(ErrorResponseProcessor<?> responseProcessor) {
        super(responseProcessor, "the payments table");
    }
}
