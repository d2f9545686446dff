package dev.storefront.frontend;

import dev.storefront.common.testing.BadInputContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

import java.util.List;
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
    public long writes() {
        return orders.requests().size();
    }
}
