package dev.storefront.payments.api;

import dev.storefront.payments.domain.PaymentService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
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
class PaymentController {

    private final PaymentService payments;

    PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    /**
     * Records the payment intent of an order: 201 the first time, 200 on a repeat with the same
     * amount and currency (nothing written), 409 with another amount, 503 if DynamoDB fails.
     */
    @Put("/{orderId}")
    HttpResponse<PaymentResponse> authorize(UUID orderId, @Body @Valid PaymentRequest request) {
        PaymentService.Authorization authorization =
                payments.authorize(orderId, request.amountCents(), request.currency());
        PaymentResponse body = PaymentResponse.from(authorization.intent());
        return authorization.created()
                ? HttpResponse.created(body, URI.create("/payments/" + orderId))
                : HttpResponse.ok(body);
    }

    /** The intent of an order, or 404. */
    @Get("/{orderId}")
    Optional<PaymentResponse> get(UUID orderId) {
        return payments.find(orderId).map(PaymentResponse::from);
    }
}
