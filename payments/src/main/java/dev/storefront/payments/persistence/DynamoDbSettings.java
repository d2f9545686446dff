package dev.storefront.payments.persistence;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.net.URI;
import java.time.Duration;

/**
 * How payments reaches DynamoDB ({@code dynamodb.*}).
 *
 * @param endpoint endpoint override, e.g. {@code http://127.0.0.1:8000} for DynamoDB Local
 *     (DYNAMODB_ENDPOINT); null for the AWS endpoint of {@code region}
 * @param region AWS region (AWS_REGION), default us-east-1
 * @param apiCallTimeout budget of one SDK call, retries included (docs/timing-ladder.md: 1 s)
 * @param apiCallAttemptTimeout budget of one HTTP attempt (docs/timing-ladder.md: 400 ms)
 */
@ConfigurationProperties("dynamodb")
public record DynamoDbSettings(
        @Nullable URI endpoint,
        @NotBlank String region,
        @NotNull Duration apiCallTimeout,
        @NotNull Duration apiCallAttemptTimeout) {
}
