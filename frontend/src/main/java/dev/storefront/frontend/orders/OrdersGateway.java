package dev.storefront.frontend.orders;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.discovery.exceptions.NoAvailableServiceException;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The frontend's view of orders. A client error that orders reports (400, 404, 409, 422) reaches
 * the caller unchanged, as the same RFC 9457 problem; anything else (orders down, too slow, 5xx)
 * is {@link OrdersUnavailableException}, answered 503.
 */
@Singleton
public class OrdersGateway {

    private final OrdersClient client;

    OrdersGateway(OrdersClient client) {
        this.client = client;
    }

    /** The catalog, by name. */
    public List<Product> products() {
        return call(client::products);
    }

    /**
     * Places an order through orders.
     *
     * @param idempotencyKey forwarded to orders, so that any retry between frontend and orders is safe
     * @return orders' answer: 201 PAID/DECLINED, 202 PENDING, 200 replay
     * @throws OrdersProblemException orders' own 4xx problem (400, 409 with Retry-After, 422)
     * @throws OrdersUnavailableException when orders fails or does not answer within 6 s; it carries
     *     the key, since orders may have stored the order
     */
    public HttpResponse<Order> placeOrder(String idempotencyKey, Checkout checkout) {
        return call(() -> client.placeOrder(idempotencyKey, checkout), idempotencyKey);
    }

    /**
     * The order.
     *
     * @throws OrdersProblemException orders' 404 problem if it has no such order
     * @throws OrdersUnavailableException when orders fails or does not answer within 6 s
     */
    public Order order(UUID orderId) {
        HttpResponse<Order> response = call(() -> client.order(orderId));
        if (response.getStatus().getCode() >= 400) {
            // The declarative client answers a 404 on GET instead of throwing it.
            throw OrdersProblemException.from(response);
        }
        return response.body();
    }

    private static <T> T call(Supplier<T> request) {
        return call(request, null);
    }

    /** @param idempotencyKey the checkout's key, carried by the 503 so the client can retry with it */
    private static <T> T call(Supplier<T> request, @Nullable String idempotencyKey) {
        try {
            return request.get();
        } catch (HttpClientResponseException e) {
            if (e.getStatus().getCode() >= 400 && e.getStatus().getCode() < 500) {
                throw OrdersProblemException.from(e.getResponse());
            }
            throw new OrdersUnavailableException(e, idempotencyKey);
        } catch (HttpClientException | NoAvailableServiceException e) {
            throw new OrdersUnavailableException(e, idempotencyKey);
        }
    }
}
