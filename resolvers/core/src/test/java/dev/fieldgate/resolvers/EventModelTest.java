package dev.fieldgate.resolvers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.Principal;
import dev.fieldgate.resolvers.internal.EventReader;
import dev.fieldgate.testing.AppSyncEvents;
import dev.fieldgate.testing.Callers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recorded AppSync events of every identity kind read into the typed model, and the principal each becomes. */
class EventModelTest {

    private final EventReader reader = new EventReader(AppSyncResolver.defaultObjectMapper());

    private AppSyncEvent read(String fixture) {
        return reader.event(reader.parse(Fixtures.resource("events/" + fixture)));
    }

    @Test
    void userPoolWithoutGroups() {
        AppSyncEvent event = read("user-pool-no-groups.json");

        assertThat(event.typeName()).isEqualTo("Query");
        assertThat(event.fieldName()).isEqualTo("getPin");
        assertThat(event.arguments()).containsEntry("id", "pin-1");
        assertThat(event.source()).isNull();
        assertThat(event.prev()).isNull();
        assertThat(event.stash()).isEmpty();
        assertThat(event.info().selectionSetList()).contains("author/displayName");
        assertThat(event.info().selects("ownerContact")).isTrue();
        assertThat(event.info().variables()).containsEntry("id", "pin-1");
        assertThat(event.request().header("Host"))
                .isEqualTo("abcdefghijklmnopqrstuvwxyz.appsync-api.us-east-1.amazonaws.com");
        assertThat(event.request().domainName()).isNull();

        CognitoUserPoolIdentity identity = (CognitoUserPoolIdentity) event.identity();
        assertThat(identity.sub()).isEqualTo("7d8ca528-4931-4254-9273-ea5ee853f271");
        assertThat(identity.username()).isEqualTo("alice@example.com");
        assertThat(identity.issuer()).endsWith("/us-east-1_pinsPool1");
        assertThat(identity.groups()).isEmpty();
        assertThat(identity.defaultAuthStrategy()).isEqualTo("ALLOW");
        assertThat(identity.sourceIp()).containsExactly("203.0.113.10");
        assertThat(identity.claim("email")).isEqualTo("alice@example.com");

        Principal principal = identity.toPrincipal();
        assertThat(principal.kind()).isEqualTo(Principal.Kind.USER_POOL);
        assertThat(principal.sub()).isEqualTo(identity.sub());
        assertThat(principal.groups()).isEmpty();
        assertThat(principal.claim("email")).isEqualTo("alice@example.com");
    }

    @Test
    void userPoolWithGroupsFromAnAccessToken() {
        AppSyncEvent event = read("user-pool-admins.json");

        CognitoUserPoolIdentity identity = (CognitoUserPoolIdentity) event.identity();
        assertThat(identity.groups()).containsExactly("Admins");
        assertThat(identity.claim("token_use")).isEqualTo("access");
        assertThat(identity.toPrincipal().inGroup("Admins")).isTrue();
        assertThat(event.info().coordinate()).isEqualTo("Mutation.deletePin");
    }

    @Test
    void groupsComeFromTheClaimWhenTheIdentityLeavesThemOut() {
        Map<String, Object> json = AppSyncEvents.query("getPin")
                .caller(Callers.userPool("sub-x").groups("Admins"))
                .toMap();
        ((Map<?, ?>) json.get("identity")).remove("groups");
        AppSyncEvent event = reader.event(json);

        assertThat(((CognitoUserPoolIdentity) event.identity()).groups()).containsExactly("Admins");
    }

    @Test
    void identityPoolGuest() {
        IamIdentity identity = (IamIdentity) read("iam-guest.json").identity();

        assertThat(identity.isGuest()).isTrue();
        assertThat(identity.isIdentityPoolUser()).isFalse();
        assertThat(identity.authProviders()).isEmpty();
        assertThat(identity.userPoolSub()).isEmpty();
        Principal principal = identity.toPrincipal();
        assertThat(principal.kind()).isEqualTo(Principal.Kind.IAM_GUEST);
        assertThat(principal.identityId()).isEqualTo("us-east-1:3f8e2c1a-9b7d-4e6f-8a5b-1c2d3e4f5a6b");
        assertThat(principal.mode()).isEqualTo(AuthMode.AWS_IAM);
    }

