package dev.storefront.orders.api;

import dev.storefront.orders.domain.OrderService;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/** {@code GET /products}: the catalog. */
@Controller("/products")
@ExecuteOn(TaskExecutors.BLOCKING)
class ProductController {

    private final OrderService orders;

    ProductController(OrderService orders) {
        this.orders = orders;
    }

    /** Products for sale, by name. */
    @Get
    List<ProductResponse> list() {
        return orders.catalog().stream().map(ProductResponse::from).toList();
    }
}
