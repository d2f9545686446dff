package dev.storefront.orders;

import dev.storefront.common.testing.HttpStandIn;

import java.util.UUID;
import java.util.function.Function;

/** Answers of payments' {@code PUT /payments/{orderId}}, for the payments stand-in. */
final class PaymentsAnswers {

    private PaymentsAnswers() {
    }

    static Function<HttpStandIn.Request, HttpStandIn.Answer> authorize() {
        return request -> intent(request, "AUTHORIZED");
    }

    static Function<HttpStandIn.Request, HttpStandIn.Answer> decline() {
        return request -> intent(request, "DECLINED");
    }

    static Function<HttpStandIn.Request, HttpStandIn.Answer> fail() {
        return request -> new HttpStandIn.Answer(503, null, null);
    }

    private static HttpStandIn.Answer intent(HttpStandIn.Request request, String status) {
        String orderId = request.path().substring("/payments/".length());
        return HttpStandIn.Answer.json(201, "{\"paymentId\":\"" + UUID.randomUUID() + "\",\"orderId\":\"" + orderId
                + "\",\"status\":\"" + status + "\"}");
    }
}
