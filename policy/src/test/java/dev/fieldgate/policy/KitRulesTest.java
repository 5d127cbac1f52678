package dev.fieldgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kit's rule layer: each strategy, operation coverage, owners, groups, field rules replacing type rules. */
class KitRulesTest {

    static final Principal GUEST = Principal.iamGuest("us-east-1:guest-1");
    static final Principal IDP_USER = Principal.iamAuthenticated("us-east-1:user-1", "sub-alice");
    static final Principal ALICE = Principal.userPool("sub-alice", "alice", List.of());
    static final Principal BOB = Principal.userPool("sub-bob", "bob", List.of());
    static final Principal ADMIN = Principal.userPool("sub-admin", "admin", List.of("Admins"));
    static final Principal API_KEY = Principal.apiKey();
    static final Principal BACKEND = Principal.iam("arn:aws:sts::123456789012:assumed-role/backend/s");

    static final ApiAuthorization ALL_MODES = new ApiAuthorization(
            AuthMode.AMAZON_COGNITO_USER_POOLS, List.of(AuthMode.AWS_IAM, AuthMode.API_KEY), DefaultAction.ALLOW);

    static AccessPolicy compile(String typeRules, String extraFields) {
        String sdl = "type Note @auth(rules: [" + typeRules + "]) {\n"
                + "  id: ID!\n  owner: String\n  editors: [String]\n  text: String\n" + extraFields + "}\n"
                + "type Query { getNote(id: ID!): Note\n listNotes: [Note]\n }\n"
                + "type Mutation { createNote(text: String): Note\n updateNote(id: ID!): Note\n"
                + " deleteNote(id: ID!): Note }\n"
                + "type Subscription { onCreateNote: Note }\n";
        return SchemaCompiler.withApi(ALL_MODES).compile(sdl, "notes.graphql").policy();
    }

    static Map<String, Object> ownedBy(String sub) {
        return Map.of("owner", sub, "editors", List.of());
    }

    @Test
    void guestRulesAdmitOnlyIdentityPoolGuests() {
        AccessPolicy policy = compile("{allow: guest, operations: [read]}", "");

        assertThat(policy.decide(GUEST, "Query", "getNote", Operation.GET).isAllowed())
                .isTrue();
        assertThat(policy.decide(GUEST, "Query", "listNotes", Operation.LIST).isAllowed())
                .isTrue();
        assertThat(policy.decide(GUEST, "Note", "text", Operation.READ).isAllowed())
                .isTrue();
        assertThat(policy.decide(GUEST, "Mutation", "createNote", Operation.CREATE)
                        .isAllowed())
                .isFalse();
        assertThat(policy.decide(IDP_USER, "Query", "getNote", Operation.GET).isAllowed())
                .isFalse();
        assertThat(policy.decide(ALICE, "Query", "getNote", Operation.GET).isAllowed())
                .isFalse();
        assertThat(policy.decide(BACKEND, "Query", "getNote", Operation.GET).isAllowed())
                .isFalse();
    }

    @Test
    void apiKeyRulesAdmitApiKeyCallers() {
        AccessPolicy policy = compile("{allow: apiKey, operations: [list]}", "");

        assertThat(policy.decide(API_KEY, "Query", "listNotes", Operation.LIST).isAllowed())
                .isTrue();
        assertThat(policy.decide(API_KEY, "Query", "getNote", Operation.GET).isAllowed())
                .isFalse();
        assertThat(policy.decide(GUEST, "Query", "listNotes", Operation.LIST).isAllowed())
                .isFalse();
    }

