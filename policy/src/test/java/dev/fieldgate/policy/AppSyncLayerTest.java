package dev.fieldgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AppSync's directive layer, for every combination of query-field, type and field directives, in a multi-auth API
 * with user pools as the default mode and one with IAM as the default — the combinations AppSync's behaviour was
 * recorded for — plus the user-pools-only {@code @aws_auth} behaviour.
 */
class AppSyncLayerTest {

    /** The directive sets tried at each of the three places. */
    enum Directives {
        NONE(""),
        POOLS("@aws_cognito_user_pools"),
        POOLS_USER("@aws_cognito_user_pools(cognito_groups: [\"user\"])"),
        POOLS_ADMIN("@aws_cognito_user_pools(cognito_groups: [\"admin\"])"),
        IAM("@aws_iam"),
        POOLS_AND_IAM("@aws_cognito_user_pools @aws_iam"),
        POOLS_ADMIN_AND_IAM("@aws_cognito_user_pools(cognito_groups: [\"admin\"]) @aws_iam");

        final String text;

        Directives(String text) {
            this.text = text;
        }

        /** Whether this set, when it is the one that counts, admits the caller. Written from AppSync's rule. */
        boolean admits(Caller caller) {
            return switch (this) {
                case POOLS -> caller == Caller.POOL_USER;
                case POOLS_USER -> caller == Caller.POOL_USER;
                case POOLS_ADMIN -> false; // the user is in group "user" only
                case IAM -> caller == Caller.IAM;
                case POOLS_AND_IAM -> true;
                case POOLS_ADMIN_AND_IAM -> caller == Caller.IAM;
                default -> throw new IllegalStateException("NONE never counts");
            };
        }
    }

    enum Caller {
        POOL_USER,
        IAM;

        Principal principal() {
            return switch (this) {
                case POOL_USER -> Principal.userPool("u-1", "alice", List.of("user"));
                case IAM -> Principal.iamGuest("us-east-1:guest");
            };
        }
    }

