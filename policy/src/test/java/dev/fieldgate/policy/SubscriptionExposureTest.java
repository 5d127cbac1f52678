package dev.fieldgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What subscriptions deliver: a field whose read rules admit fewer callers than may listen is redacted from the
 * responses of the mutations feeding the subscription, at any depth; such a field must be nullable and resolved;
 * owners listen only through an owner argument.
 */
class SubscriptionExposureTest {

    private static Manifest compile(String sdl) {
        return SchemaCompiler.create().compile(sdl, "app.graphql").manifest();
    }

    private static SchemaValidationException refused(String sdl) {
        return catchThrowableOfType(
                SchemaValidationException.class, () -> SchemaCompiler.create().compile(sdl, "bad.graphql"));
    }

    @Test
    void thePinsContactAddressIsRedactedFromTheMutationsThatFeedListeners() throws IOException {
        String pins = Files.readString(PinsSampleTest.SCHEMA);

        List<Manifest.Subscription> subscriptions = compile(pins).subscriptions();

        assertThat(subscriptions)
                .containsExactly(
                        new Manifest.Subscription(
                                "onCreatePin", List.of("createPin"), List.of("Pin.ownerContact"), Map.of()),
                        new Manifest.Subscription(
                                "onDeletePin", List.of("deletePin"), List.of("Pin.ownerContact"), Map.of()));
    }

    @Test
    void theManifestKeepsSubscriptionsThroughJson() throws IOException {
        Manifest manifest = compile(Files.readString(PinsSampleTest.SCHEMA));

        Manifest read = Manifest.read(
                new java.io.ByteArrayInputStream(manifest.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(read.subscriptions()).isEqualTo(manifest.subscriptions());
    }

    @Test
    void theAccessMatrixShowsThatNoListenerReceivesTheContactAddress() throws IOException {
        CompiledSchema pins =
                SchemaCompiler.create().compile(Files.readString(PinsSampleTest.SCHEMA), "schema.graphql");

        AccessMatrix matrix = pins.accessMatrix();

        assertThat(matrix.row("Pin", "ownerContact", "listen"))
                .hasValueSatisfying(
                        row -> assertThat(row.allowed()).isNotEmpty().doesNotContainValue(true));
        assertThat(matrix.row("Pin", "title", "listen")).isEmpty();
        assertThat(matrix.toMarkdown())
                .contains("| `Pin.ownerContact` | listen | ✗ | ✗ | ✗ | ✗ | ✗ | ✗ |")
                .contains("- listen Pin.ownerContact: null in every onCreatePin, onDeletePin event");
    }

    static final String NESTED = """
            schema @api(defaultAuthMode: AMAZON_COGNITO_USER_POOLS, additionalAuthModes: [AWS_IAM]) {
              query: Query
              mutation: Mutation
              subscription: Subscription
            }
            type Pin @auth(rules: [{allow: authenticated, operations: [create, read]}, {allow: guest, operations: [read]}]) {
              id: ID!
              owner: ID
              author: Profile @resolver
              details: Details
            }
            type Details {
              public: String
              secret: String @auth(rules: [{allow: groups, groups: ["Admins"], operations: [read]}])
            }
            type Profile @auth(rules: [{allow: authenticated, operations: [read]}, {allow: guest, operations: [read]}]) {
              owner: ID!
              email: String @auth(rules: [{allow: owner, operations: [read]}])
              name: String
            }
            type Query { getPin(id: ID!): Pin }
            type Mutation { createPin(title: String): Pin }
            type Subscription { onCreatePin: Pin @aws_subscribe(mutations: ["createPin"]) }
            """;

    @Test
    void nestedProtectedFieldsAreRedactedWhereverTheyAre() {
        Manifest.Subscription subscription = compile(NESTED).subscriptions().get(0);

        assertThat(subscription.redacted()).containsExactly("Profile.email", "Details.secret");
    }

    @Test
    void aFieldEveryListenerMayReadIsNotRedacted() {
        String sdl = NESTED.replace(
                "secret: String @auth(rules: [{allow: groups, groups: [\"Admins\"], operations: [read]}])",
                "secret: String @auth(rules: [{allow: authenticated, operations: [read]}, {allow: guest, operations: [read]}])");

        assertThat(compile(sdl).subscriptions().get(0).redacted()).containsExactly("Profile.email");
    }

    @Test
    void aSubscriptionForAdminsOnlyStillMissesWhatOnlyOwnersRead() {
        String sdl = NESTED.replace(
                "onCreatePin: Pin @aws_subscribe(mutations: [\"createPin\"])",
                "onCreatePin: Pin @aws_subscribe(mutations: [\"createPin\"]) @auth(rules: [{allow: groups, groups: [\"Admins\"]}])");

        assertThat(compile(sdl).subscriptions().get(0).redacted()).containsExactly("Profile.email");
    }

    @Test
    void aRedactedFieldMustBeNullable() {
        String sdl = NESTED.replace("email: String @auth", "email: String! @auth");

        SchemaValidationException error = refused(sdl);

        assertThat(error).isNotNull();
        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.toString()).startsWith("bad.graphql:18:3: error: Profile.email: ");
            assertThat(problem.message())
                    .contains("read by {allow: owner} only, but {allow: authenticated}, {allow: guest} may listen")
                    .contains("onCreatePin")
                    .contains("must be nullable: drop the '!'");
        });
    }

    @Test
    void aProtectedModelReachedWithoutAResolverIsRefused() {
        String sdl = NESTED.replace("author: Profile @resolver", "author: Profile")
                .replace(
                        "type Profile @auth(rules: [{allow: authenticated, operations: [read]}, {allow: guest, operations: [read]}])",
                        "type Profile @auth(rules: [{allow: owner, operations: [read]}])");

        SchemaValidationException error = refused(sdl);

        assertThat(error).isNotNull();
        assertThat(error.problems())
                .anySatisfy(problem -> assertThat(problem.toString())
                        .contains("error: Pin.author: read by {allow: owner} only")
                        .contains("nothing runs on it that could withhold it"));
    }

    static final String OWNED = """
            type Note @auth(rules: [{allow: owner}, {allow: groups, groups: ["Auditors"], operations: [read]}]) {
              id: ID!
              owner: ID
              text: String
            }
            type Query { getNote(id: ID!): Note }
            type Mutation { createNote(text: String): Note }
            type Subscription { onCreateNote%s: Note @aws_subscribe(mutations: ["createNote"]) }
            """;

    @Test
    void ownersListenThroughAnOwnerArgument() {
        Manifest.Subscription subscription =
                compile(OWNED.formatted("(owner: String)")).subscriptions().get(0);

        assertThat(subscription.ownerArguments()).containsExactly(Map.entry("owner", "sub"));
        assertThat(subscription.redacted()).isEmpty();
    }

    @Test
    void aSubscriptionOwnersMayListenToNeedsTheOwnerArgument() {
        SchemaValidationException error = refused(OWNED.formatted(""));

        assertThat(error).isNotNull();
        assertThat(error.problems())
                .singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("add the argument 'owner: String'"));
    }
}
