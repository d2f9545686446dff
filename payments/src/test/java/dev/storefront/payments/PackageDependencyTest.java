package dev.storefront.payments;

import dev.storefront.common.testing.PackageReferences;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Package dependencies point one way: api → domain ← persistence. The domain owns its store port
 * (PaymentIntentStore) and names no adapter; api speaks to the domain only. Reads the sources, so a
 * fully qualified name counts as much as an import.
 */
class PackageDependencyTest {

    private static final Path SOURCES = Path.of(System.getProperty("basedir", "."))
            .resolve("src/main/java/dev/storefront/payments");

    /** A reference to the store, by fully qualified name. */
    private static final Pattern PERSISTENCE = Pattern.compile("dev\\.storefront\\.payments\\.persistence\\b");

    /** The same, or to the HTTP API. */
    private static final Pattern PERSISTENCE_OR_API =
            Pattern.compile("dev\\.storefront\\.payments\\.(persistence|api)\\b");

    @Test
    void domainNamesNoAdapter() throws IOException {
        assertThat(PackageReferences.in(SOURCES.resolve("domain"), PERSISTENCE_OR_API)).isEmpty();
    }

    @Test
    void apiNamesTheDomainOnly() throws IOException {
        assertThat(PackageReferences.in(SOURCES.resolve("api"), PERSISTENCE)).isEmpty();
    }

    @Test
    void theScanSeesAnImport() {
        assertThat(PERSISTENCE.matcher("import dev.storefront.payments.persistence.PaymentRepository;").find())
                .isTrue();
        assertThat(PERSISTENCE.matcher("import dev.storefront.payments.domain.PaymentIntentStore;").find())
                .isFalse();
    }
}
