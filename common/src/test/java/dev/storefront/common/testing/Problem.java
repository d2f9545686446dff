package dev.storefront.common.testing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem answer ({@code application/problem+json}) as common's {@code ProblemDetails}
 * writes it and the services' OpenAPI documents publish it ({@code ProblemSchema}), for tests to
 * bind error answers to: with Micronaut serde in the services' tests, with Jackson elsewhere.
 *
 * @param type problem type URI, e.g. {@code urn:problem-type:storefront:unknown-sku}
 * @param title short summary of the problem type
 * @param status HTTP status code
 * @param detail what was wrong with this request
 * @param errors invalid fields (400 invalid-request only); null otherwise
 * @param skus SKUs not for sale (422 unknown-sku only); null otherwise
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors,
                      List<String> skus) {

    /**
     * One invalid field.
     *
     * @param field path of the field in the request body, e.g. {@code items[0].quantity}
     * @param message what is wrong with it
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldError(String field, String message) {
    }
}
