package dev.storefront.payments;

import dev.storefront.common.testing.BadInputContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

import java.util.List;
import java.util.Map;

@MicronautTest
class PaymentsBadInputTest extends PaymentsTestBase implements BadInputContract {

    @Override
    public String serviceUrl() {
        return server.getURL().toString();
    }

    @Override
    public String writeMethod() {
        return "PUT";
    }

    @Override
    public String writePath() {
        return "/payments/3f0c1e7a-5a8e-4a53-9d7e-0d4c2b9f1a11";
    }

    @Override
    public String validBody() {
        return "{\"amountCents\":100,\"currency\":\"USD\"}";
    }

    @Override
    public List<InvalidBody> invalidBodies() {
        return List.of(
                new InvalidBody("{\"currency\":\"USD\"}", "amountCents"),
                new InvalidBody("{\"amountCents\":0,\"currency\":\"USD\"}", "amountCents"),
                new InvalidBody("{\"amountCents\":-5,\"currency\":\"USD\"}", "amountCents"),
                new InvalidBody("{\"amountCents\":100}", "currency"),
                new InvalidBody("{\"amountCents\":100,\"currency\":\"dollars\"}", "currency"));
    }

    @Override
    public String bodyWith(String field, String rawJson) {
        Map<String, String> values = new java.util.HashMap<>(Map.of("amountCents", "100", "currency", "\"USD\""));
        values.put(field, rawJson);
        return "{\"amountCents\":" + values.get("amountCents") + ",\"currency\":" + values.get("currency") + "}";
    }

    @Override
    public Map<String, String> textFields() {
        return Map.of("currency", "USD");
    }

    @Override
    public List<String> wholeNumberFields() {
        return List.of("amountCents");
    }

    @Override
    public List<String> currencyFields() {
        return List.of("currency");
    }

    @Override
    public Map<String, String> wrongShapes() {
        return Map.of(
                "the amount as an object", "{\"amountCents\":{\"value\":100},\"currency\":\"USD\"}",
                "the currency as an object", "{\"amountCents\":100,\"currency\":{\"code\":\"USD\"}}",
                "the body wrapped in an array", "[{\"amountCents\":100,\"currency\":\"USD\"}]",
                "the amount and currency as an array", "{\"amount\":[100,\"USD\"]}",
                "a nested body", "{\"payment\":{\"amountCents\":100,\"currency\":\"USD\"}}");
    }

    @Override
    public long writes() {
        return itemCount();
    }
}
