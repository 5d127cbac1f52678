package dev.fieldgate.local.bench;

import dev.fieldgate.local.LocalStack;
import java.time.Duration;
import java.util.List;

/**
 * The local stack under load: starts the pins sample (in memory, its resolver function jar through the Lambda
 * handler string, DynamoDB Local), runs {@link PinsLoad} with N concurrent clients for D seconds, and prints
 * requests per second, latency percentiles and the write check (every acknowledged createPin in the table exactly
 * once), and the request log's cost: throughput and mean latency with the log off and on, in alternating phases of
 * the same run. Exits with 1 when any request failed or a write was lost or duplicated.
 *
 * <pre>
 * java -cp &lt;local test class path&gt; dev.fieldgate.local.bench.LoadRun [--clients 50] [--seconds 30]
 * </pre>
 * Run it from the repository root (or the local module's directory); the pins function jar must be built.
 */
public final class LoadRun {

    private LoadRun() {}

    public static void main(String[] args) {
        int clients = 50;
        int seconds = 30;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: LoadRun [--clients N] [--seconds D]");
                    System.exit(2);
                }
            }
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        PinsLoad.Result result;
        try (LocalStack stack = LocalStack.builder()
                .appConfigFile(PinsLoad.pinsConfig())
                .inMemory()
                .maxConcurrentRequests(Math.max(200, clients * 2))
                .start()) {
            long functionStarted = System.nanoTime();
            stack.functionReady().join();
            System.out.printf(
                    "pins stack ready in %d ms, resolver function ready %d ms later; %d clients for %d s"
                            + " (%d users, %d guests)%n",
                    stack.startupTime().toMillis(),
                    Duration.ofNanos(System.nanoTime() - functionStarted).toMillis(),
                    clients,
                    seconds,
                    clients - clients / 5,
                    clients / 5);
            // The request log's cost in the same run: a warm-up (not counted), then the log off and on in
            // alternating phases, so both see the same JIT state and the same table sizes.
            PinsLoad.run(stack, PinsLoad.Settings.timed(clients, Duration.ofSeconds(Math.max(2, seconds / 6))));
            Duration phase = Duration.ofSeconds(Math.max(2, seconds / 4));
            long[] requests = new long[2];
            long[] elapsedNanos = new long[2];
            long[] latencyNanos = new long[2];
            boolean consistent = true;
            result = null;
            // off, on, on, off: a drift over the run (JIT, table growth, other load) weighs on both alike.
            for (int round = 0; round < 2; round++) {
                for (int step = 0; step < 2; step++) {
                    int on = round == 0 ? step : 1 - step;
                    stack.requestLog().enabled(on == 1);
                    PinsLoad.Result part = PinsLoad.run(stack, PinsLoad.Settings.timed(clients, phase));
                    requests[on] += part.requests();
                    elapsedNanos[on] += part.elapsed().toNanos();
                    for (long latency : part.latenciesNanos()) {
                        latencyNanos[on] += latency;
                    }
                    consistent &= part.consistent();
                    if (on == 1 && result == null) {
                        result = part;
                    } else if (!part.consistent()) {
                        System.out.println(part.report());
                    }
                }
            }
            stack.requestLog().enabled(true);
            System.out.println(result.report());
            double offRate = requests[0] / (elapsedNanos[0] / 1e9);
            double onRate = requests[1] / (elapsedNanos[1] / 1e9);
            double offMean = latencyNanos[0] / (double) requests[0] / 1e3;
            double onMean = latencyNanos[1] / (double) requests[1] / 1e3;
            System.out.printf(
                    "request log off: %.0f req/s, mean %.0f µs; on: %.0f req/s, mean %.0f µs"
                            + " (%+.1f%% throughput, %+.0f µs per request; %d and %d requests in 2 phases of %d s"
                            + " each)%n",
                    offRate,
                    offMean,
                    onRate,
                    onMean,
                    (onRate / offRate - 1) * 100,
                    onMean - offMean,
                    requests[0],
                    requests[1],
                    phase.toSeconds());
            // The log's own work per request, without the HTTP around it: one record into the ring.
            dev.fieldgate.local.core.RequestLog ring =
                    new dev.fieldgate.local.core.RequestLog(1000, java.time.Clock.systemUTC());
            java.time.Instant now = java.time.Instant.now();
            long sink = 0;
            int records = 2_000_000;
            long started = System.nanoTime();
            for (int i = 0; i < records; i++) {
                sink += ring.record(now, "graphql", "query listPins", "anonymous", 200, null, false, i, List.of())
                        .sequence();
            }
            System.out.printf(
                    "request log alone: %.0f ns per record (%d records, checksum %d)%n",
                    (System.nanoTime() - started) / (double) records, records, sink % 10);
            System.out.println(
                    consistent
                            ? "OK: no failed request, every write stored exactly once"
                            : "FAILED: see the counts above");
            System.exit(consistent ? 0 : 1);
        }
    }
}
