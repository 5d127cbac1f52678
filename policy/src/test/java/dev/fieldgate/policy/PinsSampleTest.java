package dev.fieldgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pins sample: its access matrix, its IAM grants and its resolvers are what the product promises. */
class PinsSampleTest {

    static final Path SCHEMA = Path.of("../samples/pins/schema.graphql");
    static CompiledSchema pins;

    @BeforeAll
    static void compile() {
        pins = SchemaCompiler.create().compile(SCHEMA);
    }

    @Test
    void accessMatrixIsTheOneTheSamplePromises() {
        AccessMatrix matrix = pins.accessMatrix();

        assertThat(matrix.columns())
                .extracting(AccessMatrix.Column::id)
                .containsExactly("anonymous", "guest", "user", "owner", "group:Admins", "identityPoolUser");
        // columns:                          anonymous guest user owner Admins identityPoolUser
        String expected = """
                Query.getPin              get     ✗ ✓ ✓ ✓ ✓ ✓
                Query.listPins            list    ✗ ✓ ✓ ✓ ✓ ✓
                Query.getProfile          get     ✗ ✓ ✓ ✓ ✓ ✓
                Mutation.createPin        create  ✗ ✗ ✓ ✓ ✓ ✗
                Mutation.updatePin        update  ✗ ✗ ✗ ✓ ✗ ✗
                Mutation.deletePin        delete  ✗ ✗ ✗ ✓ ✓ ✗
                Mutation.createProfile    create  ✗ ✗ ✓ ✓ ✓ ✗
                Mutation.updateProfile    update  ✗ ✗ ✗ ✓ ✗ ✗
                Subscription.onCreatePin  listen  ✗ ✓ ✓ ✓ ✓ ✓
                Subscription.onDeletePin  listen  ✗ ✓ ✓ ✓ ✓ ✓
                Pin.id                    read    ✗ ✓ ✓ ✓ ✓ ✓
                Pin.title                 read    ✗ ✓ ✓ ✓ ✓ ✓
                Pin.description           read    ✗ ✓ ✓ ✓ ✓ ✓
                Pin.imageUrl              read    ✗ ✓ ✓ ✓ ✓ ✓
                Pin.owner                 read    ✗ ✓ ✓ ✓ ✓ ✓
                Pin.ownerContact          read    ✗ ✗ ✗ ✓ ✓ ✗
                Pin.ownerContact          create  ✗ ✗ ✓ ✓ ✓ ✗
                Pin.ownerContact          update  ✗ ✗ ✗ ✓ ✗ ✗
                Pin.ownerContact          listen  ✗ ✗ ✗ ✗ ✗ ✗
                Pin.author                read    ✗ ✓ ✓ ✓ ✓ ✓
                Pin.createdAt             read    ✗ ✓ ✓ ✓ ✓ ✓
                Pin.updatedAt             read    ✗ ✓ ✓ ✓ ✓ ✓
                Profile.owner             read    ✗ ✓ ✓ ✓ ✓ ✓
                Profile.displayName       read    ✗ ✓ ✓ ✓ ✓ ✓
                Profile.avatarUrl         read    ✗ ✓ ✓ ✓ ✓ ✓""";
        assertThat(render(matrix)).isEqualTo(expected);
        assertThat(matrix.valueTypes()).containsExactly("PinConnection");
    }

    private static String render(AccessMatrix matrix) {
        List<String> lines = new ArrayList<>();
        for (AccessMatrix.Row row : matrix.rows()) {
            StringBuilder line =
                    new StringBuilder(String.format("%-26s%-8s", row.type() + "." + row.field(), row.operation()));
            matrix.columns().forEach(c -> line.append(row.allowed().get(c.id()) ? "✓ " : "✗ "));
            lines.add(line.toString().stripTrailing());
        }
        return String.join("\n", lines);
    }

