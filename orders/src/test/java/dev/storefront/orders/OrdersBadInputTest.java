package dev.storefront.orders;

import dev.storefront.common.testing.BadInputContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class OrdersBadInputTest extends OrdersTestBase implements BadInputContract {

    @Override
    public String serviceUrl() {
        return server.getURL().toString();
    }

    @Override
    public String writeMethod() {
        return "POST";
    }

    @Override
    public String writePath() {
        return "/orders";
    }

    @Override
    public String validBody() {
        return orderJson("valid@example.com", "SKU-1", "1");
    }

    @Override
    public List<InvalidBody> invalidBodies() {
        String fiftyOneLines = IntStream.range(0, 51).mapToObj(i -> "{\"sku\":\"SKU-1\",\"quantity\":1}")
                .collect(Collectors.joining(",", "{\"customerEmail\":\"a@example.com\",\"items\":[", "]}"));
        return List.of(
                new InvalidBody("{\"items\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}", "customerEmail"),
                new InvalidBody(orderJson("not-an-email", "SKU-1", "1"), "customerEmail"),
                new InvalidBody("{\"customerEmail\":\"a@example.com\"}", "items"),
                new InvalidBody("{\"customerEmail\":\"a@example.com\",\"items\":[]}", "items"),
                new InvalidBody(orderJson("a@example.com", "SKU-1", "0"), "items[0].quantity"),
                new InvalidBody(orderJson("a@example.com", "SKU-1", "1", "SKU-2", "101"), "items[1].quantity"),
                new InvalidBody("{\"customerEmail\":\"a@example.com\",\"items\":[{\"quantity\":1}]}", "items[0].sku"),
                new InvalidBody(fiftyOneLines, "items"));
    }

    @Override
    public String bodyWith(String field, String rawJson) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "customerEmail", "\"a@example.com\"", "items[0].sku", "\"SKU-1\"", "items[0].quantity", "1"));
        values.put(field, rawJson);
        return "{\"customerEmail\":" + values.get("customerEmail") + ",\"items\":[{\"sku\":" + values.get("items[0].sku")
                + ",\"quantity\":" + values.get("items[0].quantity") + "}]}";
    }

    @Override
    public Map<String, String> textFields() {
        return Map.of("customerEmail", "a@example.com", "items[0].sku", "SKU-1");
    }

    @Override
    public List<String> wholeNumberFields() {
        return List.of("items[0].quantity");
    }

    @Override
    public Map<String, String> wrongShapes() {
        return Map.of(
                "items as an object", "{\"customerEmail\":\"a@example.com\",\"items\":{\"sku\":\"SKU-1\",\"quantity\":1}}",
                "items as a string", "{\"customerEmail\":\"a@example.com\",\"items\":\"SKU-1\"}",
                "an item as a string", "{\"customerEmail\":\"a@example.com\",\"items\":[\"SKU-1\"]}",
                "an item as an array", "{\"customerEmail\":\"a@example.com\",\"items\":[[\"SKU-1\",1]]}",
                "customerEmail as an array", "{\"customerEmail\":[\"a@example.com\"],\"items\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}");
    }

    @Override
    public boolean takesIdempotencyKey() {
        return true;
    }

    @Override
    public long writes() {
        return count("SELECT count(*) FROM orders") + count("SELECT count(*) FROM order_lines");
    }

    @Test
    void emptyIdempotencyKeyIs400AndWritesNothing() {
        long before = writes();

        var answer = exchange(io.micronaut.http.HttpRequest.POST("/orders", validBody())
                .contentType("application/json").header("Idempotency-Key", ""));

        assertStatus(answer, 400);
        assertThat(writes()).isEqualTo(before);
    }
}