    @Test
    void identityPoolUserWithTheQuotedProviderString() {
        IamIdentity identity = (IamIdentity) read("iam-authenticated.json").identity();

        assertThat(identity.isIdentityPoolUser()).isTrue();
        assertThat(identity.authProviders())
                .containsExactly(
                        "cognito-idp.us-east-1.amazonaws.com/us-east-1_pinsPool1",
                        "cognito-idp.us-east-1.amazonaws.com/us-east-1_pinsPool1:CognitoSignIn:"
                                + "7d8ca528-4931-4254-9273-ea5ee853f271");
        assertThat(identity.userPoolSub()).hasValue("7d8ca528-4931-4254-9273-ea5ee853f271");
        Principal principal = identity.toPrincipal();
        assertThat(principal.kind()).isEqualTo(Principal.Kind.IAM_AUTHENTICATED);
        assertThat(principal.sub()).isEqualTo("7d8ca528-4931-4254-9273-ea5ee853f271");
        assertThat(principal.identityId()).isEqualTo("us-east-1:59ec6a11-2b3c-4d5e-8f90-a1b2c3d4e5f6");
    }

    @Test
    void otherIamPrincipal() {
        Map<String, Object> json = AppSyncEvents.query("getPin")
                .caller(Callers.iam("arn:aws:sts::123456789012:assumed-role/backend/job"))
                .toMap();
        IamIdentity iam = (IamIdentity) reader.event(json).identity();

        assertThat(iam.cognitoIdentityAuthType()).isNull();
        assertThat(iam.toPrincipal().kind()).isEqualTo(Principal.Kind.IAM_OTHER);
        assertThat(iam.toPrincipal().userArn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/backend/job");
    }

    @Test
    void apiKeyCallersHaveANullIdentity() {
        AppSyncEvent event = read("api-key.json");

        assertThat(event.identity()).isInstanceOf(ApiKeyIdentity.class);
        assertThat(event.identity().kind()).isEqualTo(Identity.Kind.API_KEY);
        assertThat(event.identity().toPrincipal().kind()).isEqualTo(Principal.Kind.API_KEY);
    }

    @Test
    void oidcAndLambdaAuthorizerIdentities() {
        OidcIdentity oidc = (OidcIdentity) read("oidc.json").identity();
        assertThat(oidc.sub()).isEqualTo("auth0|5f7c8ec7c33c6c004bbafe82");
        assertThat(oidc.toPrincipal().kind()).isEqualTo(Principal.Kind.OIDC);

        LambdaAuthorizerIdentity lambda =
                (LambdaAuthorizerIdentity) read("lambda-authorizer.json").identity();
        assertThat(lambda.resolverContext()).containsEntry("tenant", "acme");
        assertThat(lambda.toPrincipal().kind()).isEqualTo(Principal.Kind.LAMBDA);
    }

    @Test
    void amplifyFunctionShapeNamesTheFieldAtTheTop() {
        AppSyncEvent event = read("amplify-function.json");

        assertThat(event.info().coordinate()).isEqualTo("Query.getPin");
        assertThat(event.arguments()).containsEntry("id", "pin-1");
        assertThat(event.identity()).isInstanceOf(CognitoUserPoolIdentity.class);
    }

    @Test
    void aBatchInvokeIsAListOfEvents() {
        Object parsed = reader.parse(Fixtures.resource("events/batch-pin-author-guest.json"));

        assertThat(parsed).isInstanceOf(List.class);
        List<?> items = (List<?>) parsed;
        assertThat(items).hasSize(3);
        AppSyncEvent second = reader.event(items.get(1));
        assertThat(second.info().coordinate()).isEqualTo("Pin.author");
        assertThat(second.source()).containsEntry("owner", "sub-bob");
    }

    @Test
    void theModelIsImmutable() {
        AppSyncEvent event = read("user-pool-no-groups.json");

        assertThatThrownBy(() -> event.arguments().put("id", "other"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> event.request().headers().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
        CognitoUserPoolIdentity identity = (CognitoUserPoolIdentity) event.identity();
        assertThatThrownBy(() -> identity.claims().put("sub", "other"))
                .isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = event.info().variables();
        assertThatThrownBy(() -> variables.clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringNeverShowsTokensClaimsOrArguments() {
        for (String fixture : List.of(
                "user-pool-no-groups.json",
                "user-pool-admins.json",
                "iam-guest.json",
                "iam-authenticated.json",
                "api-key.json",
                "oidc.json",
                "lambda-authorizer.json")) {
            AppSyncEvent event = read(fixture);
            String text = event + " " + event.identity() + " " + event.request() + " " + event.info();
            assertThat(text)
                    .doesNotContain("SECRET")
                    .doesNotContain("@example.com")
                    .doesNotContain("pin-1");
        }
    }
}
