package dev.storefront.common.http;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.retry.annotation.RetryPredicate;

/**
 * Which failed calls a client retries, on the next instance of its load balancer: a refused or
 * dropped connection (an instance that stopped listening after its drain) and a 503 (an instance
 * that cannot serve now). Never a read timeout: the caller's budget in the timing ladder
 * (docs/timing-ladder.md) is spent, and a retry would overrun the next hop's. Never another
 * status: a 4xx is the request's fault, a 500 is not known to be safe.
 *
 * <p>Only for calls that are safe to repeat: GET, PUT, and POST with an Idempotency-Key.
 */
public final class RetryOnAnotherInstance implements RetryPredicate {

    @Override
    public boolean test(Throwable failure) {
        if (failure instanceof HttpClientResponseException response) {
            return response.getStatus() == HttpStatus.SERVICE_UNAVAILABLE;
        }
        return failure instanceof HttpClientException && !isReadTimeout(failure);
    }

    /** A read timeout can also arrive wrapped in another client exception, e.g. on a pooled connection. */
    private static boolean isReadTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ReadTimeoutException || cause instanceof io.netty.handler.timeout.ReadTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
