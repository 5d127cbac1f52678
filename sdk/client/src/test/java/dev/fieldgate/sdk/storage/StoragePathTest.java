package dev.fieldgate.sdk.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoragePathTest {

    private static final String ALICE = "us-east-1:1b7c6a52-0000-4000-8000-00000000a11c";
    private static final String BOB = "us-east-1:2c8d7b63-0000-4000-8000-000000000b0b";

    @Test
    void theConventionalPathsFillInTheIdentity() {
        assertThat(StoragePath.publicPath().prefix()).isEqualTo("public/");
        assertThat(StoragePath.privateFor(ALICE).prefix()).isEqualTo("private/" + ALICE + "/");
        assertThat(StoragePath.protectedFor(ALICE).key("avatar.png")).isEqualTo("protected/" + ALICE + "/avatar.png");
        assertThat(StoragePath.of("uploads/{identity}/*", ALICE).pattern()).isEqualTo("uploads/{entity_id}/*");
        assertThat(StoragePath.privateFor(ALICE).key("notes/2026/receipt.pdf"))
                .isEqualTo("private/" + ALICE + "/notes/2026/receipt.pdf");
    }

    @Test
    void aNameCannotClimbOutOfItsPathNorAnIdentityCarryAPath() {
        StoragePath mine = StoragePath.privateFor(ALICE);
        assertThatThrownBy(() -> mine.key("../" + BOB + "/secret.txt")).hasMessageContaining(".. segment");
        assertThatThrownBy(() -> mine.key("a//b")).hasMessageContaining("empty");
        assertThatThrownBy(() -> mine.key("/abs")).hasMessageContaining("relative");
        assertThatThrownBy(() -> mine.key("")).hasMessageContaining("not empty");
        assertThatThrownBy(() -> mine.key("line\nbreak")).hasMessageContaining("control");
        assertThatThrownBy(() -> mine.key("x".repeat(1100))).hasMessageContaining("1,024 bytes");
        assertThatThrownBy(() -> StoragePath.privateFor(BOB + "/../" + ALICE))
                .hasMessageContaining("not a Cognito identity id");
        assertThatThrownBy(() -> StoragePath.privateFor("*")).hasMessageContaining("not a Cognito identity id");
        assertThatThrownBy(() -> StoragePath.of("private/{entity_id}/*"))
                .hasMessageContaining("per-identity path: give the identity id");
        assertThatThrownBy(() -> StoragePath.of("public/*", ALICE)).hasMessageContaining("no {entity_id}");
        assertThatThrownBy(() -> StoragePath.of("public")).hasMessageContaining("ending in /*");
        assertThat(mine.key("folder/")).endsWith("/folder/");
    }

    @Test
    void theDeclaredRuleOfAKeyIsTheLongestPrefixAndKnowsWhoseIdentityItHolds() {
        PathRule publicRule = new PathRule(
                "public/*",
                Set.of(StorageAccess.GET, StorageAccess.LIST),
                Set.of(StorageAccess.GET, StorageAccess.LIST, StorageAccess.WRITE),
                Set.of());
        PathRule privateRule = new PathRule(
                "private/{identity}/*", Set.of(), Set.of(), Set.of(StorageAccess.GET, StorageAccess.WRITE));
        StorageBucket bucket =
                new StorageBucket("files", "app-dev-files", "us-east-1", List.of(publicRule, privateRule));

        assertThat(bucket.ruleFor("public/cat.jpg")).contains(publicRule);
        assertThat(bucket.ruleFor("private/" + BOB + "/x.txt")).contains(privateRule);
        assertThat(privateRule.identityIn("private/" + BOB + "/x.txt")).contains(BOB);
        assertThat(privateRule.identityIn("private/" + BOB + "/")).contains(BOB);
        assertThat(bucket.ruleFor("private/x.txt")).isEmpty();
        assertThat(bucket.ruleFor("other/x.txt")).isEmpty();
        assertThat(privateRule.describe())
                .isEqualTo("private/{entity_id}/* (guests: nothing; signed-in users under any identity: nothing;"
                        + " the owner under their own identity: get, write)");
    }
}
