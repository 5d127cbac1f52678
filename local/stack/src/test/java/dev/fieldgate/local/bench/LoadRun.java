package dev.fieldgate.local.bench;

import dev.fieldgate.local.LocalStack;
import java.time.Duration;

/**
 * The local stack under load: starts the pins sample (in memory, its resolver function jar through the Lambda
 * handler string, DynamoDB Local), runs {@link PinsLoad} with N concurrent clients for D seconds, and prints
 * requests per second, latency percentiles and the write check (every acknowledged createPin in the table exactly
 * once). Exits with 1 when any request failed or a write was lost or duplicated.
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
            result = PinsLoad.run(stack, PinsLoad.Settings.timed(clients, Duration.ofSeconds(seconds)));
        }
        System.out.println(result.report());
        System.out.println(
                result.consistent()
                        ? "OK: no failed request, every write stored exactly once"
                        : "FAILED: see the counts above");
        System.exit(result.consistent() ? 0 : 1);
    }
}
