package dev.fieldgate.local.appsync.internal.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingFoldersTest {

    @TempDir
    Path root;

    @Test
    void aNewFolderRemovesTheFoldersOfEndedProcessesOnly() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path abandoned = Files.createDirectory(root.resolve("fieldgate-lambda-" + ended.pid() + "-123"));
        Files.write(abandoned.resolve("function.jar"), new byte[1024]);
        Path running = Files.createDirectory(
                root.resolve("fieldgate-lambda-" + ProcessHandle.current().pid() + "-456"));
        Path unnamed = Files.createDirectory(root.resolve("fieldgate-lambda-789"));
        Path other = Files.createDirectory(root.resolve("something-else-1-2"));

        Path created = StagingFolders.create(root);

        assertThat(abandoned).doesNotExist();
        assertThat(running).isDirectory();
        assertThat(unnamed).as("a name without a process id is left alone").isDirectory();
        assertThat(other).isDirectory();
        assertThat(created.getFileName().toString())
                .startsWith("fieldgate-lambda-" + ProcessHandle.current().pid() + "-");
    }

    @Test
    void readsTheProcessIdFromTheFolderNameOnly() {
        assertThat(StagingFolders.ownerPid("fieldgate-lambda-4242-987")).isEqualTo(OptionalLong.of(4242));
        assertThat(StagingFolders.ownerPid("fieldgate-lambda-16337243006134911243"))
                .isEmpty();
        assertThat(StagingFolders.ownerPid("fieldgate-lambda-x1-2")).isEmpty();
        assertThat(StagingFolders.ownerPid("other-4242-1")).isEmpty();
    }
}
