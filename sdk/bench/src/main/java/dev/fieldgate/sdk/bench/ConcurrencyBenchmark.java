package dev.fieldgate.sdk.bench;

import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateAsyncClient;
import dev.fieldgate.sdk.FieldgateClient;
import dev.fieldgate.sdk.GraphQLOperation;
import dev.fieldgate.sdk.GraphQLResponse;
import dev.fieldgate.sdk.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Throughput with 64 requests in flight: the async client's futures (the JDK client's {@code sendAsync}, no thread
 * per call) next to the blocking client called from a pool of 64 threads, each signing its request with SigV4. One
 * benchmark operation is one request ({@code @OperationsPerInvocation}): an invocation starts 64 and waits for all.
 * The endpoints are {@link BenchEndpoint}'s.
 *
 * <p>Run: {@code ./fieldgate bench sdk} (with {@code ConcurrencyBenchmark} as argument for this one alone).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 3) // the decoding path settles under C2 after about 20 s of calls
@Measurement(iterations = 5, time = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m"})
public class ConcurrencyBenchmark {

    static final int IN_FLIGHT = 64;

    @Param({"static", "local"})
    public String endpoint;

    private BenchEndpoint target;
    private FieldgateClient sync;
    private FieldgateAsyncClient async;
    private ExecutorService pool;
    private GraphQLOperation<?> operation;

    @Setup(Level.Trial)
    public void start() throws Exception {
        target = BenchEndpoint.start(endpoint);
        operation = target.operation;
        AppSyncAuthorizer iam = AppSyncAuthorizer.iam(StaticCredentialsProvider.create(target.credentials));
        sync = FieldgateClient.builder()
                .config(target.config())
                .authorizer(iam)
                .retryPolicy(RetryPolicy.none())
                .build();
        async = FieldgateAsyncClient.builder()
                .config(target.config())
                .authorizer(iam)
                .retryPolicy(RetryPolicy.none())
                .build();
        pool = Executors.newFixedThreadPool(IN_FLIGHT);
        // Both paths must work before they are timed.
        syncClientOnAThreadPool();
        asyncClient();
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.shutdownNow();
        sync.close();
        async.close();
        target.close();
    }

    /** 64 calls through the async client's futures, on the calling thread and the HTTP client's own. */
    @Benchmark
    @OperationsPerInvocation(IN_FLIGHT)
    public int asyncClient() {
        List<CompletableFuture<? extends GraphQLResponse<?>>> calls = new ArrayList<>(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) {
            calls.add(async.execute(operation));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        return calls.size();
    }

    /** 64 blocking calls, one per pool thread. */
    @Benchmark
    @OperationsPerInvocation(IN_FLIGHT)
    public int syncClientOnAThreadPool() throws Exception {
        List<Future<?>> calls = new ArrayList<>(IN_FLIGHT);
        for (int i = 0; i < IN_FLIGHT; i++) {
            calls.add(pool.submit(() -> sync.execute(operation)));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        return calls.size();
    }
}
