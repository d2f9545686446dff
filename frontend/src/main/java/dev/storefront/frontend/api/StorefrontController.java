package dev.storefront.frontend.api;

import dev.storefront.common.http.IdempotencyKey;
import dev.storefront.common.problem.ProblemSchema;
import dev.storefront.common.validation.PlainText;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
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
@Tag(name = "storefront")
class StorefrontController {

    /** Span attributes that let an operator find a checkout's trace by its order. */
    private static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");
    private static final AttributeKey<String> ORDER_STATUS = AttributeKey.stringKey("order.status");

    /** Descriptions the OpenAPI document repeats. */
    private static final String UNAVAILABLE = "The orders service is unavailable; nothing was lost. Retry after"
            + " Retry-After seconds";
    private static final String RETRY_AFTER = "Seconds to wait before retrying";
    private static final String KEY_ECHO = "The key of this checkout: the client's, or the one made for it";

    private final OrdersGateway orders;
    private final CheckoutMetrics metrics;

    StorefrontController(OrdersGateway orders, CheckoutMetrics metrics) {
        this.orders = orders;
        this.metrics = metrics;
    }

    /** The catalog; 503 if orders is unavailable. */
    @Operation(summary = "The catalog", description = "Products for sale, by name, from the orders service.")
    @ApiResponse(responseCode = "200", description = "Products for sale, by name")
    @ApiResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Retry-After", description = RETRY_AFTER,
                    schema = @Schema(type = "integer", example = "1")))
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
    @Operation(summary = "Check out", description = "Places an order for the items at the catalog's prices and asks"
            + " payments for the money. Send an Idempotency-Key, one per cart, and the same key on every retry of that"
            + " checkout: a retry after a lost answer, a 409 or a 503 then returns the first order instead of placing"
            + " a second one.")
    @ApiResponse(responseCode = "200", description = "A replay: the order placed earlier with this"
            + " Idempotency-Key and body; nothing new placed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Order.class)),
            headers = {
                @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "The order's URL",
                        schema = @Schema(type = "string")),
                @io.swagger.v3.oas.annotations.headers.Header(name = IdempotencyKey.HEADER, description = KEY_ECHO,
                        schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "201", description = "Placed, and paid (PAID) or declined by payments (DECLINED)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Order.class)),
            headers = {
                @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "The order's URL",
                        schema = @Schema(type = "string")),
                @io.swagger.v3.oas.annotations.headers.Header(name = IdempotencyKey.HEADER, description = KEY_ECHO,
                        schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "202", description = "Placed, payment not confirmed yet (PENDING): it"
            + " settles later, see GET /api/orders/{orderId}",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Order.class)),
            headers = {
                @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "The order's URL",
                        schema = @Schema(type = "string")),
                @io.swagger.v3.oas.annotations.headers.Header(name = IdempotencyKey.HEADER, description = KEY_ECHO,
                        schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "Malformed JSON, or missing or invalid fields (listed in errors)",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class),
                    examples = @ExampleObject(name = "invalid-request", value = "{\"type\":"
                            + " \"urn:problem-type:storefront:invalid-request\", \"title\": \"Invalid request\","
                            + " \"status\": 400, \"detail\":"
                            + " \"items[0].quantity must be less than or equal to 100\", \"errors\": [{\"field\":"
                            + " \"items[0].quantity\", \"message\": \"must be less than or equal to 100\"}]}")))
    @ApiResponse(responseCode = "409", description = "A checkout with this Idempotency-Key is still being"
            + " processed; retry with the same key after Retry-After seconds",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Retry-After",
                    description = "Seconds until the running checkout's claim on the order ends, at most 8",
                    schema = @Schema(type = "integer", example = "3")))
    @ApiResponse(responseCode = "413", description = "The body is over 64 KiB",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    @ApiResponse(responseCode = "415", description = "The Content-Type is not application/json",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    @ApiResponse(responseCode = "422", description = "A SKU is unknown or no longer sold (listed in skus), or"
            + " the Idempotency-Key was used with another body",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    @ApiResponse(responseCode = "503", description = "The orders service did not confirm the checkout; the order may"
            + " have been stored. Retry after Retry-After seconds with the Idempotency-Key of this answer: a retry"
            + " answers that order and never places a second one",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)),
            headers = {
                @io.swagger.v3.oas.annotations.headers.Header(name = "Retry-After", description = RETRY_AFTER,
                        schema = @Schema(type = "integer", example = "1")),
                @io.swagger.v3.oas.annotations.headers.Header(name = IdempotencyKey.HEADER,
                        description = "The checkout's key: the client's, or the one frontend made for it",
                        schema = @Schema(type = "string"))})
    @Post("/checkout")
    HttpResponse<Order> checkout(
            @Body @Valid Checkout checkout,
            @Parameter(description = "Client-chosen unique key of this checkout, e.g. a UUID; the same key with the"
                    + " same body returns the first answer (draft-ietf-httpapi-idempotency-key-header)",
                    example = "5f0c6f7e-8d52-4c47-9a3e-2b1f1d7c9e40")
            @Header(IdempotencyKey.HEADER) @Nullable @Size(min = 1, max = IdempotencyKey.MAX_LENGTH)
            @Pattern(regexp = PlainText.IDEMPOTENCY_KEY_REGEX, message = PlainText.IDEMPOTENCY_KEY_MESSAGE)
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
    @Operation(summary = "An order", description = "The order as stored now. A PENDING order turns PAID or DECLINED"
            + " once its payment is settled: read it again, with backoff.")
    @ApiResponse(responseCode = "200", description = "The order")
    @ApiResponse(responseCode = "400", description = "The order id is not a UUID",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    @ApiResponse(responseCode = "404", description = "No order with this id",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    @ApiResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Retry-After", description = RETRY_AFTER,
                    schema = @Schema(type = "integer", example = "1")))
    @Get("/orders/{orderId}")
    Order order(UUID orderId) {
        return orders.order(orderId);
    }
}
