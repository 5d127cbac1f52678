package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.local.appsync.LocalFunction;
import dev.fieldgate.local.cognito.TestConfigs;
import dev.fieldgate.local.core.LocalConfigException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that fails part-way closes what it had started: the state directory's lock and the port are free again,
 * so the next start in the same directory succeeds.
 */
class FailedStartTest {

    @Test
    void aFunctionWhoseArtifactIsMissingFailsTheStartAndLeavesTheStateDirectoryUsable(@TempDir Path dir) {
        Path state = dir.resolve("state");
        LocalFunction missing = LocalFunction.builder()
                .classPath(List.of(dir.resolve("no-such-function.jar")))
                .handler(TestFunctions.NOTES_HANDLER)
                .build();

        assertThatThrownBy(() -> builder(state).function(missing).start())
                .isInstanceOf(LocalConfigException.class)
                .hasMessageContaining("no-such-function.jar")
                .hasMessageContaining("does not exist");

        try (LocalStack stack = builder(state).function(TestFunctions.notes()).start()) {
            assertThat(stack.functionReady()).succeedsWithin(java.time.Duration.ofMinutes(1));
        }
    }

    @Test
    void aPortInUseFailsTheStartAndLeavesTheStateDirectoryUsable(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> builder(state)
                            .port(taken.getLocalPort())
                            .function(TestFunctions.notes())
                            .start())
                    .isInstanceOf(dev.fieldgate.local.core.LocalStackException.class);
        }

        try (LocalStack stack = builder(state).function(TestFunctions.notes()).start()) {
            assertThat(stack.cognito().userPoolId()).startsWith("us-east-1_");
        }
    }

    @Test
    void aFailureAfterTheFunctionStartedClosesItAndTheRestAndLeavesTheStateDirectoryUsable(@TempDir Path dir)
            throws Exception {
        Path state = dir.resolve("state");
        Path notAFolder = java.nio.file.Files.writeString(dir.resolve("not-a-folder"), "a file");

        // The outputs file is written last, after the function's init began and the tables were made.
        assertThatThrownBy(() -> builder(state)
                        .function(TestFunctions.notes())
                        .outputsFile(notAFolder.resolve("amplify_outputs.json"))
                        .start())
                .isInstanceOf(RuntimeException.class);

        try (LocalStack stack = builder(state).function(TestFunctions.notes()).start()) {
            assertThat(stack.functionReady()).succeedsWithin(java.time.Duration.ofMinutes(1));
        }
    }

    private static LocalStack.Builder builder(Path state) {
        return LocalStack.builder()
                .config(TestConfigs.pins())
                .schema(NotesStack.schema())
                .port(0)
                .stateDirectory(state);
    }
}
