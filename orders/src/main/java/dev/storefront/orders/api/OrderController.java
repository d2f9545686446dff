package dev.storefront.orders.api;

import dev.storefront.common.http.IdempotencyKey;
import dev.storefront.common.validation.PlainText;
import dev.storefront.orders.domain.OrderNotFoundException;
import dev.storefront.orders.domain.OrderService;
import dev.storefront.orders.domain.OrderStatus;
import dev.storefront.orders.domain.PlacedOrder;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * {@code POST /orders} and {@code GET /orders/{orderId}}. JDBC and the payments call block, so
 * requests run on the blocking executor, not the event loop.
 */
@Controller("/orders")
@ExecuteOn(TaskExecutors.BLOCKING)
class OrderController {

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    /**
     * Places an order. 201 when payments answered (PAID or DECLINED), 202 when the order is
     * stored but the payment is not confirmed (PENDING), 200 for a replay of an earlier request
     * with the same Idempotency-Key. Errors: 400 invalid body, 409 same key still in flight, 422
     * unknown SKU or key reused with another body.
     */
    @Post
    HttpResponse<OrderResponse> create(
            @Body @Valid CreateOrderRequest request,
            @Header(IdempotencyKey.HEADER) @Nullable @Size(min = 1, max = IdempotencyKey.MAX_LENGTH)
            @Pattern(regexp = PlainText.IDEMPOTENCY_KEY_REGEX, message = PlainText.IDEMPOTENCY_KEY_MESSAGE)
            String idempotencyKey) {
        PlacedOrder placed = orders.place(request.toNewOrder(), idempotencyKey);
        HttpStatus status = placed.replayed() ? HttpStatus.OK
                : placed.order().status() == OrderStatus.PENDING ? HttpStatus.ACCEPTED
                : HttpStatus.CREATED;
        return HttpResponse.<OrderResponse>status(status)
                .header("Location", "/orders/" + placed.order().id())
                .body(OrderResponse.from(placed.order()));
    }

    /** The order; throws OrderNotFoundException (404) if there is none. */
    @Get("/{orderId}")
    OrderResponse get(UUID orderId) {
        return orders.find(orderId).map(OrderResponse::from).orElseThrow(() -> new OrderNotFoundException(orderId));
    }
}