    @Test
    void authenticatedRulesAdmitUserPoolUsersOrIdentityPoolUsersByProvider() {
        AccessPolicy pools = compile("{allow: authenticated}", "");
        AccessPolicy identities = compile("{allow: authenticated, provider: identityPool}", "");

        assertThat(pools.decide(ALICE, "Mutation", "deleteNote", Operation.DELETE)
                        .isAllowed())
                .isTrue();
        assertThat(pools.decide(IDP_USER, "Mutation", "deleteNote", Operation.DELETE)
                        .isAllowed())
                .isFalse();
        assertThat(identities
                        .decide(IDP_USER, "Mutation", "deleteNote", Operation.DELETE)
                        .isAllowed())
                .isTrue();
        assertThat(identities
                        .decide(ALICE, "Mutation", "deleteNote", Operation.DELETE)
                        .isAllowed())
                .isFalse();
        assertThat(identities
                        .decide(GUEST, "Mutation", "deleteNote", Operation.DELETE)
                        .isAllowed())
                .isFalse();
    }

    @Test
    void ownerRulesNeedTheRecordAndMatchTheOwnerField() {
        AccessPolicy policy = compile("{allow: owner, operations: [update, delete]}", "");

        Decision withoutRecord = policy.decide(ALICE, "Mutation", "deleteNote", Operation.DELETE);
        assertThat(withoutRecord.outcome()).isEqualTo(Decision.Outcome.ALLOW_IF_OWNER);
        assertThat(withoutRecord.mayProceed()).isTrue();
        assertThat(policy.decide(ALICE, "Mutation", "deleteNote", Operation.DELETE, ownedBy("sub-alice"))
                        .code())
                .isEqualTo(Decision.Code.OWNER);
        assertThat(policy.decide(BOB, "Mutation", "deleteNote", Operation.DELETE, ownedBy("sub-alice"))
                        .isAllowed())
                .isFalse();
        // Owner rules never match non-user-pool callers, even without a record.
        assertThat(policy.decide(GUEST, "Mutation", "deleteNote", Operation.DELETE)
                        .mayProceed())
                .isFalse();
        assertThat(policy.decide(IDP_USER, "Mutation", "deleteNote", Operation.DELETE)
                        .mayProceed())
                .isFalse();
        // Not an operation the rule names.
        assertThat(policy.decide(ALICE, "Query", "getNote", Operation.GET, ownedBy("sub-alice"))
                        .isAllowed())
                .isFalse();
    }

    @Test
    void ownerRulesAcceptAListOfOwners() {
        AccessPolicy policy = compile("{allow: owner, ownerField: \"editors\", operations: [update]}", "");
        Map<String, Object> shared = Map.of("editors", List.of("sub-bob", "sub-alice"));

        assertThat(policy.decide(ALICE, "Mutation", "updateNote", Operation.UPDATE, shared)
                        .isAllowed())
                .isTrue();
        assertThat(policy.decide(BOB, "Mutation", "updateNote", Operation.UPDATE, shared)
                        .isAllowed())
                .isTrue();
        assertThat(policy.decide(ADMIN, "Mutation", "updateNote", Operation.UPDATE, shared)
                        .isAllowed())
                .isFalse();
        assertThat(policy.decide(ALICE, "Mutation", "updateNote", Operation.UPDATE, Map.of())
                        .isAllowed())
                .isFalse();
    }

    @Test
    void ownerRulesCanCompareAnotherClaim() {
        AccessPolicy policy = compile("{allow: owner, identityClaim: \"username\", operations: [delete]}", "");

        assertThat(policy.decide(ALICE, "Mutation", "deleteNote", Operation.DELETE, ownedBy("alice"))
                        .isAllowed())
                .isTrue();
        assertThat(policy.decide(ALICE, "Mutation", "deleteNote", Operation.DELETE, ownedBy("sub-alice"))
                        .isAllowed())
                .isFalse();
    }

    @Test
    void groupsRulesAdmitAnyListedGroup() {
        AccessPolicy policy = compile("{allow: groups, groups: [\"Admins\", \"Editors\"], operations: [delete]}", "");
        Principal editor = Principal.userPool("sub-ed", "ed", List.of("Editors"));

        assertThat(policy.decide(ADMIN, "Mutation", "deleteNote", Operation.DELETE)
                        .isAllowed())
                .isTrue();
        assertThat(policy.decide(editor, "Mutation", "deleteNote", Operation.DELETE)
                        .isAllowed())
                .isTrue();
        assertThat(policy.decide(ALICE, "Mutation", "deleteNote", Operation.DELETE)
                        .isAllowed())
                .isFalse();
    }

