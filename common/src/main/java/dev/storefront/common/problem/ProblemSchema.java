package dev.storefront.common.problem;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.net.URI;
import java.util.List;

/**
 * The shape of every error answer, as the services' OpenAPI documents publish it: an RFC 9457
 * problem ({@code application/problem+json}) as {@link ProblemDetails} writes it. Only the
 * documents use this type; the answers themselves are written by {@link ProblemResponseProcessor}.
 *
 * @param type problem type URI
 * @param title short summary of the problem type
 * @param status HTTP status code
 * @param detail what was wrong with this request
 * @param instance URI of this occurrence
 * @param errors invalid fields (400 invalid-request only)
 * @param skus SKUs not for sale (422 unknown-sku only)
 */
@Schema(name = "Problem", description = "RFC 9457 problem details. Extension members may be added.")
public record ProblemSchema(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Problem type URI; about:blank for plain HTTP errors",
                example = "urn:problem-type:storefront:invalid-request")
        URI type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Short summary of the problem type", example = "Invalid request")
        String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "HTTP status code", example = "400")
        int status,
        @Schema(description = "What was wrong with this request", requiredMode = Schema.RequiredMode.NOT_REQUIRED,
                example = "customerEmail must be a well-formed email address")
        String detail,
        @Schema(description = "URI of this occurrence", requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        URI instance,
        @ArraySchema(arraySchema = @Schema(description = "Invalid fields, with paths relative to the request body"
                + " (400 invalid-request only)"))
        @Nullable List<FieldError> errors,
        @ArraySchema(arraySchema = @Schema(description = "SKUs that are not for sale (422 unknown-sku only)",
                example = "[\"SKU-404\"]"))
        @Nullable List<String> skus) {

    /** The media type of every error answer (RFC 9457 §3). */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One invalid field.
     *
     * @param field path of the field in the request body, e.g. {@code items[0].quantity}, or the
     *     header's name
     * @param message what is wrong with it
     */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "items[0].quantity") String field,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "must be less than or equal to 100") String message) {
    }
}
