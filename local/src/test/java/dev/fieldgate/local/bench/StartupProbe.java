package dev.fieldgate.local.bench;

import dev.fieldgate.local.LocalCognito;
import dev.fieldgate.local.TestConfigsAccess;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Whole-process start-up timing: run in a fresh JVM, starts the local Cognito once and prints how long it took from
 * JVM start and from the builder's {@code start()} to listening. With a directory argument the state lives there
 * (run twice to see a restart). See local/README.md for the command.
 */
public final class StartupProbe {

    private StartupProbe() {
    }

    public static void main(String[] args) {
        LocalCognito.Builder builder = LocalCognito.builder().config(TestConfigsAccess.pins());
        if (args.length > 0) {
            builder = builder.stateDirectory(Path.of(args[0]));
        }
        long before = System.currentTimeMillis();
        try (LocalCognito cognito = builder.start()) {
            long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.printf("start() %d ms, JVM start to listening %d ms (%s, before start() %d ms)%n",
                    cognito.startupTime().toMillis(), sinceJvmStart,
                    args.length > 0 ? "state directory" : "in memory",
                    before - ManagementFactory.getRuntimeMXBean().getStartTime());
        }
    }
}