    @Test
    void groupsRulesCanReadACustomGroupClaim() {
        AccessPolicy policy =
                compile("{allow: groups, groups: [\"ops\"], groupClaim: \"custom:teams\", operations: [delete]}", "");
        Principal ops = Principal.userPool("sub-o", "o", List.of(), Map.of("custom:teams", List.of("ops", "dev")));

        assertThat(policy.decide(ops, "Mutation", "deleteNote", Operation.DELETE)
                        .isAllowed())
                .isTrue();
        assertThat(policy.decide(ADMIN, "Mutation", "deleteNote", Operation.DELETE)
                        .isAllowed())
                .isFalse();
    }

    @Test
    void iamRulesAdmitRolesOutsideTheIdentityPool() {
        AccessPolicy policy = compile("{allow: iam}", "");

        assertThat(policy.decide(BACKEND, "Mutation", "createNote", Operation.CREATE)
                        .isAllowed())
                .isTrue();
        assertThat(policy.decide(GUEST, "Mutation", "createNote", Operation.CREATE)
                        .isAllowed())
                .isFalse();
        assertThat(policy.decide(IDP_USER, "Mutation", "createNote", Operation.CREATE)
                        .isAllowed())
                .isFalse();
    }

    @Test
    void readCoversGetListAndListenButGetCoversOnlyGet() {
        AccessPolicy read = compile("{allow: authenticated, operations: [read]}", "");
        AccessPolicy get = compile("{allow: authenticated, operations: [get]}", "");

        assertThat(read.decide(ALICE, "Subscription", "onCreateNote", Operation.LISTEN)
                        .isAllowed())
                .isTrue();
        assertThat(read.decide(ALICE, "Query", "listNotes", Operation.LIST).isAllowed())
                .isTrue();
        assertThat(get.decide(ALICE, "Query", "getNote", Operation.GET).isAllowed())
                .isTrue();
        assertThat(get.decide(ALICE, "Query", "listNotes", Operation.LIST).isAllowed())
                .isFalse();
        assertThat(get.decide(ALICE, "Subscription", "onCreateNote", Operation.LISTEN)
                        .isAllowed())
                .isFalse();
        // Whatever a caller could get, it may read the fields of.
        assertThat(get.decide(ALICE, "Note", "text", Operation.READ).isAllowed())
                .isTrue();
    }

    @Test
    void rulesAreOredAndEverythingElseIsDenied() {
        AccessPolicy policy = compile(
                "{allow: guest, operations: [read]}, {allow: owner, operations: [delete]}, "
                        + "{allow: groups, groups: [\"Admins\"], operations: [delete]}",
                "");

        assertThat(policy.decide(ADMIN, "Mutation", "deleteNote", Operation.DELETE, ownedBy("sub-alice"))
                        .isAllowed())
                .isTrue();
        assertThat(policy.decide(ALICE, "Mutation", "deleteNote", Operation.DELETE, ownedBy("sub-alice"))
                        .isAllowed())
                .isTrue();
        Decision bob = policy.decide(BOB, "Mutation", "deleteNote", Operation.DELETE, ownedBy("sub-alice"));
        assertThat(bob.isAllowed()).isFalse();
        assertThat(bob.code()).isEqualTo(Decision.Code.NO_MATCHING_RULE);
        assertThat(bob.reason()).isEqualTo("no rule on Note allows delete for this caller");
        assertThat(policy.decide(GUEST, "Mutation", "updateNote", Operation.UPDATE)
                        .isAllowed())
                .isFalse();
    }

