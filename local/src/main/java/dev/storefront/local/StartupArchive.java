package dev.storefront.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A service jar's start-up archive, recorded once by a short training start and used by every
 * later start, so that a start maps the classes (and on JDK 25 the linked classes and method
 * profiles) it needs instead of loading, verifying and profiling them again:
 * <ul>
 *   <li>on JDK 25 and later, the JDK's ahead-of-time cache ({@code -XX:AOTCacheOutput} to record,
 *       {@code -XX:AOTCache} to use; JEP 483, 514 and 515);</li>
 *   <li>before, an AppCDS dynamic archive ({@code -XX:ArchiveClassesAtExit},
 *       {@code -XX:SharedArchiveFile}; JEP 350), as the container images make at build time.</li>
 * </ul>
 * Which of the two is the JVM's that runs the service ({@link JavaRuntime}), not this one's: the
 * launcher may start the services with another JDK than its own. One file per jar content and
 * JVM: its name holds a hash of the jar's and its {@code lib/} folder's names, sizes and
 * modification times and of that JVM's home and version, so a rebuilt jar or another JDK records a
 * new one and never uses a stale one. The JVM writes the archive when the
 * recording run exits (after SIGTERM; the dump takes seconds, which is why the recording is a
 * training start of its own with no drain delay, as the container images' build does, and not the
 * service's first real run, whose stop timeout it would overrun). Each recording writes to a file of
 * its own and moves it into place atomically, so two instances of one service recording at once
 * never corrupt the archive, and a JVM that has already mapped an archive is unaffected by its
 * replacement.
 */
public final class StartupArchive {

    private final Path directory;

    private StartupArchive(Path directory) {
        this.directory = directory;
    }

    /**
     * Archives kept in {@code directory}, one per jar and Java runtime.
     *
     * @throws UncheckedIOException if the directory cannot be created
     */
    public static StartupArchive in(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return new StartupArchive(directory);
    }

    /**
     * The JVM options that map {@code jar}'s archive for {@code java}, or none if it has none yet.
     *
     * @throws UncheckedIOException if the jar or its lib folder cannot be read
     */
    public List<String> useOptions(Path jar, JavaRuntime java) {
        Path archive = archiveOf(jar, java);
        if (!Files.isRegularFile(archive)) {
            return List.of();
        }
        return List.of(aotCache(java) ? "-XX:AOTCache=" + archive : "-XX:SharedArchiveFile=" + archive);
    }

    /** Whether {@code jar} has its archive for {@code java}. */
    public boolean exists(Path jar, JavaRuntime java) {
        return Files.isRegularFile(archiveOf(jar, java));
    }

    /**
     * A recording of {@code jar}'s archive for {@code java} into a file of its own, moved into place
     * by {@link Recording#publish()} once the recording JVM has exited.
     */
    public Recording record(Path jar, JavaRuntime java) {
        Path archive = archiveOf(jar, java);
        Path file = directory.resolve(archive.getFileName() + "." + UUID.randomUUID() + ".recording");
        return new Recording(List.of(aotCache(java) ? "-XX:AOTCacheOutput=" + file
                : "-XX:ArchiveClassesAtExit=" + file), archive, file);
    }

    /** The archive a start of {@code jar} with {@code java} uses, whether or not it exists yet. */
    public Path archiveOf(Path jar, JavaRuntime java) {
        return directory.resolve(fileName(jar, java));
    }

    /** The AOT cache from JDK 25 on (JEP 514's one-step recording), a dynamic AppCDS archive before. */
    private static boolean aotCache(JavaRuntime java) {
        return java.feature() >= 25;
    }

    /**
     * One recording run.
     *
     * @param jvmOptions the options to put before {@code -jar}
     * @param archive    the archive it makes
     * @param file       where this run's JVM writes it, when it exits
     */
    public record Recording(List<String> jvmOptions, Path archive, Path file) {

        /**
         * After the JVM exited: moves the recorded archive into place (replacing one another run
         * may have published meanwhile: both are equally valid), or deletes an incomplete one.
         *
         * @return whether the archive is now in place
         */
        public boolean publish() {
            try {
                if (Files.isRegularFile(file) && Files.size(file) > 0) {
                    try {
                        Files.move(file, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(file, archive, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // The next start records again.
            }
            return Files.isRegularFile(archive);
        }
    }

    private static String fileName(Path jar, JavaRuntime java) {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        return name + "-" + fingerprint(jar, java) + ".jsa";
    }

    private static String fingerprint(Path jar, JavaRuntime java) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, java.version() + java.home());
            update(digest, jar.toAbsolutePath().normalize());
            Path lib = jar.toAbsolutePath().getParent().resolve("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> libraries = Files.list(lib)) {
                    for (Path library : libraries.sorted().toList()) {
                        update(digest, library);
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    private static void update(MessageDigest digest, Path file) throws IOException {
        update(digest, file.getFileName() + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis());
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
