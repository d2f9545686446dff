package dev.storefront.payments.api;

import dev.storefront.common.problem.DependencyFailureHandler;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A DynamoDB error or timeout (1 s per call) answers 503, not 500. Every failure of the SDK is an
 * {@link SdkException}, its timeouts included ({@code ApiCallTimeoutException},
 * {@code ApiCallAttemptTimeoutException}, {@code AbortedException}).
 */
@Produces
@Singleton
final class DynamoDbFailureHandler extends DependencyFailureHandler<SdkException> {

    DynamoDbFailureHandler(ErrorResponseProcessor<?> responseProcessor) {
        super(responseProcessor, "the payments table");
    }

    /**
     * The retry advice of payments' own API: a PUT is keyed by its order, so repeating it is safe
     * even when a timed-out write did land; there is no Idempotency-Key here.
     */
    @Override
    protected String detail(SdkException exception) {
        return "The payments table is unavailable. Retry the same request shortly: a payment is keyed by its order,"
                + " so a repeat never records it twice.";
    }
}
