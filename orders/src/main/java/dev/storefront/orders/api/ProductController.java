package dev.storefront.orders.api;

import dev.storefront.common.problem.ProblemSchema;
import dev.storefront.orders.domain.OrderService;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** {@code GET /products}: the catalog. */
@Controller("/products")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "catalog")
class ProductController {

    private static final String RETRY_AFTER = "Seconds to wait before retrying";

    private final OrderService orders;

    ProductController(OrderService orders) {
        this.orders = orders;
    }

    /** Products for sale, by name. */
    @Operation(summary = "The catalog", description = "Products for sale (active), by name.")
    @ApiResponse(responseCode = "200", description = "Products for sale, by name")
    @ApiResponse(responseCode = "503", description = "The orders database is unavailable. Retry after Retry-After"
            + " seconds",
            content = @Content(mediaType = ProblemSchema.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemSchema.class)),
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "Retry-After", description = RETRY_AFTER,
                    schema = @Schema(type = "integer", example = "1")))
    @Get
    List<ProductResponse> list() {
        return orders.catalog().stream().map(ProductResponse::from).toList();
    }
}
