package dev.fieldgate.sdk.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageConfigTest {

    /** An outputs file as the local stack writes it: Amplify's storage section and the S3 endpoint override. */
    static final String OUTPUTS = """
            {
              "version": "1.4",
              "auth": {"aws_region": "us-east-1", "user_pool_id": "us-east-1_Ab12Cd34E"},
              "storage": {
                "aws_region": "us-east-1",
                "bucket_name": "pins-local-files",
                "buckets": [
                  {
                    "name": "files",
                    "bucket_name": "pins-local-files",
                    "aws_region": "us-east-1",
                    "paths": {
                      "public/*": {"guest": ["get", "list"], "authenticated": ["get", "list", "write", "delete"]},
                      "protected/{entity_id}/*": {"authenticated": ["get", "list"],
                                                  "entityidentity": ["get", "list", "write", "delete"]},
                      "private/{entity_id}/*": {"entityidentity": ["get", "list", "write", "delete"]}
                    }
                  },
                  {"name": "archive", "bucket_name": "pins-local-archive", "aws_region": "eu-west-1",
                   "paths": {"public/*": {"authenticated": ["read"]}}}
                ]
              },
              "custom": {"fieldgate": {"app": "pins", "environment": "local",
                         "endpoints": {"cognito_idp": "http://127.0.0.1:4566", "s3": "http://127.0.0.1:4566"}}}
            }
            """;

    @Test
    void theOutputsFilesStorageSectionGivesEveryBucketWithItsPathsAndTheLocalEndpoint(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("amplify_outputs.json");
        Files.writeString(file, OUTPUTS);

        StorageConfig config = StorageConfig.fromOutputsFile(file);

        assertThat(config.defaultBucket().name()).isEqualTo("files");
        assertThat(config.defaultBucket().bucketName()).isEqualTo("pins-local-files");
        assertThat(config.buckets()).containsOnlyKeys("files", "archive");
        assertThat(config.bucket("archive").region()).isEqualTo("eu-west-1");
        assertThat(config.bucket("archive").paths().get(0).authenticated())
                .containsExactly(StorageAccess.GET, StorageAccess.LIST);
        assertThat(config.endpoint()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(config.pathStyle()).isTrue();
        PathRule priv = config.defaultBucket().rule("private/{identity}/*").orElseThrow();
        assertThat(priv.owner()).hasSize(4);
        assertThat(priv.authenticated()).isEmpty();
        assertThat(config.defaultBucket().patterns())
                .containsExactly("public/*", "protected/{entity_id}/*", "private/{entity_id}/*");
    }

    /** Group grants as the outputs file lists them: {@code groups<name>} per path, precedences in auth.groups. */
    static final String WITH_GROUPS = """
            {
              "version": "1.4",
              "auth": {"aws_region": "us-east-1", "user_pool_id": "us-east-1_Ab12Cd34E",
                       "groups": [{"Admins": {}}, {"editors": {"precedence": 5}}, {"auditors": {"precedence": 2}},
                                  {"readers": {"precedence": 1}}]},
              "storage": {
                "aws_region": "us-east-1",
                "bucket_name": "pins-local-files",
                "buckets": [{
                  "name": "files", "bucket_name": "pins-local-files", "aws_region": "us-east-1",
                  "paths": {
                    "shared/*": {"authenticated": ["get", "list"], "groupseditors": ["write", "delete"]},
                    "private/{entity_id}/*": {"entityidentity": ["get", "list", "write", "delete"],
                                              "groupsauditors": ["read"]}
                  }
                }]
              }
            }
            """;

    @Test
    void groupAccessIsReadPerPathAndPrecedencesFromAuthGroups() {
        StorageConfig config = StorageConfig.fromOutputsJson(WITH_GROUPS);

        PathRule shared = config.defaultBucket().rule("shared/*").orElseThrow();
        assertThat(shared.groups())
                .containsExactly(Map.entry("editors", Set.of(StorageAccess.WRITE, StorageAccess.DELETE)));
        assertThat(shared.forGroup("editors")).containsExactlyInAnyOrder(StorageAccess.values());
        assertThat(shared.forGroup("auditors")).containsExactly(StorageAccess.GET, StorageAccess.LIST);
        assertThat(shared.forGroup(null)).containsExactly(StorageAccess.GET, StorageAccess.LIST);
        assertThat(shared.describe()).endsWith("; group editors: write, delete)");
        assertThat(config.defaultBucket()
                        .rule("private/{identity}/*")
                        .orElseThrow()
                        .groups())
                .containsExactly(Map.entry("auditors", Set.of(StorageAccess.GET, StorageAccess.LIST)));
        // A group without a precedence has none here.
        assertThat(config.groupPrecedence())
                .containsExactly(Map.entry("editors", 5), Map.entry("auditors", 2), Map.entry("readers", 1));
        assertThat(StorageConfig.fromOutputsJson(OUTPUTS).groupPrecedence()).isEmpty();
        assertThat(StorageConfig.fromOutputsJson(OUTPUTS).defaultBucket().paths())
                .allMatch(rule -> rule.groups().isEmpty());
        assertThatThrownBy(() ->
                        StorageConfig.fromOutputsJson(WITH_GROUPS.replace("[\"write\", \"delete\"]", "[\"edit\"]")))
                .isInstanceOf(StorageConfigException.class)
                .hasMessageContaining(
                        "storage.buckets[0].paths['shared/*'].groupseditors: 'edit' is not a storage access");
    }

    @Test
    void theRoleGroupIsTheCallersLowestPrecedenceGroupThatSomePathGrants() {
        StorageConfig config = StorageConfig.fromOutputsJson(WITH_GROUPS);

        assertThat(config.roleGroup(List.of("editors"))).contains("editors");
        // auditors (2) wins over editors (5), as the identity pool picks the role.
        assertThat(config.roleGroup(List.of("editors", "auditors"))).contains("auditors");
        // readers has the lowest precedence but no path grants it, so it has no role.
        assertThat(config.roleGroup(List.of("readers", "editors"))).contains("editors");
        assertThat(config.roleGroup(List.of("readers", "Admins"))).isEmpty();
        assertThat(config.roleGroup(List.of())).isEmpty();
        assertThat(config.copy(b -> b.groupPrecedence("editors", 1)).roleGroup(List.of("editors", "auditors")))
                .contains("editors");
    }

    @Test
    void onAwsThereIsNoEndpointAndBucketsAreAddressedByHostName() {
        StorageConfig config = StorageConfig.fromOutputsJson(
                "{\"storage\": {\"aws_region\": \"us-east-1\", \"bucket_name\": \"app-prod-files-1234\"}}");

        assertThat(config.endpoint()).isEmpty();
        assertThat(config.pathStyle()).isFalse();
        assertThat(config.defaultBucket().bucketName()).isEqualTo("app-prod-files-1234");
        assertThat(config.defaultBucket().paths()).isEmpty();
    }

    @Test
    void whatIsMissingIsNamedWithWhatToDo() {
        assertThatThrownBy(() -> StorageConfig.fromOutputsJson("{\"version\": \"1.4\"}"))
                .isInstanceOf(StorageConfigException.class)
                .hasMessageContaining("no storage section: declare storage in fieldgate.json");
        assertThatThrownBy(() -> StorageConfig.fromOutputsJson("{\"storage\": {\"aws_region\": \"us-east-1\"}}"))
                .hasMessageContaining("storage.bucket_name is missing");
        assertThatThrownBy(() -> StorageConfig.fromOutputsJson(OUTPUTS).bucket("photos"))
                .hasMessageContaining("No bucket named 'photos'")
                .hasMessageContaining("[files, archive]");
        assertThatThrownBy(() -> StorageConfig.fromOutputsJson(OUTPUTS.replace("[\"read\"]", "[\"reed\"]")))
                .hasMessageContaining("'reed' is not a storage access");
        assertThatThrownBy(() -> StorageConfig.fromOutputsJson(OUTPUTS.replace(
                        "\"bucket_name\": \"pins-local-files\",\n    \"buckets\"",
                        "\"bucket_name\": \"x\",\n    \"buckets\"")))
                .hasMessageContaining("none of storage.buckets[].bucket_name");
    }

    @Test
    void aCopyChangesOnlyWhatItSays() {
        StorageConfig config = StorageConfig.fromOutputsJson(OUTPUTS);
        StorageConfig archive = config.copy(b -> b.defaultBucket("archive").pathStyle(false));

        assertThat(archive.defaultBucket().name()).isEqualTo("archive");
        assertThat(archive.pathStyle()).isFalse();
        assertThat(archive.endpoint()).isEqualTo(config.endpoint());
        assertThat(config.defaultBucket().name()).isEqualTo("files");
    }
}
