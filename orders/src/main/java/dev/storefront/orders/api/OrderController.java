package dev.storefront.orders.api;

import dev.storefront.common.http.IdempotencyKey;
import dev.storefront.common.problem.ProblemSchema;
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

import java.util.UUID;

/**
 * {@code POST /orders} and {@code GET /orders/{orderId}}. JDBC and the payments call block, so
 * requests run on the blocking executor, not the event loop.
 */
@Controller("/orders")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "orders")
class OrderController {

    /** Descriptions the OpenAPI document repeats. */
    private static final String UNAVAILABLE = "The orders database is unavailable; nothing was lost. Retry after"
            + " Retry-After seconds";
    private static final String RETRY_AFTER = "Seconds to wait before retrying";

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    /**
     * Places an order. 201 when payments answered (PAID or DECLINED), 202 when the order is
     * stored but the payment is not confirmed (PENDING), 200 for a replay of an earlier request
     * with the same Idempotency-Key (a PENDING order's payment is tried again first). Errors: 400
     * invalid body, 409 with Retry-After while the key's request or a settlement attempt runs, 422
     * unknown SKU or key reused with another body.
     */
    @Operation(summary = "Place an order", description = "Prices the items from the catalog, stores the order and its"
            + " lines in one transaction (PENDING), then asks payments for the money and records PAID or DECLINED."
            + " With an Idempotency-Key, a repeat with the same key and body returns the same order and creates"
            + " nothing.")
    @ApiResponse(responseCode = "200", description = "A replay: the order created earlier with this Idempotency-Key"
            + " and body, as it is now; a PENDING order's payment is tried again first, so it answers PAID or"
            + " DECLINED once payments can be reached",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderResponse.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "The order's URL",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "201", description = "Created, and paid (PAID) or declined by payments (DECLINED)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderResponse.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "The order's URL",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "202", description = "Created, payment not confirmed (PENDING): payments did not"
            + " answer in time",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderResponse.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = "The order's URL",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "Malformed JSON, or missing or invalid fields (listed in errors)",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class),
                    examples = @ExampleObject(name = "invalid-request", value = "{\"type\":"
                            + " \"urn:problem-type:storefront:invalid-request\", \"title\": \"Invalid request\","
                            + " \"status\": 400, \"detail\": \"customerEmail must be a well-formed email address\","
                            + " \"errors\": [{\"field\": \"customerEmail\","
                            + " \"message\": \"must be a well-formed email address\"}]}")))
    @ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key, or a settlement attempt of"
            + " its order, is still running; retry with the same key after Retry-After seconds",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Retry-After",
                    description = "Seconds until the running attempt's claim on the order ends, at most 8",
                    schema = @Schema(type = "integer", example = "3")))
    @ApiResponse(responseCode = "413", description = "The body is over 64 KiB",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    @ApiResponse(responseCode = "415", description = "The Content-Type is not application/json",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    @ApiResponse(responseCode = "422", description = "A SKU is unknown or no longer sold (listed in skus), or the"
            + " Idempotency-Key was used with"
            + " another body",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    @ApiResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Retry-After", description = RETRY_AFTER,
                    schema = @Schema(type = "integer", example = "1")))
    @Post
    HttpResponse<OrderResponse> create(
            @Body @Valid CreateOrderRequest request,
            @Parameter(description = "Client-chosen unique key of this order, e.g. a UUID; the same key with the same"
                    + " body returns the first answer (draft-ietf-httpapi-idempotency-key-header)",
                    example = "5f0c6f7e-8d52-4c47-9a3e-2b1f1d7c9e40")
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
    @Operation(summary = "An order", description = "The order as stored now, with its lines.")
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
    @Get("/{orderId}")
    OrderResponse get(UUID orderId) {
        return orders.find(orderId).map(OrderResponse::from).orElseThrow(() -> new OrderNotFoundException(orderId));
    }
}
