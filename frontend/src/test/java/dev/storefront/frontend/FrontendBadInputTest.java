package dev.storefront.frontend;

import dev.storefront.common.testing.BadInputContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Bad input is answered at the edge: nothing reaches orders. */
@MicronautTest
class FrontendBadInputTest extends FrontendTestBase implements BadInputContract {

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
        return "/api/checkout";
    }

    @Override
    public String validBody() {
        return "{\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}";
    }

    @Override
    public List<InvalidBody> invalidBodies() {
        String fiftyOneLines = IntStream.range(0, 51).mapToObj(i -> "{\"sku\":\"SKU-1\",\"quantity\":1}")
                .collect(Collectors.joining(",", "{\"customerEmail\":\"a@example.com\",\"items\":[", "]}"));
        return List.of(
                new InvalidBody("{\"items\":[{\"sku\":\"SKU-1\",\"quantity\":1}]}", "customerEmail"),
                new InvalidBody("{\"customerEmail\":\"a@example.com\",\"items\":[]}", "items"),
                new InvalidBody("{\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":0}]}",
                        "items[0].quantity"),
                new InvalidBody("{\"customerEmail\":\"a@example.com\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":101}]}",
                        "items[0].quantity"),
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
    public String pagePath() {
        return "/";
    }

    @Override
    public long writes() {
        return orders.requests().size();
    }
}
