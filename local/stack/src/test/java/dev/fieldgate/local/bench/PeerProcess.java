package dev.fieldgate.local.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A server under measurement, in a process of its own: when it was started, the lines it printed, and the CPU time
 * and resident memory the kernel counts for it (Linux {@code /proc}), so each server is charged for its own work
 * only, whatever else the machine runs.
 */
final class PeerProcess implements AutoCloseable {

    /** Clock ticks per second of {@code /proc/<pid>/stat}'s CPU times (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    private final String name;
    private final Process process;
    private final long startedNanos;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private PeerProcess(String name, Process process, long startedNanos) {
        this.name = name;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /** Starts {@code command} in {@code directory}; its output (stdout and stderr) is kept and copied to {@code log}. */
    static PeerProcess start(String name, List<String> command, Path directory, Map<String, String> env, Path log) {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
        PeerProcess peer = new PeerProcess(name, process, started);
        Thread reader = new Thread(() -> peer.copyOutput(log), name + "-output");
        reader.setDaemon(true);
        reader.start();
        return peer;
    }

    private void copyOutput(Path log) {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                out.write(line);
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            // The process ended; what it printed so far is kept.
        }
    }

    String name() {
        return name;
    }

    /** Time since the process was started. */
    Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** The first printed line starting with {@code prefix} (after trimming), waiting for it up to {@code timeout}. */
    String awaitLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> line = lines.stream()
                    .map(String::trim)
                    .filter(l -> l.startsWith(prefix))
                    .findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before printing '"
                        + prefix + "':\n" + String.join("\n", lines));
            }
            pause(5);
        }
        throw new IllegalStateException(name + " did not print '" + prefix + "' within " + timeout);
    }

    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(
                    name + " exited with " + process.exitValue() + ":\n" + String.join("\n", lines));
        }
    }

    /** User plus system CPU time the process used so far, in milliseconds. */
    long cpuMillis() {
        String stat = read("stat");
        // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** Resident set size, in MB. */
    long rssMegabytes() {
        for (String line : read("status").split("\n", -1)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + name);
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc for " + name + " (Linux only)", e);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the process as Ctrl-C would (its shutdown hooks run), forcibly if it takes more than 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