    @Test
    void fieldRulesReplaceTypeRules() {
        AccessPolicy policy = compile(
                "{allow: guest, operations: [read]}, {allow: authenticated, operations: [read]}",
                "  secret: String @auth(rules: [{allow: owner, operations: [read]}])\n");

        assertThat(policy.decide(GUEST, "Note", "text", Operation.READ).isAllowed())
                .isTrue();
        // The guest rule on the type does not reach the field: its own rules replace the type's.
        assertThat(policy.decide(GUEST, "Note", "secret", Operation.READ).isAllowed())
                .isFalse();
        assertThat(policy.decide(BOB, "Note", "secret", Operation.READ, ownedBy("sub-alice"))
                        .isAllowed())
                .isFalse();
        assertThat(policy.decide(ALICE, "Note", "secret", Operation.READ, ownedBy("sub-alice"))
                        .isAllowed())
                .isTrue();
    }

    @Test
    void rootFieldRulesDecideCustomOperations() {
        String sdl = """
                type Query {
                  health: String @auth(rules: [{allow: guest}, {allow: groups, groups: ["Ops"]}])
                  nobody: String @auth(rules: [])
                }
                """;
        AccessPolicy policy =
                SchemaCompiler.create().compile(sdl, "custom.graphql").policy();

        assertThat(policy.decide(GUEST, "Query", "health", Operation.GET).isAllowed())
                .isTrue();
        assertThat(policy.decide(Principal.userPool("s", "o", List.of("Ops")), "Query", "health", Operation.GET)
                        .isAllowed())
                .isTrue();
        assertThat(policy.decide(ALICE, "Query", "health", Operation.GET).isAllowed())
                .isFalse();
        Decision nobody = policy.decide(ADMIN, "Query", "nobody", Operation.GET);
        assertThat(nobody.code()).isEqualTo(Decision.Code.NO_RULES);
    }

    @Test
    void rootFieldsTakeTheirModelsRulesThroughTheirTarget() {
        AccessPolicy policy =
                compile("{allow: owner, operations: [delete]}, {allow: authenticated, operations: [create]}", "");

        assertThat(policy.target("Mutation", "deleteNote")).contains(new RootTarget("Note", Operation.DELETE));
        assertThat(policy.target("Mutation", "createNote")).contains(new RootTarget("Note", Operation.CREATE));
        assertThat(policy.target("Query", "listNotes")).contains(new RootTarget("Note", Operation.LIST));
        assertThat(policy.target("Subscription", "onCreateNote")).contains(new RootTarget("Note", Operation.LISTEN));
        assertThat(policy.ownerFields("Note")).containsExactly("owner");
    }

    @Test
    void anonymousCallersAreDeniedEverywhere() {
        AccessPolicy policy = compile("{allow: guest}, {allow: authenticated}", "");

        Decision decision = policy.decide(Principal.anonymous(), "Query", "getNote", Operation.GET);
        assertThat(decision.code()).isEqualTo(Decision.Code.NO_CREDENTIALS);
    }

    @Test
    void appSyncsLayerIsCheckedBeforeTheRules() {
        String sdl = """
                type Note @aws_cognito_user_pools @auth(rules: [{allow: authenticated}]) { id: ID! }
                type Query { getNote(id: ID!): Note }
                """;
        AccessPolicy policy = SchemaCompiler.create().compile(sdl, "s.graphql").policy();

        Decision decision = policy.decide(GUEST, "Note", "id", Operation.READ);
        assertThat(decision.code()).isEqualTo(Decision.Code.APPSYNC_DIRECTIVE);
        assertThat(decision.reason()).isEqualTo("AppSync admits only @aws_cognito_user_pools on Note.id");
    }

    @Test
    void unknownFieldsAreDenied() {
        AccessPolicy policy = compile("{allow: guest}", "");

        assertThat(policy.decide(GUEST, "Note", "nope", Operation.READ).code()).isEqualTo(Decision.Code.UNKNOWN_FIELD);
        assertThat(policy.decide(GUEST, "Nope", "id", Operation.READ).isAllowed())
                .isFalse();
    }

