package dev.fieldgate.local.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A class path a JVM can record an ahead-of-time cache for. The JDK's class-data sharing accepts jars only: it
 * refuses a non-empty directory on the path, including one a jar's manifest names ({@code Class-Path: .}, as
 * DynamoDB Local's does). So each class folder becomes a jar and each jar whose manifest has a {@code Class-Path}
 * is copied without it — the Maven class path already lists every jar such a manifest names. Other entries stay.
 *
 * <p>{@code java ... AotClassPath OUT_DIR CLASS_PATH} writes the jars it needs under OUT_DIR and prints the new
 * class path.
 */
final class AotClassPath {

    private AotClassPath() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: AotClassPath OUT_DIR CLASS_PATH");
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(rewrite(Path.of(args[0]), args[1]));
    }

    /** Rewrites {@code classPath} (entries separated by ':'), writing new jars under {@code outDir}. */
    static String rewrite(Path outDir, String classPath) {
        try {
            Files.createDirectories(outDir);
            List<String> entries = new ArrayList<>();
            int index = 0;
            for (String entry : classPath.split(":", -1)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path path = Path.of(entry);
                // A numbered name keeps two folders both called "classes" apart.
                String name = String.format("%03d-%s.jar", index++, path.getFileName());
                if (Files.isDirectory(path)) {
                    entries.add(jarOf(path, outDir.resolve(name)).toString());
                } else if (entry.endsWith(".jar") && hasClassPathAttribute(path)) {
                    entries.add(withoutClassPath(path, outDir.resolve(name)).toString());
                } else {
                    entries.add(entry);
                }
            }
            return String.join(":", entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasClassPathAttribute(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().containsKey(Attributes.Name.CLASS_PATH);
        }
    }

    private static Path jarOf(Path directory, Path target) throws IOException {
        try (OutputStream file = Files.newOutputStream(target);
                JarOutputStream jar = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList()) {
                jar.putNextEntry(
                        new JarEntry(directory.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, jar);
                jar.closeEntry();
            }
        }
        return target;
    }

    private static Path withoutClassPath(Path source, Path target) throws IOException {
        try (JarFile in = new JarFile(source.toFile());
                OutputStream file = Files.newOutputStream(target)) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().remove(Attributes.Name.CLASS_PATH);
            try (JarOutputStream out = new JarOutputStream(file, manifest)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME) || isSignature(entry.getName())) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream content = in.getInputStream(entry)) {
                        content.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    /** A signature over the old manifest no longer matches the new one; the copy is an unsigned jar. */
    private static boolean isSignature(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.startsWith("META-INF/")
                && upper.indexOf('/', "META-INF/".length()) < 0
                && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC"));
    }
}
