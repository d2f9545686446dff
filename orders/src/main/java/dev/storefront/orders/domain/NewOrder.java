package dev.storefront.orders.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a client asks for: who, and how many of which SKUs. Never a price: orders prices from
 * its catalog.
 *
 * @param customerEmail customer's e-mail address
 * @param items requested SKUs and quantities, in request order
 */
public record NewOrder(String customerEmail, List<Item> items) {

    /**
     * One requested SKU.
     *
     * @param sku the product
     * @param quantity units, 1 to 100
     */
    public record Item(String sku, int quantity) {
    }

    /**
     * SHA-256 (64 hex characters) of the canonical form of this request. Two requests with one
     * Idempotency-Key are "the same" exactly when their hashes are equal.
     */
    public String requestHash() {
        StringBuilder canonical = new StringBuilder(customerEmail).append('\n');
        items.forEach(item -> canonical.append(item.sku()).append('\t').append(item.quantity()).append('\n'));
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
