package dev.storefront.orders.persistence;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotBlank;

/**
 * How orders signs in to its database ({@code orders.database.*}; docs/configuration.md). The
 * connection itself (URL, user, pool) is Micronaut's {@code datasources.default}.
 *
 * @param iamAuth DB_IAM_AUTH: true if the password is an RDS IAM authentication token
 *                ({@link RdsIamAuthentication}), false for DB_PASSWORD
 * @param region  AWS_REGION: where the database is, for signing the token (us-east-1)
 */
@ConfigurationProperties("orders.database")
public record DatabaseConfiguration(boolean iamAuth, @NotBlank String region) {
}
