package dev.storefront.payments;

import dev.storefront.common.testing.BadInputContract;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

import java.util.List;

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
    public long writes() {
        return itemCount();
    }
}
