package dev.storefront.orders;

import dev.storefront.common.testing.PackageReferences;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Package dependencies point one way: api → domain ← persistence, payments (the client). The
 * domain owns its ports (OrderStore, Catalog, PaymentGateway) and names no adapter; api speaks to
 * the domain only. Reads the sources, so a fully qualified name counts as much as an import.
 */
class PackageDependencyTest {

    private static final Path SOURCES = Path.of(System.getProperty("basedir", "."))
            .resolve("src/main/java/dev/storefront/orders");

    /** A reference to the store or the payments client, by fully qualified name. */
    private static final Pattern ADAPTERS = Pattern.compile("dev\\.storefront\\.orders\\.(persistence|payments)\\b");

    /** The same, or to the HTTP API. */
    private static final Pattern ADAPTERS_OR_API =
            Pattern.compile("dev\\.storefront\\.orders\\.(persistence|payments|api)\\b");

    @Test
    void domainNamesNoAdapter() throws IOException {
        assertThat(PackageReferences.in(SOURCES.resolve("domain"), ADAPTERS_OR_API)).isEmpty();
    }

    @Test
    void apiNamesTheDomainOnly() throws IOException {
        assertThat(PackageReferences.in(SOURCES.resolve("api"), ADAPTERS)).isEmpty();
    }

    @Test
    void theScanSeesAnImport() {
        assertThat(ADAPTERS.matcher("import dev.storefront.orders.persistence.OrderRepository;").find()).isTrue();
        assertThat(ADAPTERS.matcher("import dev.storefront.orders.payments.PaymentsClient;").find()).isTrue();
        assertThat(ADAPTERS.matcher("import dev.storefront.orders.domain.OrderStore;").find()).isFalse();
    }
}
