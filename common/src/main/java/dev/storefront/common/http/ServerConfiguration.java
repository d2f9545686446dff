package dev.storefront.common.http;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * The storefront's own server settings ({@code storefront.server}, shipped in
 * storefront-defaults.yml), next to Micronaut's {@code micronaut.server}.
 *
 * @param requestReceiveTimeout from its first byte, a request (headers and body) must arrive in
 *                              full within this (10 s), or it is answered 408 and the connection
 *                              closed ({@link RequestReceiveDeadline})
 */
@ConfigurationProperties("storefront.server")
public record ServerConfiguration(@NotNull Duration requestReceiveTimeout) {
}
