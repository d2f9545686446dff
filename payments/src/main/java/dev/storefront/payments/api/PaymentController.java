package dev.storefront.payments.api;

import dev.storefront.common.problem.ProblemSchema;
import dev.storefront.payments.domain.PaymentService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code PUT /payments/{orderId}} and {@code GET /payments/{orderId}}. The DynamoDB SDK blocks,
 * so requests run on the blocking executor.
 */
@Controller("/payments")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "payments")
class PaymentController {

    /** Descriptions the OpenAPI document repeats. */
    private static final String UNAVAILABLE = "The payments table is unavailable or did not answer in time. Retry"
            + " after Retry-After seconds: a repeat records the payment once, whether or not the first attempt reached"
            + " the table";
    private static final String RETRY_AFTER = "Seconds to wait before retrying";

    private final PaymentService payments;

    PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    /**
     * Records the payment intent of an order: 201 the first time, 200 on a repeat with the same
     * amount and currency (nothing written), 409 with another amount, 503 if DynamoDB fails.
     */
    @Operation(summary = "Record the payment of an order", description = "Authorizes or declines the amount (declined"
            + " above PAYMENTS_DECLINE_ABOVE_CENTS) and stores the intent with a conditional write, keyed by the order:"
            + " a retried PUT is harmless.")
    @ApiResponse(responseCode = "200", description = "A repeat with the same amount and currency: the intent"
            + " recorded first; nothing written",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = PaymentResponse.class)))
    @ApiResponse(responseCode = "201", description = "Recorded: AUTHORIZED or DECLINED",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = PaymentResponse.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Location",
                    description = "The payment's URL",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "Malformed JSON, or missing or invalid fields (listed in errors)",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class),
                    examples = @ExampleObject(name = "invalid-request", value = "{\"type\":"
                            + " \"urn:problem-type:storefront:invalid-request\", \"title\": \"Invalid request\","
                            + " \"status\": 400, \"detail\": \"currency must be an ISO 4217 code such as USD\","
                            + " \"errors\": [{\"field\": \"currency\","
                            + " \"message\": \"must be an ISO 4217 code such as USD\"}]}")))
    @ApiResponse(responseCode = "409", description = "A payment of another amount or currency is already recorded for"
            + " this order",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    @ApiResponse(responseCode = "413", description = "The body is over 64 KiB",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    @ApiResponse(responseCode = "415", description = "The Content-Type is not application/json",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    @ApiResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Retry-After", description = RETRY_AFTER,
                    schema = @Schema(type = "integer", example = "1")))
    @Put("/{orderId}")
    HttpResponse<PaymentResponse> authorize(UUID orderId, @Body @Valid PaymentRequest request) {
        PaymentService.Recorded recorded = payments.authorize(orderId, request.amountCents(), request.currency());
        PaymentResponse body = PaymentResponse.from(recorded.intent());
        return recorded.created()
                ? HttpResponse.created(body, URI.create("/payments/" + orderId))
                : HttpResponse.ok(body);
    }

    /** The intent of an order, or 404. */
    @Operation(summary = "The payment of an order")
    @ApiResponse(responseCode = "200", description = "The payment intent")
    @ApiResponse(responseCode = "400", description = "The order id is not a UUID",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    @ApiResponse(responseCode = "404", description = "No payment recorded for this order",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)))
    @ApiResponse(responseCode = "503", description = UNAVAILABLE,
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Retry-After", description = RETRY_AFTER,
                    schema = @Schema(type = "integer", example = "1")))
    @Get("/{orderId}")
    Optional<PaymentResponse> get(UUID orderId) {
        return payments.find(orderId).map(PaymentResponse::from);
    }
}
