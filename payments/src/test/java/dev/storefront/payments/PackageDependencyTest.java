package dev.storefront.payments;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
        assertThat(references(SOURCES.resolve("domain"), PERSISTENCE_OR_API)).isEmpty();
    }

    @Test
    void apiNamesTheDomainOnly() throws IOException {
        assertThat(references(SOURCES.resolve("api"), PERSISTENCE)).isEmpty();
    }

    @Test
    void theScanSeesAnImport() {
        assertThat(PERSISTENCE.matcher("import dev.storefront.payments.persistence.PaymentRepository;").find())
                .isTrue();
        assertThat(PERSISTENCE.matcher("import dev.storefront.payments.domain.PaymentIntentStore;").find())
                .isFalse();
    }

    /** Every "File.java: package" match of {@code pattern} in the .java files of {@code dir}. */
    private static List<String> references(Path dir, Pattern pattern) throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(files).as("Java sources in %s", dir).isNotEmpty();
        for (Path file : files) {
            Matcher matcher = pattern.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (matcher.find()) {
                found.add(file.getFileName() + ": " + matcher.group());
            }
        }
        return found;
    }
}
