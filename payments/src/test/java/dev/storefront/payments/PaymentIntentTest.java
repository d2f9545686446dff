package dev.storefront.payments;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class PaymentIntentTest extends PaymentsTestBase {

    @Test
    void firstPutRecordsAnAuthorizedIntent() {
        String orderId = UUID.randomUUID().toString();

        HttpResponse<Map> answer = put(orderId, "{\"amountCents\":21900,\"currency\":\"USD\"}");

        assertStatus(answer, 201);
        assertThat(answer.header("Location")).isEqualTo("/payments/" + orderId);
        assertThat(answer.body()).containsEntry("orderId", orderId).containsEntry("status", "AUTHORIZED")
                .containsEntry("amountCents", 21900).containsEntry("currency", "USD")
                .containsKeys("paymentId", "createdAt");
        var stored = item(orderId);
        assertThat(stored.get("paymentId").s()).isEqualTo(answer.body().get("paymentId"));
        assertThat(stored.get("amountCents").n()).isEqualTo("21900");
        assertThat(stored.get("status").s()).isEqualTo("AUTHORIZED");
    }

    @Test
    void repeatWithTheSameAmountAnswers200WithTheFirstIntentAndWritesNothing() {
        String orderId = UUID.randomUUID().toString();
        HttpResponse<Map> first = put(orderId, "{\"amountCents\":4500,\"currency\":\"USD\"}");
        var storedAfterFirst = item(orderId);
        int itemsAfterFirst = itemCount();

        HttpResponse<Map> repeat = put(orderId, "{\"amountCents\":4500,\"currency\":\"USD\"}");

        assertStatus(repeat, 200);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(item(orderId)).isEqualTo(storedAfterFirst);
        assertThat(itemCount()).isEqualTo(itemsAfterFirst);
    }

    @Test
    void anotherAmountForTheSameOrderIs409AndTheFirstIntentStands() {
        String orderId = UUID.randomUUID().toString();
        put(orderId, "{\"amountCents\":4500,\"currency\":\"USD\"}");
        var storedAfterFirst = item(orderId);

        HttpResponse<Map> conflict = put(orderId, "{\"amountCents\":9000,\"currency\":\"USD\"}");
        HttpResponse<Map> otherCurrency = put(orderId, "{\"amountCents\":4500,\"currency\":\"EUR\"}");

        assertStatus(conflict, 409);
        assertThat(conflict.getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        assertThat(conflict.body().get("detail").toString()).contains(orderId).contains("4500 USD");
        assertStatus(otherCurrency, 409);
        assertThat(item(orderId)).isEqualTo(storedAfterFirst);
    }

    @Test
    void amountAboveTheDeclineThresholdIsDeclinedAndRecorded() {
        String atLimit = UUID.randomUUID().toString();
        String above = UUID.randomUUID().toString();

        HttpResponse<Map> authorized = put(atLimit, "{\"amountCents\":500000,\"currency\":\"USD\"}");
        HttpResponse<Map> declined = put(above, "{\"amountCents\":500001,\"currency\":\"USD\"}");

        assertThat(authorized.body().get("status")).isEqualTo("AUTHORIZED");
        assertStatus(declined, 201);
        assertThat(declined.body().get("status")).isEqualTo("DECLINED");
        assertThat(item(above).get("status").s()).isEqualTo("DECLINED");
    }

    @Test
    void getAnswersTheIntentOr404() {
        String orderId = UUID.randomUUID().toString();
        HttpResponse<Map> created = put(orderId, "{\"amountCents\":1200,\"currency\":\"USD\"}");

        HttpResponse<Map> found = exchange(HttpRequest.GET("/payments/" + orderId));
        HttpResponse<Map> missing = exchange(HttpRequest.GET("/payments/" + UUID.randomUUID()));

        assertStatus(found, 200);
        assertThat(found.body()).isEqualTo(created.body());
        assertStatus(missing, 404);
        assertThat(missing.getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
    }

    @Test
    void readinessChecksTheTableAndLivenessDoesNot() {
        assertStatus(exchange(HttpRequest.GET("/health/readiness")), 200);
        assertStatus(exchange(HttpRequest.GET("/health/liveness")), 200);
    }
}
