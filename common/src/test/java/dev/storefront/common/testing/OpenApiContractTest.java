package dev.storefront.common.testing;

import dev.storefront.common.testing.OpenApiContract.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract check fails on what a document does not say, so the services' tests can rely on it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractTest {

    private static final String DOCUMENT = """
            openapi: 3.0.1
            info: {title: test, version: "1"}
            paths:
              /things/{id}:
                get:
                  parameters:
                  - {name: id, in: path, required: true, schema: {type: string}}
                  responses:
                    "200":
                      description: the thing
                      content:
                        application/json:
                          schema:
                            type: object
                            required: [id]
                            properties: {id: {type: string}}
                    "404":
                      description: no such thing
                      content:
                        application/problem+json:
                          schema: {type: object, required: [status], properties: {status: {type: integer}}}
            """;

    private final HttpStandIn service = new HttpStandIn();

    @AfterAll
    void stop() {
        service.close();
    }

    private static Call get() {
        return Call.get("/things/{id}", "/things/1");
    }

    @Test
    void documentedAnswerPasses() {
        OpenApiContract contract = OpenApiContract.of("test", DOCUMENT);
        service.respond(request -> HttpStandIn.Answer.json(200, "{\"id\":\"1\"}"));

        assertThat(contract.send(service.url(), get()).statusCode()).isEqualTo(200);
    }

    @Test
    void undocumentedStatusFails() {
        OpenApiContract contract = OpenApiContract.of("test", DOCUMENT);
        service.respond(request -> new HttpStandIn.Answer(500, "application/problem+json", "{\"status\":500}"));

        assertThatThrownBy(() -> contract.send(service.url(), get())).isInstanceOf(AssertionError.class)
                .hasMessageContaining("500");
    }

    @Test
    void bodyOutsideTheSchemaFails() {
        OpenApiContract contract = OpenApiContract.of("test", DOCUMENT);
        service.respond(request -> HttpStandIn.Answer.json(200, "{\"name\":\"no id\"}"));

        assertThatThrownBy(() -> contract.send(service.url(), get())).isInstanceOf(AssertionError.class)
                .hasMessageContaining("id");
    }

    @Test
    void undocumentedMediaTypeFails() {
        OpenApiContract contract = OpenApiContract.of("test", DOCUMENT);
        service.respond(request -> HttpStandIn.Answer.json(404, "{\"status\":404}"));

        assertThatThrownBy(() -> contract.send(service.url(), get())).isInstanceOf(AssertionError.class);
    }

    @Test
    void documentedAnswerNeverProducedFails() {
        OpenApiContract contract = OpenApiContract.of("test", DOCUMENT);
        service.respond(request -> HttpStandIn.Answer.json(200, "{\"id\":\"1\"}"));
        contract.send(service.url(), get());

        assertThatThrownBy(contract::assertEveryDocumentedAnswerWasSeen).isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /things/{id} 404");
    }
}
