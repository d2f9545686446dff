package dev.storefront.frontend.orders;

import dev.storefront.common.http.IdempotencyKey;
import dev.storefront.common.http.RetryOnAnotherInstance;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.retry.annotation.Retryable;

import java.util.List;
import java.util.UUID;

/**
 * HTTP client of the orders service. URLs and timeouts are configuration
 * ({@code micronaut.http.services.orders}): ORDERS_URL (several URLs are balanced round robin),
 * read timeout 6 s (docs/timing-ladder.md). A refused connection or a 503 is retried on the next instance
 * ({@link RetryOnAnotherInstance}): safe, because every call is a GET or a POST with an
 * Idempotency-Key.
 */
@Client(id = "orders")
// attempts counts retries after the first call: one. The worst case, a 503 (which the callee sends
// within its own, shorter budget) and then a read timeout, stays within the caller's budget (docs/timing-ladder.md).
@Retryable(attempts = "1", delay = "50ms", predicate = RetryOnAnotherInstance.class)
interface OrdersClient {

    @Get("/products")
    List<Product> products();

    /**
     * @throws io.micronaut.http.client.exceptions.HttpClientResponseException on a 4xx or 5xx answer
     * @throws io.micronaut.http.client.exceptions.HttpClientException when orders is unreachable or too slow
     */
    @Post("/orders")
    HttpResponse<Order> placeOrder(@Header(IdempotencyKey.HEADER) String idempotencyKey, @Body Checkout checkout);

    /**
     * An {@code HttpResponse}, not the bare body: for a bare body the client turns a 404 into
     * null, and orders' problem would be lost.
     *
     * @throws io.micronaut.http.client.exceptions.HttpClientResponseException 404 if orders has no such order
     */
    @Get("/orders/{orderId}")
    HttpResponse<Order> order(UUID orderId);
}
