package dev.fieldgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                .hasMessageContaining("storage.buckets[0].paths['public/*'].groups.Admins: there is no group 'Admins'"
                        + " in userPool.groups");
        assertThatThrownBy(() -> StoragePolicy.parse("{\"bucket\":[]}")).hasMessageContaining("unknown key 'bucket'");
    }

    static final String WITH_GROUPS = """
            {
              "buckets": [{
                "name": "files",
                "paths": {
                  "shared/*": {"authenticated": ["read"], "groups": {"editors": ["write", "delete"]}},
                  "private/{identity}/*": {"owner": ["read", "write", "delete"], "groups": {"auditors": ["get"]}}
                }
              }]
            }""";

    static final Map<String, Integer> POOL_GROUPS = new LinkedHashMap<>();

    static {
        POOL_GROUPS.put("Admins", null);
        POOL_GROUPS.put("editors", 5);
        POOL_GROUPS.put("auditors", 2);
    }

    @Test
    void aGroupRoleHoldsWhatEverySignedInUserHasAndTheGroupsOwnGrants() {
        StoragePolicy policy = StoragePolicy.parse(WITH_GROUPS, POOL_GROUPS);

        assertThat(policy.groups()).containsExactly(new StorageGroup("auditors", 2), new StorageGroup("editors", 5));
        List<StorageStatement> editors =
                policy.statements(policy.group("editors").orElseThrow());
        assertThat(editors)
                .containsExactly(
                        new StorageStatement(
                                "GetObjectFiles",
                                "files",
                                List.of("s3:GetObject"),
                                List.of("shared/*", "private/" + SUB + "/*"),
                                List.of()),
                        new StorageStatement(
                                "PutObjectFiles",
                                "files",
                                List.of("s3:PutObject"),
                                List.of("shared/*", "private/" + SUB + "/*"),
                                List.of()),
                        new StorageStatement(
                                "AbortMultipartUploadFiles",
                                "files",
                                List.of("s3:AbortMultipartUpload"),
                                List.of("shared/*", "private/" + SUB + "/*"),
                                List.of()),
                        new StorageStatement(
                                "DeleteObjectFiles",
                                "files",
                                List.of("s3:DeleteObject"),
                                List.of("shared/*", "private/" + SUB + "/*"),
                                List.of()),
                        new StorageStatement(
                                "ListBucketFiles",
                                "files",
                                List.of("s3:ListBucket"),
                                List.of(),
                                List.of("shared/", "shared/*", "private/" + SUB + "/", "private/" + SUB + "/*")));
        // Every statement of the authenticated role is in the group role, object for object.
        for (StorageStatement s : policy.statements(StorageRole.AUTHENTICATED)) {
            assertThat(editors)
                    .filteredOn(e -> e.actions().equals(s.actions()))
                    .singleElement()
                    .satisfies(e -> assertThat(e.objects()).containsAll(s.objects()))
                    .satisfies(e -> assertThat(e.listPrefixes()).containsAll(s.listPrefixes()));
        }
        // Auditors read anyone's private files, but write only their own.
        List<StorageStatement> auditors =
                policy.statements(policy.group("auditors").orElseThrow());
        assertThat(auditors)
                .filteredOn(s -> s.actions().equals(List.of("s3:GetObject")))
                .singleElement()
                .satisfies(s -> assertThat(s.objects()).containsExactly("shared/*", "private/*/*"));
        assertThat(auditors)
                .filteredOn(s -> s.actions().equals(List.of("s3:PutObject")))
                .singleElement()
                .satisfies(s -> assertThat(s.objects()).containsExactly("private/" + SUB + "/*"));
        // Nobody else writes under shared/.
        assertThat(policy.statements(StorageRole.AUTHENTICATED))
                .filteredOn(s -> s.actions().equals(List.of("s3:PutObject")))
                .singleElement()
                .satisfies(s -> assertThat(s.objects()).containsExactly("private/" + SUB + "/*"));
    }

    @Test
    void groupRolesGoIntoTheGrantsFileAndTheMatrix() throws Exception {
        StoragePolicy policy = StoragePolicy.parse(WITH_GROUPS, POOL_GROUPS);

        JsonNode grants = new ObjectMapper().readTree(policy.grantsJson());
        assertThat(grants.path("groupRoles").fieldNames()).toIterable().containsExactly("auditors", "editors");
        assertThat(grants.path("groupRoles").path("editors").path("precedence").asInt())
                .isEqualTo(5);
        assertThat(grants.path("groupRoles")
                        .path("editors")
                        .path("statements")
                        .get(1)
                        .path("actions")
                        .get(0)
                        .asText())
                .isEqualTo("s3:PutObject");
        assertThat(StoragePolicy.parse(DECLARED).grantsJson()).contains("\"groupRoles\" : { }");
        String json = policy.iamPolicyJson(policy.group("editors").orElseThrow(), n -> "arn:aws:s3:::app-" + n)
                .orElseThrow();
        assertThat(json).contains("arn:aws:s3:::app-files/shared/*").doesNotContain("\"*\"");

        assertThat(policy.matrixMarkdown())
                .contains("| Bucket | Path | guest | authenticated | owner | group:auditors | group:editors |")
                .contains("| files | `shared/*` | ✗ | get, list | — | get, list | get, list, write, delete |")
                .contains("lowest precedence (auditors 2, editors 5)");
    }

    @Test
    void amplifyPathsListEachGroupsOwnAccessUnderGroupsAndTheGroupName() throws Exception {
        StoragePolicy policy = StoragePolicy.parse(WITH_GROUPS, POOL_GROUPS);

        JsonNode paths = new ObjectMapper()
                .readTree(policy.grantsJson())
                .path("buckets")
                .get(0)
                .path("paths");
        assertThat(paths.path("shared/*").toString())
                .isEqualTo("{\"authenticated\":[\"get\",\"list\"],\"groupseditors\":[\"write\",\"delete\"]}");
        assertThat(paths.path("private/{entity_id}/*").toString())
                .isEqualTo("{\"entityidentity\":[\"get\",\"list\",\"write\",\"delete\"],"
                        + "\"groupsauditors\":[\"get\"]}");
        // A path only a group may use is still a client's path.
        StoragePolicy groupOnly = StoragePolicy.parse(
                "{\"buckets\":[{\"name\":\"team\",\"paths\":{\"team/*\":{\"groups\":{\"editors\":[\"read\"]}}}}]}",
                POOL_GROUPS);
        assertThat(StoragePolicy.amplifyPaths(groupOnly.buckets().get(0)).toString())
                .isEqualTo("{\"team/*\":{\"groupseditors\":[\"get\",\"list\"]}}");
        assertThat(StoragePolicy.amplifyAccess(groupOnly.buckets().get(0)))
                .containsExactly(Map.entry("team/*", Map.of("groupseditors", List.of("get", "list"))));
    }

    @Test
    void groupGrantsNeedADeclaredGroupWithItsOwnPrecedence() {
        String grant = "{\"buckets\":[{\"name\":\"f1\",\"paths\":{\"shared/*\":{\"groups\":%s}}}]}";
        assertThatThrownBy(() -> StoragePolicy.parse(grant.formatted("{\"editor\":[\"write\"]}"), POOL_GROUPS))
                .hasMessageContaining("storage.buckets[0].paths['shared/*'].groups.editor: there is no group"
                        + " 'editor' in userPool.groups [Admins, auditors, editors]");
        assertThatThrownBy(() -> StoragePolicy.parse(grant.formatted("{\"Admins\":[\"write\"]}"), POOL_GROUPS))
                .hasMessageContaining("groups.Admins: the group has no precedence in userPool.groups");
        assertThatThrownBy(() -> StoragePolicy.parse(grant.formatted("{\"editors\":[]}"), POOL_GROUPS))
                .hasMessageContaining("groups.editors grants nothing");
        assertThatThrownBy(() -> StoragePolicy.parse(grant.formatted("[\"editors\"]"), POOL_GROUPS))
                .hasMessageContaining("groups must map user-pool group names to permissions");
        assertThatThrownBy(() -> StoragePolicy.parse(
                        grant.formatted("{\"Mod\u00e9rateurs\":[\"write\"]}"), Map.of("Mod\u00e9rateurs", 1)))
                .hasMessageContaining("may hold only letters, digits and +=,.@_-");
        Map<String, Integer> tie = Map.of("editors", 3, "auditors", 3);
        assertThatThrownBy(() -> StoragePolicy.parse(WITH_GROUPS, tie))
                .hasMessageContaining("userPool.groups: 'auditors' and 'editors' both have precedence 3");
    }

    @Test
    void fromAppConfigReadsTheUserPoolsGroups(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("fieldgate.json");
        java.nio.file.Files.writeString(
                file,
                "{\"userPool\":{\"groups\":[{\"name\":\"editors\",\"precedence\":4},"
                        + "{\"name\":\"auditors\",\"precedence\":2}]},\"storage\":" + WITH_GROUPS + "}");

        assertThat(StoragePolicy.fromAppConfig(file).groups())
                .containsExactly(new StorageGroup("auditors", 2), new StorageGroup("editors", 4));
    }
}
