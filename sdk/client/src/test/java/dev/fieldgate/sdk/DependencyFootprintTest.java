package dev.fieldgate.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What a partner app inherits from the SDK at run time, read from the dependency tree the build writes
 * ({@code target/dependency-tree/runtime.txt}): one HTTP client for the AWS SDK's Cognito clients (URL connection;
 * AppSync calls use the JDK's own), none of the AWS SDK's other defaults and nothing that makes Spring warn about
 * commons-logging.
 */
class DependencyFootprintTest {

    /** Every {@code SdkHttpClient} / {@code SdkAsyncHttpClient} implementation the AWS SDK publishes. */
    private static final Set<String> AWS_HTTP_CLIENTS = Set.of(
            "software.amazon.awssdk:apache-client",
            "software.amazon.awssdk:apache5-client",
            "software.amazon.awssdk:netty-nio-client",
            "software.amazon.awssdk:url-connection-client",
            "software.amazon.awssdk:aws-crt-client");

    @Test
    void theSdkBringsExactlyOneHttpClient() throws IOException {
        List<String> artifacts = runtimeArtifacts();
        assertThat(artifacts).as("the runtime tree").contains("software.amazon.awssdk:sdk-core");
        assertThat(artifacts.stream().filter(AWS_HTTP_CLIENTS::contains))
                .as("AWS SDK HTTP clients in the runtime tree")
                .containsExactly("software.amazon.awssdk:url-connection-client");
    }

    @Test
    void noApacheNettyOrCommonsLoggingReachesAnApp() throws IOException {
        assertThat(runtimeArtifacts())
                .noneMatch(a -> a.startsWith("io.netty:"))
                .noneMatch(a -> a.startsWith("org.apache.httpcomponents"))
                .doesNotContain("commons-logging:commons-logging");
    }

    /** {@code group:artifact} of every runtime entry that an app inherits (optional entries do not reach it). */
    private static List<String> runtimeArtifacts() throws IOException {
        Path tree = Path.of("target", "dependency-tree", "runtime.txt");
        assertThat(tree)
                .as("written by the build's runtime-dependency-tree execution")
                .exists();
        return Files.readAllLines(tree, StandardCharsets.UTF_8).stream()
                .skip(1) // the SDK itself
                .filter(line -> !line.contains("(optional)"))
                .map(line -> line.replaceFirst("^[|+\\\\\\- ]+", ""))
                .map(line -> line.split(":", -1))
                .filter(parts -> parts.length >= 2)
                .map(parts -> parts[0] + ":" + parts[1])
                .toList();
    }
}
