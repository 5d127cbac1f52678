package dev.fieldgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoragePolicyTest {

    static final String DECLARED = """
            {
              "buckets": [{
                "name": "files",
                "paths": {
                  "public/*": {"guest": ["read"], "authenticated": ["read", "write", "delete"]},
                  "protected/{identity}/*": {"authenticated": ["read"], "owner": ["read", "write", "delete"]},
                  "private/{identity}/*": {"owner": ["read", "write", "delete"]}
                }
              }],
              "corsOrigins": ["http://localhost:3000"]
            }""";

    private static final String SUB = "${cognito-identity.amazonaws.com:sub}";

    @Test
    void guestsReadAndListThePublicPathOnly() {
        List<StorageStatement> guest = StoragePolicy.parse(DECLARED).statements(StorageRole.GUEST);

        assertThat(guest)
                .containsExactly(
                        new StorageStatement(
                                "GetObjectFiles", "files", List.of("s3:GetObject"), List.of("public/*"), List.of()),
                        new StorageStatement(
                                "ListBucketFiles",
                                "files",
                                List.of("s3:ListBucket"),
                                List.of(),
                                List.of("public/", "public/*")));
    }

    @Test
    void signedInUsersWriteTheirOwnIdentityOnlyThroughThePolicyVariable() {
        List<StorageStatement> user = StoragePolicy.parse(DECLARED).statements(StorageRole.AUTHENTICATED);

        assertThat(user)
                .filteredOn(s -> s.actions().equals(List.of("s3:PutObject")))
                .singleElement()
                .satisfies(s -> assertThat(s.objects())
                        .containsExactly("public/*", "protected/" + SUB + "/*", "private/" + SUB + "/*"));
        assertThat(user)
                .filteredOn(s -> s.actions().equals(List.of("s3:GetObject")))
                .singleElement()
                .satisfies(s ->
                        assertThat(s.objects()).containsExactly("public/*", "protected/*/*", "private/" + SUB + "/*"));
        assertThat(user)
                .filteredOn(StorageStatement::isListing)
                .singleElement()
                .satisfies(s -> assertThat(s.listPrefixes())
                        .containsExactly(
                                "public/",
                                "public/*",
                                "protected/*/",
                                "protected/*/*",
                                "private/" + SUB + "/",
                                "private/" + SUB + "/*"));
        // No object pattern reaches another identity's private path.
        assertThat(user).flatMap(StorageStatement::objects).noneMatch(o -> o.startsWith("private/*"));
    }

    @Test
    void thePolicyDocumentNamesExactArnsAndLimitsListingByPrefix() throws Exception {
        String json = StoragePolicy.parse(DECLARED)
                .iamPolicyJson(StorageRole.GUEST, name -> "arn:aws:s3:::app-dev-" + name)
                .orElseThrow();
        JsonNode doc = new ObjectMapper().readTree(json);

        assertThat(doc.get("Statement").get(0).get("Resource").get(0).asText())
                .isEqualTo("arn:aws:s3:::app-dev-files/public/*");
        JsonNode list = doc.get("Statement").get(1);
        assertThat(list.get("Resource").get(0).asText()).isEqualTo("arn:aws:s3:::app-dev-files");
        assertThat(list.at("/Condition/StringLike/s3:prefix").toString()).isEqualTo("[\"public/\",\"public/*\"]");
        assertThat(json).doesNotContain("\"*\"");
    }

    @Test
    void aRoleGrantedNothingHasNoDocument() {
        StoragePolicy privateOnly = StoragePolicy.parse(
                "{\"buckets\":[{\"name\":\"files\",\"paths\":{\"private/{identity}/*\":{\"owner\":[\"read\"]}}}]}");

        assertThat(privateOnly.iamPolicyJson(StorageRole.GUEST, n -> "arn:aws:s3:::" + n))
                .isEmpty();
    }

    @Test
    void theMatrixAndAmplifyPathsShowEveryPath() {
        StoragePolicy policy = StoragePolicy.parse(DECLARED);

        assertThat(policy.matrixMarkdown())
                .contains("| files | `public/*` | get, list | get, list, write, delete | — |")
                .contains("| files | `private/{identity}/*` | ✗ | ✗ | get, list, write, delete |");
        assertThat(StoragePolicy.amplifyPaths(policy.buckets().get(0)).toString())
                .contains("\"protected/{entity_id}/*\":{\"authenticated\":[\"get\",\"list\"],"
                        + "\"entityidentity\":[\"get\",\"list\",\"write\",\"delete\"]}");
    }

    @Test
    void mistakesAreRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> StoragePolicy.parse(
                        "{\"buckets\":[{\"name\":\"f1\",\"paths\":{\"public\":" + "{\"guest\":[\"read\"]}}}]}"))
                .hasMessageContaining("ending in /*");
        assertThatThrownBy(() -> StoragePolicy.parse(
                        "{\"buckets\":[{\"name\":\"f1\",\"paths\":{\"public/*\":" + "{\"owner\":[\"read\"]}}}]}"))
                .hasMessageContaining("only a path with {identity} has an owner");
        assertThatThrownBy(() -> StoragePolicy.parse(
                        "{\"buckets\":[{\"name\":\"f1\",\"paths\":{\"{identity}/*\":" + "{\"owner\":[\"read\"]}}}]}"))
                .hasMessageContaining("after a prefix of its own");
        assertThatThrownBy(() -> StoragePolicy.parse(
                        "{\"buckets\":[{\"name\":\"f1\",\"paths\":{\"public/*\":" + "{\"guest\":[\"reed\"]}}}]}"))
                .hasMessageContaining("'reed' is not a storage permission");
        assertThatThrownBy(() -> StoragePolicy.parse("{\"buckets\":[{\"name\":\"f1\",\"paths\":{\"public/*\":"
                        + "{\"guest\":[\"read\"]},\"public/secret/*\":{\"guest\":[\"get\"]}}}]}"))
                .hasMessageContaining("lies inside 'public/*'");
        assertThatThrownBy(() -> StoragePolicy.parse("{\"buckets\":[{\"name\":\"f1\",\"paths\":{\"public/*\":"
                        + "{\"groups\":{\"Admins\":[\"read\"]}}}}]}"))
                .hasMessageContaining("group access needs an identity-pool role per group");
        assertThatThrownBy(() -> StoragePolicy.parse("{\"bucket\":[]}")).hasMessageContaining("unknown key 'bucket'");
    }
}
