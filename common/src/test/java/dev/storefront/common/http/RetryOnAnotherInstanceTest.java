package dev.storefront.common.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class RetryOnAnotherInstanceTest {

    private final RetryOnAnotherInstance retry = new RetryOnAnotherInstance();

    @Test
    void aRefusedConnectionAndA503AreRetried() {
        assertThat(retry.test(new HttpClientException("Connect Error", new ConnectException("refused")))).isTrue();
        assertThat(retry.test(new HttpClientResponseException("unavailable",
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)))).isTrue();
    }

    @Test
    void aReadTimeoutIsNeverRetriedEvenWrapped() {
        assertThat(retry.test(ReadTimeoutException.TIMEOUT_EXCEPTION)).isFalse();
        assertThat(retry.test(new HttpClientException("Read Timeout", ReadTimeoutException.TIMEOUT_EXCEPTION)))
                .isFalse();
        assertThat(retry.test(new HttpClientException("Read Timeout",
                io.netty.handler.timeout.ReadTimeoutException.INSTANCE))).isFalse();
    }

    @Test
    void otherStatusesAndOtherFailuresAreNotRetried() {
        assertThat(retry.test(new HttpClientResponseException("server error",
                HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR)))).isFalse();
        assertThat(retry.test(new HttpClientResponseException("conflict", HttpResponse.status(HttpStatus.CONFLICT))))
                .isFalse();
        assertThat(retry.test(new IllegalStateException("not a client failure"))).isFalse();
    }
}
