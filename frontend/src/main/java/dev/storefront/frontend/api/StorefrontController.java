package dev.storefront.frontend.api;

import dev.storefront.common.http.IdempotencyKey;
import dev.storefront.frontend.orders.Checkout;
import dev.storefront.frontend.orders.Order;
import dev.storefront.frontend.orders.OrdersGateway;
import dev.storefront.frontend.orders.Product;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
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
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * The public API behind the ALB: {@code GET /api/products}, {@code POST /api/checkout},
 * {@code GET /api/orders/{orderId}}. Calls to orders block, so requests run on the blocking
 * executor.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class StorefrontController {

    /** Span attributes that let an operator find a checkout's trace by its order. */
    private static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");
    private static final AttributeKey<String> ORDER_STATUS = AttributeKey.stringKey("order.status");

    private final OrdersGateway orders;
    private final CheckoutMetrics metrics;

    StorefrontController(OrdersGateway orders, CheckoutMetrics metrics) {
        this.orders = orders;
        this.metrics = metrics;
    }

    /** The catalog; 503 if orders is unavailable. */
    @Get("/products")
    List<Product> products() {
        return orders.products();
    }

    /**
     * Checks out: 201 PAID or DECLINED, 202 PENDING (stored, payment not confirmed), 200 for a
     * replay of an earlier checkout with the same Idempotency-Key. The client's key is forwarded
     * to orders; without one, a key is made for this checkout so that retries between frontend and
     * orders stay safe. Either way it is echoed in the {@code Idempotency-Key} answer header.
     * Errors: 400 invalid body, 409 same key in flight, 422 unknown SKU or key reused, 503 orders
     * unavailable.
     */
    @Post("/checkout")
    HttpResponse<Order> checkout(
            @Body @Valid Checkout checkout,
            @Header(IdempotencyKey.HEADER) @Nullable @Size(min = 1, max = IdempotencyKey.MAX_LENGTH)
            String idempotencyKey) {
        String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
        HttpResponse<Order> placed = orders.placeOrder(key, checkout);
        Order order = placed.body();
        Span.current().setAttribute(ORDER_ID, order.orderId().toString()).setAttribute(ORDER_STATUS, order.status());
        if (placed.status() != HttpStatus.OK) {
            metrics.checkedOut(order.status());
        }
        return HttpResponse.<Order>status(placed.status())
                .header("Location", "/api/orders/" + order.orderId())
                .header(IdempotencyKey.HEADER, key)
                .body(order);
    }

    /** The order; 404 problem from orders if there is none, 503 if orders is unavailable. */
    @Get("/orders/{orderId}")
    Order order(UUID orderId) {
        return orders.order(orderId);
    }
}
