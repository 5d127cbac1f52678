package dev.fieldgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resolver function's own access to the app's buckets, declared per path as {@code "function": [...]}. */
class StorageFunctionAccessTest {

    static final String DECLARED = """
            {
              "buckets": [{
                "name": "photos",
                "paths": {
                  "photos/*": {"function": ["get", "write", "delete"]},
                  "private/{identity}/*": {"owner": ["read", "write", "delete"]},
                  "shared/{identity}/*": {"owner": ["read"], "function": ["get"]}
                }
              }, {
                "name": "other",
                "paths": {"public/*": {"guest": ["read"]}}
              }]
            }""";

    @Test
    void theFunctionGetsExactlyTheActionsDeclaredForItOnThosePathsAlone() {
        List<StorageStatement> function = StoragePolicy.parse(DECLARED).functionStatements();

        assertThat(function)
                .containsExactly(
                        new StorageStatement(
                                "GetObjectPhotos",
                                "photos",
                                List.of("s3:GetObject"),
                                List.of("photos/*", "shared/*/*"),
                                List.of()),
                        new StorageStatement(
                                "PutObjectPhotos", "photos", List.of("s3:PutObject"), List.of("photos/*"), List.of()),
                        new StorageStatement(
                                "AbortMultipartUploadPhotos",
                                "photos",
                                List.of("s3:AbortMultipartUpload"),
                                List.of("photos/*"),
                                List.of()),
                        new StorageStatement(
                                "DeleteObjectPhotos",
                                "photos",
                                List.of("s3:DeleteObject"),
                                List.of("photos/*"),
                                List.of()));
        // Deny by default: the paths and the bucket not declared for the function give it nothing.
        assertThat(function).flatMap(StorageStatement::objects).noneMatch(o -> o.startsWith("private/"));
        assertThat(function).extracting(StorageStatement::bucket).doesNotContain("other");
    }

    @Test
    void withoutAFunctionDeclarationTheFunctionGetsNothing() {
        assertThat(StoragePolicy.parse(StoragePolicyTest.DECLARED).functionStatements())
                .isEmpty();
        assertThat(StoragePolicy.none().functionStatements()).isEmpty();
    }

    @Test
    void aPathForTheFunctionAloneGrantsTheIdentityRolesNothingAndIsNoClientPath() {
        StoragePolicy policy = StoragePolicy.parse(DECLARED);

        assertThat(policy.statements(StorageRole.GUEST))
                .extracting(StorageStatement::bucket)
                .containsOnly("other");
        assertThat(policy.statements(StorageRole.AUTHENTICATED))
                .flatMap(StorageStatement::objects)
                .noneMatch(o -> o.startsWith("photos/"));
        assertThat(StoragePolicy.amplifyPaths(policy.buckets().get(0)).has("photos/*"))
                .isFalse();
    }

    @Test
    void storageJsonCarriesTheFunctionStatements() throws Exception {
        JsonNode grants =
                new ObjectMapper().readTree(StoragePolicy.parse(DECLARED).grantsJson());

        JsonNode function = grants.get("statements").get("function");
        assertThat(function).hasSize(4);
        assertThat(function.get(0).get("objects").toString()).isEqualTo("[\"photos/*\",\"shared/*/*\"]");
        assertThat(new ObjectMapper()
                        .readTree(
                                StoragePolicy.parse(StoragePolicyTest.DECLARED).grantsJson())
                        .get("statements")
                        .get("function"))
                .isEmpty();
    }

    @Test
    void theMatrixSaysWhatTheFunctionMayDo() {
        assertThat(StoragePolicy.parse(DECLARED).matrixMarkdown())
                .contains("The resolver function may: photos `photos/*` get, write, delete;"
                        + " photos `shared/{identity}/*` get.");
        assertThat(StoragePolicy.parse(StoragePolicyTest.DECLARED).matrixMarkdown())
                .doesNotContain("resolver function");
    }

    @Test
    void functionMistakesAreRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> StoragePolicy.parse(
                        "{\"buckets\":[{\"name\":\"f1\",\"paths\":{\"photos/*\":" + "{\"function\":[\"reed\"]}}}]}"))
                .hasMessageContaining(".function: 'reed' is not a storage permission");
        assertThatThrownBy(() -> StoragePolicy.parse(
                        "{\"buckets\":[{\"name\":\"f1\",\"paths\":{\"photos/*\":" + "{\"function\":[]}}}]}"))
                .hasMessageContaining("grants nothing: give guest, authenticated, owner, groups or function access");
    }
}
