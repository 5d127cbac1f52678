package dev.fieldgate.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotClassPathTest {

    @TempDir
    Path dir;

    @Test
    void classFoldersBecomeJarsAndManifestClassPathsAreDropped() throws IOException {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("dev/example"));
        Files.writeString(classes.resolve("dev/example/A.class"), "a");
        Path withClassPath = jar(dir.resolve("ddb.jar"), ". lib/other.jar", "com/example/B.class", "META-INF/X.SF");
        Path plain = jar(dir.resolve("plain.jar"), null, "com/example/C.class");
        Path nativeLibrary = Files.writeString(dir.resolve("libnative.so"), "elf");

        String rewritten = AotClassPath.rewrite(
                dir.resolve("aot"),
                String.join(
                        ":", classes.toString(), withClassPath.toString(), plain.toString(), nativeLibrary.toString()));

        List<String> entries = List.of(rewritten.split(":"));
        assertThat(entries).hasSize(4);
        assertThat(entries.get(0))
                .endsWith(".jar")
                .startsWith(dir.resolve("aot").toString());
        try (JarFile folderJar = new JarFile(entries.get(0))) {
            assertThat(folderJar.getEntry("dev/example/A.class")).isNotNull();
        }
        try (JarFile copy = new JarFile(entries.get(1))) {
            assertThat(copy.getManifest().getMainAttributes().containsKey(Attributes.Name.CLASS_PATH))
                    .as("the JDK refuses to archive with a directory named by Class-Path")
                    .isFalse();
            assertThat(copy.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("com.example.B");
            assertThat(Collections.list(copy.entries()).stream().map(JarEntry::getName))
                    .contains("com/example/B.class")
                    .doesNotContain("META-INF/X.SF");
        }
        assertThat(entries.get(2)).isEqualTo(plain.toString());
        assertThat(entries.get(3)).isEqualTo(nativeLibrary.toString());
    }

    private static Path jar(Path path, String classPath, String... names) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "com.example.B");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream file = Files.newOutputStream(path);
                JarOutputStream jar = new JarOutputStream(file, manifest)) {
            for (String name : names) {
                jar.putNextEntry(new JarEntry(name));
                jar.write(name.getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return path;
    }
}
