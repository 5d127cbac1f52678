package dev.fieldgate.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fieldgate.local.bench.PinsLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's start-up cache on a JDK 25 or later, as {@code ./fieldgate local} makes and uses it: the class
 * path {@link AotClassPath} writes is one the JDK records a cache for, a training run records it, and a stack
 * started with {@code -XX:AOTMode=on} — which refuses to start when the cache cannot be used — answers. Skipped
 * when no such JDK is installed (FIELDGATE_LOCAL_JAVA_HOME, JAVA_HOME or the system's JDK folder).
 */
class StartCacheIT {

    private static final Pattern FEATURE = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    @TempDir
    Path work;

    @Test
    void aTrainingRunRecordsACacheTheStackStartsFrom() throws Exception {
        Optional<Path> jdk = jdk25OrLater();
        assumeTrue(jdk.isPresent(), "no JDK 25 or later here");
        Path java = jdk.get().resolve("bin/java");
        Path root = PinsLoad.pinsConfig().getParent().resolve("../..").normalize();
        String classPath = AotClassPath.rewrite(work.resolve("jars"), System.getProperty("java.class.path"));
        Path cache = work.resolve("stack.aot");

        Result training = run(java, List.of("-XX:AOTCacheOutput=" + cache), classPath, root, "--training-run");

        assertThat(training.code()).as(training.out()).isZero();
        assertThat(training.out()).contains("Training run of 'pins' done");
        assertThat(cache).isNotEmptyFile();

        Result start = run(
                java,
                List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on"),
                classPath,
                root,
                "--in-memory",
                "--port",
                "0");

        assertThat(start.out())
                .as("the JVM took the cache and the stack answered")
                .contains("Resolver function ready");
    }

    record Result(int code, String out) {}

    /** Runs the local command; a stack that stays up is stopped once its resolver function is ready. */
    private Result run(Path java, List<String> jvmOptions, String classPath, Path root, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                classPath,
                LocalCommand.class.getName(),
                "--sample",
                "pins",
                "--root",
                root.toString(),
                "--quiet"));
        command.addAll(List.of(options));
        Path out = Files.createTempFile(work, "out", ".txt");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (Files.readString(out).contains("Resolver function ready")) {
                process.destroy();
                break;
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), Files.readString(out));
    }

    private static Optional<Path> jdk25OrLater() throws IOException {
        List<Path> candidates = new ArrayList<>();
        for (String variable : List.of("FIELDGATE_LOCAL_JAVA_HOME", "JAVA_HOME")) {
            String home = System.getenv(variable);
            if (home != null && !home.isBlank()) {
                candidates.add(Path.of(home));
            }
        }
        Path system = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(system)) {
            try (Stream<Path> homes = Files.list(system)) {
                candidates.addAll(homes.sorted(Comparator.reverseOrder()).toList());
            }
        }
        for (Path home : candidates) {
            Path release = home.resolve("release");
            if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))) {
                Matcher feature = FEATURE.matcher(Files.readString(release));
                if (feature.find() && Integer.parseInt(feature.group(1)) >= 25) {
                    return Optional.of(home);
                }
            }
        }
        return Optional.empty();
    }
}
