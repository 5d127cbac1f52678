package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.core.LocalAdminCredentials;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The state directory is its owner's only: every file and directory under it, DynamoDB Local's database included,
 * is closed to group and others (on file systems with POSIX permissions).
 */
class StateDirectoryPermissionsTest {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    @Test
    void nothingUnderTheStateDirectoryIsOpenToGroupOrOthers(@TempDir Path state) throws IOException {
        Assumptions.assumeTrue(
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        try (LocalStack stack = NotesStack.builder().stateDirectory(state).start()) {
            try (DynamoDbClient dynamo = dynamo(stack)) {
                dynamo.putItem(r -> r.tableName(stack.tableName("Note"))
                        .item(Map.of(
                                "id", AttributeValue.fromS("n-1"),
                                "text", AttributeValue.fromS("kept on disk"))));
                assertThat(dynamo.getItem(r -> r.tableName(stack.tableName("Note"))
                                        .key(Map.of("id", AttributeValue.fromS("n-1"))))
                                .item())
                        .containsKey("text");
            }
            try (Stream<Path> database = Files.list(state.resolve("dynamodb"))) {
                assertThat(database.map(p -> p.getFileName().toString())).anyMatch(name -> name.endsWith(".db"));
            }
            assertThat(openToOthers(state)).isEmpty();
        }
        assertThat(openToOthers(state)).isEmpty();
        // The database DynamoDB Local found created (empty) for it holds the data across a restart.
        try (LocalStack stack = NotesStack.builder().stateDirectory(state).start();
                DynamoDbClient dynamo = dynamo(stack)) {
            assertThat(dynamo.getItem(r ->
                                    r.tableName(stack.tableName("Note")).key(Map.of("id", AttributeValue.fromS("n-1"))))
                            .item()
                            .get("text")
                            .s())
                    .isEqualTo("kept on disk");
            assertThat(openToOthers(state)).isEmpty();
        }
    }

    private static DynamoDbClient dynamo(LocalStack stack) {
        LocalAdminCredentials key = stack.adminCredentials();
        return DynamoDbClient.builder()
                .endpointOverride(stack.dynamoDbEndpoint())
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .build();
    }

    private static List<String> openToOthers(Path root) throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (path.equals(root)) {
                    continue; // the temporary directory the test made, not the stack
                }
                Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
                permissions.addAll(Files.getPosixFilePermissions(path));
                permissions.retainAll(GROUP_OR_OTHERS);
                if (!permissions.isEmpty()) {
                    open.add(root.relativize(path) + " " + permissions);
                }
            }
        }
        return open;
    }
}
