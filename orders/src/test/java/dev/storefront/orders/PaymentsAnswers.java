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

    /** 409 as payments answers it when it holds another amount for the order, and that intent on GET. */
    static Function<HttpStandIn.Request, HttpStandIn.Answer> conflict(long heldCents) {
        return request -> {
            String orderId = request.path().substring("/payments/".length());
            if (request.method().equals("GET")) {
                return HttpStandIn.Answer.json(200, "{\"paymentId\":\"" + paymentId(orderId) + "\",\"orderId\":\""
                        + orderId + "\",\"status\":\"AUTHORIZED\",\"amountCents\":" + heldCents
                        + ",\"currency\":\"USD\"}");
            }
            return new HttpStandIn.Answer(409, "application/problem+json", "{\"type\":\"urn:problem-type:storefront:"
                    + "payment-conflict\",\"title\":\"Payment conflict\",\"status\":409,\"detail\":\"Order "
                    + orderId + " already has a payment of another amount.\"}");
        };
    }

    /** The id payments would give the order's intent: one per order, the same on every repeat. */
    static String paymentId(String orderId) {
        return UUID.nameUUIDFromBytes(orderId.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** The intent as payments answers it: one per order, amount and currency as requested. */
    private static HttpStandIn.Answer intent(HttpStandIn.Request request, String status) {
        String orderId = request.path().substring("/payments/".length());
        // The request body is {"amountCents":…,"currency":"…"}: answered back as the intent's own.
        return HttpStandIn.Answer.json(201, "{\"paymentId\":\"" + paymentId(orderId) + "\",\"orderId\":\"" + orderId
                + "\",\"status\":\"" + status + "\"," + request.body().substring(1));
    }
}
