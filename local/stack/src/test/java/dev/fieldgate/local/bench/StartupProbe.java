package dev.fieldgate.local.bench;

import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.local.cognito.TestConfigsAccess;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole-process start-up timing, run in a fresh JVM. By default it starts the local Cognito once and prints how long
 * it took from JVM start and from the builder's {@code start()} to listening. With {@code --pins} it starts the whole
 * pins app instead ({@code samples/pins/fieldgate.json}: Cognito, AppSync, DynamoDB Local with the tables, and the
 * sample's resolver function jar) and also prints when the function finished its init (a first resolver call waits
 * for it). With a directory argument the state lives there (run twice to see a
 * restart with warm state). See local/README.md for the command.
 */
public final class StartupProbe {

    private StartupProbe() {}

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean pins = rest.remove("--pins");
        Path state = rest.isEmpty() ? null : Path.of(rest.get(0));
        if (pins) {
            pins(state);
            // DynamoDB Local's stream-shard job sleeps in a non-daemon thread for minutes after shutdown.
            System.exit(0);
        }
        LocalCognito.Builder builder = LocalCognito.builder().config(TestConfigsAccess.pins());
        if (state != null) {
            builder = builder.stateDirectory(state);
        }
        long before = System.currentTimeMillis();
        try (LocalCognito cognito = builder.start()) {
            long sinceJvmStart = System.currentTimeMillis()
                    - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.printf(
                    "start() %d ms, JVM start to listening %d ms (%s, before start() %d ms)%n",
                    cognito.startupTime().toMillis(),
                    sinceJvmStart,
                    state != null ? "state directory" : "in memory",
                    before - ManagementFactory.getRuntimeMXBean().getStartTime());
        }
    }

    private static void pins(Path state) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long before = System.currentTimeMillis();
        LocalStack.Builder builder = LocalStack.builder().appConfigFile(PinsLoad.pinsConfig());
        builder = state == null ? builder.inMemory() : builder.stateDirectory(state);
        try (LocalStack stack = builder.start()) {
            long listening = System.currentTimeMillis();
            long cpuListening = processCpuMillis();
            stack.functionReady().join();
            long functionReady = System.currentTimeMillis();
            long cpuReady = processCpuMillis();
            // CPU time says how much work start-up is, whatever else the machine is doing at the time.
            System.out.printf(
                    "pins stack (%s): start() %d ms; JVM start to listening %d ms (JVM start to main"
                            + " %d ms; %d ms of CPU); resolver function ready %d ms after JVM start (%d ms of CPU)%n",
                    state == null ? "in memory" : "state directory " + state,
                    stack.startupTime().toMillis(),
                    listening - jvmStart,
                    before - jvmStart,
                    cpuListening,
                    functionReady - jvmStart,
                    cpuReady);
        }
    }

    private static long processCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1_000_000;
    }
}
