package dev.storefront.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Java runtime that runs the service JVMs: {@code bin/java} of its home is what starts, and its
 * version decides the kind of start-up archive and is part of the archive's key ({@link StartupArchive}).
 *
 * @param home the runtime's home directory (a JAVA_HOME)
 * @param version its runtime version as {@code java.runtime.version} says it, e.g.
 *     {@code 17.0.15+6-Debian-1deb12u1}
 */
public record JavaRuntime(Path home, String version) {

    /** The runtime this JVM runs on: the default for the services. */
    public static JavaRuntime current() {
        return new JavaRuntime(Path.of(System.getProperty("java.home")), Runtime.version().toString());
    }

    /**
     * The runtime installed in {@code home}, its version read from {@code home/release}
     * (JAVA_RUNTIME_VERSION, the same string as that JVM's {@code java.runtime.version}; JAVA_VERSION
     * where a build writes no runtime version). Reading the file starts no JVM.
     *
     * @throws StartupException if {@code home} has no {@code bin/java} or no release file with a version
     */
    public static JavaRuntime of(Path home) {
        Path absolute = home.toAbsolutePath().normalize();
        if (!Files.isExecutable(absolute.resolve("bin").resolve("java"))) {
            throw new StartupException(absolute + " is not a Java home: it has no bin/java");
        }
        Path release = absolute.resolve("release");
        try {
            String text = Files.readString(release);
            return releaseValue(text, "JAVA_RUNTIME_VERSION").or(() -> releaseValue(text, "JAVA_VERSION"))
                    .map(version -> new JavaRuntime(absolute, version))
                    .orElseThrow(() -> new StartupException(release + " names no JAVA_VERSION"));
        } catch (IOException e) {
            throw new StartupException("cannot read the version of " + absolute + " from " + release + ": " + e);
        }
    }

    /** Its {@code bin/java}. */
    public Path executable() {
        return home.resolve("bin").resolve("java");
    }

    /** The feature release: 17 of {@code 17.0.15+6}, 25 of {@code 25+36-LTS}. */
    public int feature() {
        return Integer.parseInt(version.split("[^0-9]", 2)[0]);
    }

    /** {@code KEY="value"} of a release file (shell variable syntax). */
    private static Optional<String> releaseValue(String release, String key) {
        return release.lines().filter(line -> line.startsWith(key + "="))
                .map(line -> line.substring(key.length() + 1).replace("\"", "").trim())
                .filter(value -> !value.isEmpty()).findFirst();
    }
}
