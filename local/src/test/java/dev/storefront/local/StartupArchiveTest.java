package dev.storefront.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which archive a service start uses, decided by the runtime that runs the service, not by this JVM. */
class StartupArchiveTest {

    private static final JavaRuntime JDK_17 = new JavaRuntime(Path.of("/opt/jdk-17"), "17.0.15+6-Debian-1deb12u1");
    private static final JavaRuntime JDK_25 = new JavaRuntime(Path.of("/opt/jdk-25"), "25.0.3+9-LTS");

    @TempDir
    Path directory;

    @Test
    void eachRuntimeRecordsItsOwnKindOfArchiveUnderItsOwnName() throws IOException {
        Path jar = Files.writeString(directory.resolve("orders.jar"), "jar");
        StartupArchive archives = StartupArchive.in(directory.resolve("archives"));

        assertThat(archives.archiveOf(jar, JDK_17)).isNotEqualTo(archives.archiveOf(jar, JDK_25));
        assertThat(archives.record(jar, JDK_17).jvmOptions()).singleElement().asString()
                .startsWith("-XX:ArchiveClassesAtExit=");
        assertThat(archives.record(jar, JDK_25).jvmOptions()).singleElement().asString()
                .startsWith("-XX:AOTCacheOutput=");
    }

    @Test
    void anArchiveIsMappedOnlyByTheRuntimeItWasRecordedFor() throws IOException {
        Path jar = Files.writeString(directory.resolve("orders.jar"), "jar");
        StartupArchive archives = StartupArchive.in(directory.resolve("archives"));
        Files.writeString(archives.archiveOf(jar, JDK_25), "archive");

        assertThat(archives.useOptions(jar, JDK_25)).isEqualTo(List.of("-XX:AOTCache=" + archives.archiveOf(jar, JDK_25)));
        assertThat(archives.useOptions(jar, JDK_17)).isEmpty();
        assertThat(archives.exists(jar, JDK_17)).isFalse();
    }

    @Test
    void aJavaHomeIsKnownByTheVersionItsReleaseFileNames() throws IOException {
        Path home = directory.resolve("jdk");
        Files.createDirectories(home.resolve("bin"));
        Files.copy(JavaRuntime.current().executable(), home.resolve("bin").resolve("java"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_RUNTIME_VERSION=\"25.0.3+9-LTS\"\n"
                + "JAVA_VERSION=\"25.0.3\"\n");

        JavaRuntime runtime = JavaRuntime.of(home);

        assertThat(runtime.version()).isEqualTo("25.0.3+9-LTS");
        assertThat(runtime.feature()).isEqualTo(25);
        assertThat(runtime.executable()).isEqualTo(home.resolve("bin").resolve("java"));
    }

    @Test
    void thisJvmsHomeReadsAsTheVersionItReports() {
        JavaRuntime current = JavaRuntime.current();

        assertThat(JavaRuntime.of(current.home())).isEqualTo(current);
    }

    @Test
    void aDirectoryWithoutBinJavaIsNotAJavaHome() {
        assertThatThrownBy(() -> JavaRuntime.of(directory)).isInstanceOf(StartupException.class)
                .hasMessageContaining("no bin/java");
    }
}
