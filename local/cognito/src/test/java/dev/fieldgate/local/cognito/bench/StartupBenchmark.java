package dev.fieldgate.local.cognito.bench;

import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.local.cognito.TestConfigsAccess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Starting the local Cognito (user pool + identity pool + hosted UI on one port) and stopping it again.
 * {@code coldFirstStart} is a single shot in a fresh JVM per fork (class loading included: what a developer waits
 * for on the first start of a process); the warm variants measure a start in a JVM that has started one before.
 * Whole-process timings of a restart from a state directory come from {@code StartupProbe} in the stack module.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StartupBenchmark {

    private Path state;

    @Setup(Level.Trial)
    public void prepareState() throws IOException {
        state = Files.createTempDirectory("fieldgate-bench-state");
    }

    @TearDown(Level.Trial)
    public void deleteState() throws IOException {
        try (var files = Files.walk(state)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The first start in a fresh JVM, in memory: class loading plus three new RSA-2048 keys. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @Fork(5)
    public void coldFirstStartInMemory() {
        LocalCognito.builder().config(TestConfigsAccess.pins()).start().close();
    }

    /**
     * A start in a warm JVM with fresh in-memory state, until the pool can sign tokens: fetching the JWKS waits for
     * the three RSA-2048 keys, which are generated in the background after {@code start()} returns.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 3, time = 3)
    @Fork(1)
    public int warmStartInMemoryUntilKeysAreReady() throws Exception {
        try (LocalCognito cognito =
                LocalCognito.builder().config(TestConfigsAccess.pins()).start()) {
            return jwks(cognito);
        }
    }

    /** A restart in a warm JVM from a state directory that already holds keys and ids, until the JWKS is served. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 2, time = 3)
    @Measurement(iterations = 3, time = 3)
    @Fork(1)
    public int warmRestartFromStateDirectory() throws Exception {
        try (LocalCognito cognito = LocalCognito.builder()
                .config(TestConfigsAccess.pins())
                .stateDirectory(state)
                .start()) {
            return jwks(cognito);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static int jwks(LocalCognito cognito) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(cognito.jwksUri()).build(), HttpResponse.BodyHandlers.ofString())
                .body()
                .length();
    }
}