    private static final ApiAuthorization POOLS_DEFAULT = ApiAuthorization.kitDefault();
    private static final ApiAuthorization IAM_DEFAULT =
            new ApiAuthorization(AuthMode.AWS_IAM, List.of(AuthMode.AMAZON_COGNITO_USER_POOLS), DefaultAction.ALLOW);

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (ApiAuthorization api : List.of(POOLS_DEFAULT, IAM_DEFAULT)) {
            for (Directives query : Directives.values()) {
                for (Directives type : Directives.values()) {
                    for (Directives field : Directives.values()) {
                        all.add(Arguments.of(api.defaultAuthMode(), query, type, field));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "default {0}: query {1}, type {2}, field {3}")
    @MethodSource("combinations")
    void multiAuthDirectivesDecideEveryDepth(
            AuthMode defaultMode, Directives query, Directives type, Directives field) {
        ApiAuthorization api = defaultMode == AuthMode.AWS_IAM ? IAM_DEFAULT : POOLS_DEFAULT;
        String sdl = "type Query { item: Item " + query.text + " }\n" + "type Item " + type.text + " { name: String "
                + field.text + " other: String }\n";
        AppSyncLayer layer = AppSyncLayer.read(sdl, "combo.graphql", api);

        for (Caller caller : Caller.values()) {
            // Query.item: its own directives, else the API default (Query itself has none here).
            boolean rootExpected = query == Directives.NONE ? defaultAdmits(defaultMode, caller) : query.admits(caller);
            // Item.name: field directives replace type directives, which replace the default; no merging.
            boolean fieldExpected = field != Directives.NONE
                    ? field.admits(caller)
                    : type != Directives.NONE ? type.admits(caller) : defaultAdmits(defaultMode, caller);
            // Item.other has no directive of its own: the type's decide, else the default.
            boolean otherExpected = type != Directives.NONE ? type.admits(caller) : defaultAdmits(defaultMode, caller);

            assertThat(layer.admits(caller.principal(), "Query", "item"))
                    .as("Query.item for " + caller)
                    .isEqualTo(rootExpected);
            assertThat(layer.admits(caller.principal(), "Item", "name"))
                    .as("Item.name for " + caller)
                    .isEqualTo(fieldExpected);
            assertThat(layer.admits(caller.principal(), "Item", "other"))
                    .as("Item.other for " + caller)
                    .isEqualTo(otherExpected);
        }
    }

    private static boolean defaultAdmits(AuthMode defaultMode, Caller caller) {
        return defaultMode == AuthMode.AWS_IAM ? caller == Caller.IAM : caller == Caller.POOL_USER;
    }

    @Test
    void aTypeDirectiveOnTheReturnTypeDoesNotGateTheParentField() {
        AppSyncLayer layer = AppSyncLayer.read(
                "type Query { item: Item }\ntype Item @aws_iam { name: String }\n", "s.graphql", POOLS_DEFAULT);

        assertThat(layer.admits(Caller.POOL_USER.principal(), "Query", "item")).isTrue();
        assertThat(layer.admits(Caller.POOL_USER.principal(), "Item", "name")).isFalse();
    }

    @Test
    void aFieldWithoutGroupsOverridesTheTypesGroups() {
        AppSyncLayer layer = AppSyncLayer.read(
                "type Query { item: Item }\n"
                        + "type Item @aws_cognito_user_pools(cognito_groups: [\"admin\"]) { name: String "
                        + "@aws_cognito_user_pools secret: String }\n",
                "s.graphql",
                POOLS_DEFAULT);

        assertThat(layer.admits(Caller.POOL_USER.principal(), "Item", "name")).isTrue();
        assertThat(layer.admits(Caller.POOL_USER.principal(), "Item", "secret")).isFalse();
        assertThat(layer.admits(Principal.userPool("a", "admin", List.of("admin")), "Item", "secret"))
                .isTrue();
    }

    @Test
    void anyListedGroupSuffices() {
        AppSyncLayer layer = AppSyncLayer.read(
                "type Query { item: String " + "@aws_cognito_user_pools(cognito_groups: [\"admin\", \"editor\"]) }\n",
                "s.graphql",
                POOLS_DEFAULT);

        assertThat(layer.admits(Principal.userPool("e", "ed", List.of("editor")), "Query", "item"))
                .isTrue();
        assertThat(layer.admits(Principal.userPool("v", "vi", List.of("viewer")), "Query", "item"))
                .isFalse();
        assertThat(layer.admits(Principal.anonymous(), "Query", "item")).isFalse();
    }

    /** The recorded user-pools-only behaviour: only the top-level field's @aws_auth counts. */
    @ParameterizedTest(name = "{0} with default action {1}: allowed {2}")
    @MethodSource("awsAuthCases")
    void awsAuthCountsOnlyOnTopLevelFields(String queryDirective, DefaultAction action, boolean allowed) {
        ApiAuthorization api = new ApiAuthorization(AuthMode.AMAZON_COGNITO_USER_POOLS, List.of(), action);
        String sdl = "type Query { item: Item " + queryDirective + " }\n"
                + "type Item @aws_auth(cognito_groups: [\"admin\"]) { name: String "
                + "@aws_auth(cognito_groups: [\"admin\"]) }\n";
        AppSyncLayer layer = AppSyncLayer.read(sdl, "cognito-only.graphql", api);
        Principal user = Principal.userPool("u-1", "alice", List.of("user"));

        assertThat(layer.admits(user, "Query", "item")).isEqualTo(allowed);
        // Nested @aws_auth is ignored by AppSync: the nested field is always returned.
        assertThat(layer.admits(user, "Item", "name")).isTrue();
    }

    static Stream<Arguments> awsAuthCases() {
        return Stream.of(
                Arguments.of("", DefaultAction.DENY, false),
                Arguments.of("", DefaultAction.ALLOW, true),
                Arguments.of("@aws_auth", DefaultAction.DENY, true),
                Arguments.of("@aws_auth", DefaultAction.ALLOW, true),
                Arguments.of("@aws_auth(cognito_groups: [\"user\"])", DefaultAction.DENY, true),
                Arguments.of("@aws_auth(cognito_groups: [\"user\"])", DefaultAction.ALLOW, true),
                Arguments.of("@aws_auth(cognito_groups: [\"admin\"])", DefaultAction.DENY, false),
                Arguments.of("@aws_auth(cognito_groups: [\"admin\"])", DefaultAction.ALLOW, false));
    }

    @Test
    void awsAuthInAMultiAuthApiIsRefusedWithWhatToWriteInstead() {
        assertThatThrownBy(() -> AppSyncLayer.read(
                        "type Query {\n  item: String @aws_auth(cognito_groups: [\"a\"])\n}\n",
                        "multi.graphql",
                        POOLS_DEFAULT))
                .isInstanceOf(SchemaValidationException.class)
                .hasMessageContaining("multi.graphql:2:16")
                .hasMessageContaining("@aws_cognito_user_pools(cognito_groups: [\"a\"]) instead");
    }

    @Test
    void aDirectiveForAModeTheApiDoesNotEnableIsRefused() {
        assertThatThrownBy(() ->
                        AppSyncLayer.read("type Query { item: String @aws_api_key }\n", "s.graphql", POOLS_DEFAULT))
                .isInstanceOf(SchemaValidationException.class)
                .hasMessageContaining("admits API_KEY, which the API does not enable");
    }
}
