package dev.storefront.payments;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class PaymentIntentTest extends PaymentsTestBase {

    @Test
    void firstPutRecordsAnAuthorizedIntent() {
        String orderId = UUID.randomUUID().toString();

        HttpResponse<?> answer = put(orderId, "{\"amountCents\":21900,\"currency\":\"USD\"}");

        assertStatus(answer, 201);
        assertThat(answer.header("Location")).isEqualTo("/payments/" + orderId);
        Payment payment = payment(answer);
        assertThat(payment.orderId()).isEqualTo(orderId);
        assertThat(payment.status()).isEqualTo("AUTHORIZED");
        assertThat(payment.amountCents()).isEqualTo(21900);
        assertThat(payment.currency()).isEqualTo("USD");
        assertThat(payment.paymentId()).isNotNull();
        assertThat(payment.createdAt()).isNotNull();
        var stored = item(orderId);
        assertThat(stored.get("paymentId").s()).isEqualTo(payment.paymentId());
        assertThat(stored.get("amountCents").n()).isEqualTo("21900");
        assertThat(stored.get("status").s()).isEqualTo("AUTHORIZED");
    }

    @Test
    void repeatWithTheSameAmountAnswers200WithTheFirstIntentAndWritesNothing() {
        String orderId = UUID.randomUUID().toString();
        HttpResponse<?> first = put(orderId, "{\"amountCents\":4500,\"currency\":\"USD\"}");
        var storedAfterFirst = item(orderId);
        int itemsAfterFirst = itemCount();

        HttpResponse<?> repeat = put(orderId, "{\"amountCents\":4500,\"currency\":\"USD\"}");

        assertStatus(repeat, 200);
        assertThat(payment(repeat)).isEqualTo(payment(first));
        assertThat(item(orderId)).isEqualTo(storedAfterFirst);
        assertThat(itemCount()).isEqualTo(itemsAfterFirst);
    }

    @Test
    void anotherAmountForTheSameOrderIs409AndTheFirstIntentStands() {
        String orderId = UUID.randomUUID().toString();
        put(orderId, "{\"amountCents\":4500,\"currency\":\"USD\"}");
        var storedAfterFirst = item(orderId);

        HttpResponse<?> conflict = put(orderId, "{\"amountCents\":9000,\"currency\":\"USD\"}");
        HttpResponse<?> otherCurrency = put(orderId, "{\"amountCents\":4500,\"currency\":\"EUR\"}");

        assertStatus(conflict, 409);
        assertThat(conflict.getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
        assertThat(problem(conflict).detail()).contains(orderId).contains("4500 USD");
        assertStatus(otherCurrency, 409);
        assertThat(item(orderId)).isEqualTo(storedAfterFirst);
    }

    @Test
    void amountAboveTheDeclineThresholdIsDeclinedAndRecorded() {
        String atLimit = UUID.randomUUID().toString();
        String above = UUID.randomUUID().toString();

        HttpResponse<?> authorized = put(atLimit, "{\"amountCents\":500000,\"currency\":\"USD\"}");
        HttpResponse<?> declined = put(above, "{\"amountCents\":500001,\"currency\":\"USD\"}");

        assertThat(payment(authorized).status()).isEqualTo("AUTHORIZED");
        assertStatus(declined, 201);
        assertThat(payment(declined).status()).isEqualTo("DECLINED");
        assertThat(item(above).get("status").s()).isEqualTo("DECLINED");
    }

    @Test
    void getAnswersTheIntentOr404() {
        String orderId = UUID.randomUUID().toString();
        HttpResponse<?> created = put(orderId, "{\"amountCents\":1200,\"currency\":\"USD\"}");

        HttpResponse<?> found = exchange(HttpRequest.GET("/payments/" + orderId));
        HttpResponse<?> missing = exchange(HttpRequest.GET("/payments/" + UUID.randomUUID()));

        assertStatus(found, 200);
        assertThat(payment(found)).isEqualTo(payment(created));
        assertStatus(missing, 404);
        assertThat(missing.getContentType().orElseThrow().toString()).isEqualTo("application/problem+json");
    }

    @Test
    void readinessChecksTheTableAndLivenessDoesNot() {
        assertStatus(exchange(HttpRequest.GET("/health/readiness")), 200);
        assertStatus(exchange(HttpRequest.GET("/health/liveness")), 200);
    }
}