    @Test
    void guestRoleIsGrantedExactlyWhatGuestsCanReach() {
        assertThat(pins.manifest().grants().guest())
                .containsExactly(
                        "types/Pin/fields/author",
                        "types/Pin/fields/createdAt",
                        "types/Pin/fields/description",
                        "types/Pin/fields/id",
                        "types/Pin/fields/imageUrl",
                        "types/Pin/fields/owner",
                        "types/Pin/fields/title",
                        "types/Pin/fields/updatedAt",
                        "types/PinConnection/fields/items",
                        "types/PinConnection/fields/nextToken",
                        "types/Profile/fields/avatarUrl",
                        "types/Profile/fields/displayName",
                        "types/Profile/fields/owner",
                        "types/Query/fields/getPin",
                        "types/Query/fields/getProfile",
                        "types/Query/fields/listPins",
                        "types/Subscription/fields/onCreatePin",
                        "types/Subscription/fields/onDeletePin");
        assertThat(pins.manifest().grants().guest())
                .noneMatch(g -> g.contains("*") || g.contains("Mutation") || g.endsWith("/ownerContact"));
        // The sample gives identity-pool users the same read access as guests.
        assertThat(pins.manifest().grants().authenticated())
                .isEqualTo(pins.manifest().grants().guest());
    }

    @Test
    void everyRootFieldAndTheFieldsNeedingEnforcementGetResolvers() {
        assertThat(pins.manifest().resolvers())
                .extracting(r -> r.coordinate() + " " + r.reason().wireName() + " " + r.maxBatchSize())
                .containsExactly(
                        "Pin.ownerContact field-rule 100",
                        "Pin.author marked 25",
                        "Query.getPin root null",
                        "Query.listPins root null",
                        "Query.getProfile root null",
                        "Mutation.createPin root null",
                        "Mutation.updatePin root null",
                        "Mutation.deletePin root null",
                        "Mutation.createProfile root null",
                        "Mutation.updateProfile root null",
                        "Subscription.onCreatePin root null",
                        "Subscription.onDeletePin root null");
    }

    @Test
    void tablesComeFromTheSchema() {
        assertThat(pins.manifest().table("Pin")).hasValueSatisfying(table -> {
            assertThat(table.partitionKey()).isEqualTo(new Manifest.KeyAttribute("id", "S"));
            assertThat(table.ownerField()).isEqualTo("owner");
            assertThat(table.indexes())
                    .containsExactly(new Manifest.TableIndex(
                            "byOwner",
                            new Manifest.KeyAttribute("owner", "S"),
                            new Manifest.KeyAttribute("createdAt", "S")));
        });
        assertThat(pins.manifest().table("Profile"))
                .hasValueSatisfying(
                        table -> assertThat(table.partitionKey().name()).isEqualTo("owner"));
    }

    @Test
    void ownerContactIsForItsOwnerAndAdminsOnly() {
        AccessPolicy policy = pins.policy();
        Map<String, Object> alicesPin = Map.of("owner", "sub-alice");

        assertThat(policy.decide(
                                Principal.userPool("sub-alice", "alice", List.of()),
                                "Pin",
                                "ownerContact",
                                Operation.READ,
                                alicesPin)
                        .isAllowed())
                .isTrue();
        assertThat(policy.decide(
                                Principal.userPool("sub-bob", "bob", List.of()),
                                "Pin",
                                "ownerContact",
                                Operation.READ,
                                alicesPin)
                        .isAllowed())
                .isFalse();
        assertThat(policy.decide(
                                Principal.userPool("sub-mod", "mod", List.of("Admins")),
                                "Pin",
                                "ownerContact",
                                Operation.READ,
                                alicesPin)
                        .isAllowed())
                .isTrue();
        assertThat(policy.decide(Principal.iamGuest("us-east-1:g"), "Pin", "ownerContact", Operation.READ, alicesPin)
                        .code())
                .isEqualTo(Decision.Code.APPSYNC_DIRECTIVE);
    }
}
