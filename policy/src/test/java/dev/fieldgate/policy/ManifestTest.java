package dev.fieldgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    static final CompiledSchema PINS = SchemaCompiler.create().compile(Path.of("../samples/pins/schema.graphql"));

    static Manifest read(String json) {
        return Manifest.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void jsonReadsBackEqual() {
        Manifest manifest = PINS.manifest();

        assertThat(read(manifest.toJson())).isEqualTo(manifest);
    }

    @Test
    void aPolicyLoadedFromTheManifestDecidesLikeTheCompiledOne() {
        AccessPolicy loaded = AccessPolicy.of(read(PINS.manifest().toJson()));
        List<Principal> callers = List.of(
                Principal.anonymous(),
                Principal.iamGuest("g"),
                Principal.iamAuthenticated("i", "sub-bob"),
                Principal.userPool("sub-alice", "alice", List.of()),
                Principal.userPool("sub-bob", "bob", List.of()),
                Principal.userPool("m", "mod", List.of("Admins")));
        Map<String, Object> alicesPin = Map.of("owner", "sub-alice");

        PINS.policy()
                .types()
                .forEach((type, access) -> access.fields().keySet().forEach(field -> {
                    for (Principal caller : callers) {
                        for (Operation operation : Operation.values()) {
                            assertThat(loaded.decide(caller, type, field, operation, alicesPin))
                                    .isEqualTo(PINS.policy().decide(caller, type, field, operation, alicesPin));
                        }
                    }
                }));
    }

    @Test
    void theDocumentedShapeHoldsForTerraform() {
        String json = PINS.manifest().toJson();

        // Terraform reads these keys with jsondecode(); nulls are explicit so lookups never fail.
        assertThat(json)
                .contains(
                        "\"formatVersion\" : 1",
                        "\"maxBatchSize\" : null",
                        "\"sortKey\" : null",
                        "\"partitionKey\" : {",
                        "\"reason\" : \"field-rule\"",
                        "\"allow\" : \"guest\"",
                        "\"operations\" : [ \"read\" ]",
                        "\"kind\" : \"model\"");
        assertThat(json).doesNotContain("multiAuth", "cognitoOnly");
    }

    @Test
    void anUnknownFormatVersionIsRefusedWithWhatToDo() {
        String json = PINS.manifest().toJson().replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");

        assertThatThrownBy(() -> read(json))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("formatVersion 2 is not 1")
                .hasMessageContaining("regenerate it");
    }

    @Test
    void aManifestMissingAPartIsRefused() {
        assertThatThrownBy(() -> read("{\"formatVersion\": 1, \"api\": {\"defaultAuthMode\": \"AWS_IAM\"}}"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("has no 'resolvers'");
        assertThatThrownBy(() -> read("[1, 2]")).isInstanceOf(ManifestException.class);
        assertThatThrownBy(() -> read("{not json")).isInstanceOf(ManifestException.class);
    }

    @Test
    void writesTheThreeFilesAtomically(@TempDir Path dir) throws Exception {
        PINS.writeTo(dir);

        assertThat(Files.readString(dir.resolve("appsync.graphql"))).isEqualTo(PINS.appSyncSchema());
        assertThat(Manifest.read(dir.resolve("manifest.json"))).isEqualTo(PINS.manifest());
        assertThat(Files.readString(dir.resolve("access-matrix.md")))
                .startsWith("# Access matrix")
                .contains("| `Mutation.deletePin` | delete |");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("appsync.graphql", "manifest.json", "access-matrix.md");
        }
    }
}