    @Test
    void valueTypesInheritTheDecisionOfTheFieldReturningThem() {
        String sdl = """
                type Note @auth(rules: [{allow: guest, operations: [list]}]) { id: ID! }
                type NotePage { items: [Note] nextToken: String }
                type Query { listNotes: NotePage }
                """;
        AccessPolicy policy = SchemaCompiler.create().compile(sdl, "s.graphql").policy();

        assertThat(policy.types().get("NotePage").kind()).isEqualTo(TypeAccess.Kind.VALUE);
        assertThat(policy.target("Query", "listNotes")).contains(new RootTarget("Note", Operation.LIST));
        assertThat(policy.decide(GUEST, "NotePage", "nextToken", Operation.READ).code())
                .isEqualTo(Decision.Code.INHERITED);
        // AppSync must admit IAM on the page type, so the directive was written there.
        assertThat(policy.appSyncAdmits(GUEST, "NotePage", "nextToken")).isTrue();
        assertThat(policy.appSyncAdmits(ALICE, "NotePage", "nextToken")).isFalse();
    }

    @Test
    void decisionsThroughAFieldHandleEqualNamedDecisions() {
        AccessPolicy policy = compile("{allow: owner}, {allow: guest, operations: [read]}", "");
        FieldPolicy handle = policy.field("Mutation", "updateNote").orElseThrow();

        for (Principal caller : List.of(GUEST, ALICE, BOB, ADMIN, IDP_USER)) {
            assertThat(handle.decide(caller, Operation.UPDATE, ownedBy("sub-alice")))
                    .isEqualTo(policy.decide(caller, "Mutation", "updateNote", Operation.UPDATE, ownedBy("sub-alice")));
        }
    }

    @Test
    void identityPoolOwnersAreNamedByTheirIdentityIdAndCallWithIam() {
        AccessPolicy policy = compile("{allow: owner, provider: identityPool}", "");
        Principal otherIdentity = Principal.iamAuthenticated("us-east-1:user-2", "sub-bob");
        Map<String, Object> alicesIdentity = ownedBy("us-east-1:user-1");

        assertThat(policy.decide(IDP_USER, "Mutation", "deleteNote", Operation.DELETE, alicesIdentity)
                        .isAllowed())
                .isTrue();
        assertThat(policy.decide(IDP_USER, "Query", "getNote", Operation.GET, alicesIdentity)
                        .isAllowed())
                .isTrue();
        assertThat(policy.decide(otherIdentity, "Query", "getNote", Operation.GET, alicesIdentity)
                        .isAllowed())
                .isFalse();
        // The same person through the user pool is another caller: the record names an identity, not a sub.
        assertThat(policy.decide(ALICE, "Query", "getNote", Operation.GET, ownedBy("sub-alice"))
                        .isAllowed())
                .isFalse();
        assertThat(policy.decide(GUEST, "Query", "getNote", Operation.GET, Map.of("owner", "us-east-1:guest-1"))
                        .isAllowed())
                .isFalse();
        assertThat(policy.decide(IDP_USER, "Query", "listNotes", Operation.LIST).needsRecord())
                .isTrue();
        assertThat(AuthRule.identityPoolOwner("owner").mode()).isEqualTo(AuthMode.AWS_IAM);
        assertThat(AuthRule.identityPoolOwner("owner").describe()).isEqualTo("{allow: owner, provider: identityPool}");
    }

    @Test
    void anIdentityPoolOwnerIsAlwaysComparedByIdentityId() {
        String sdl = """
                type Note @auth(rules: [{allow: owner, provider: identityPool, identityClaim: "sub"}]) {
                  id: ID!
                  owner: String
                }
                type Query { getNote(id: ID!): Note }
                """;
        SchemaValidationException error = org.assertj.core.api.Assertions.catchThrowableOfType(
                SchemaValidationException.class,
                () -> SchemaCompiler.withApi(ALL_MODES).compile(sdl, "bad.graphql"));
        assertThat(error.getMessage()).contains("an identity-pool owner is named by its identity id");
    }
}
