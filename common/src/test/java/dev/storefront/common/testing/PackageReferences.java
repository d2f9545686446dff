package dev.storefront.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which packages a package's sources name, for the services' package dependency tests: reads the
 * sources, so a fully qualified name counts as much as an import.
 */
public final class PackageReferences {

    private PackageReferences() {
    }

    /**
     * Every match of {@code pattern} in the .java files of {@code dir}, as {@code "File.java: match"}.
     *
     * @throws IllegalStateException if {@code dir} holds no .java file (a moved folder must not
     *     make a dependency test pass silently)
     * @throws IOException if a file cannot be read
     */
    public static List<String> in(Path dir, Pattern pattern) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no Java sources in " + dir);
        }
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            Matcher matcher = pattern.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (matcher.find()) {
                found.add(file.getFileName() + ": " + matcher.group());
            }
        }
        return found;
    }
}
