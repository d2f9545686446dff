package dev.storefront.frontend.orders;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.discovery.exceptions.NoAvailableServiceException;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.problem.HttpStatusType;
import jakarta.inject.Singleton;
import org.zalando.problem.Problem;
import org.zalando.problem.ProblemBuilder;
import org.zalando.problem.ThrowableProblem;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The frontend's view of orders. A client error that orders reports (400, 404, 409, 422) reaches
 * the caller unchanged, as the same RFC 9457 problem; anything else (orders down, too slow, 5xx)
 * is {@link OrdersUnavailableException}, answered 503.
 */
@Singleton
public class OrdersGateway {

    private static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

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
     * @throws ThrowableProblem orders' own 4xx problem (400, 409, 422)
     * @throws OrdersUnavailableException when orders fails or does not answer within 6 s
     */
    public HttpResponse<Order> placeOrder(String idempotencyKey, Checkout checkout) {
        return call(() -> client.placeOrder(idempotencyKey, checkout));
    }

    /**
     * The order.
     *
     * @throws ThrowableProblem orders' 404 problem if it has no such order
     * @throws OrdersUnavailableException when orders fails or does not answer within 6 s
     */
    public Order order(UUID orderId) {
        HttpResponse<Order> response = call(() -> client.order(orderId));
        if (response.getStatus().getCode() >= 400) {
            // The declarative client answers a 404 on GET instead of throwing it.
            throw relayed(response);
        }
        return response.body();
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (HttpClientResponseException e) {
            if (e.getStatus().getCode() >= 400 && e.getStatus().getCode() < 500) {
                throw relayed(e.getResponse());
            }
            throw new OrdersUnavailableException(e);
        } catch (HttpClientException | NoAvailableServiceException e) {
            throw new OrdersUnavailableException(e);
        }
    }

    /** Orders' problem, rebuilt member by member so that it is written again as it came. */
    private static ThrowableProblem relayed(HttpResponse<?> response) {
        Map<String, Object> body = response.getBody(Argument.mapOf(String.class, Object.class)).orElse(Map.of());
        ProblemBuilder problem = Problem.builder()
                .withStatus(new HttpStatusType(response.getStatus()))
                .withTitle(String.valueOf(body.getOrDefault("title", response.getStatus().getReason())));
        if (body.get("type") != null) {
            problem.withType(URI.create(body.get("type").toString()));
        }
        if (body.get("detail") != null) {
            problem.withDetail(body.get("detail").toString());
        }
        body.forEach((name, value) -> {
            if (!PROBLEM_MEMBERS.contains(name)) {
                problem.with(name, value);
            }
        });
        return problem.build();
    }
}
