package dev.fieldgate.testing;

import static dev.fieldgate.testing.AppSyncEvents.field;
import static dev.fieldgate.testing.AppSyncEvents.mutation;
import static dev.fieldgate.testing.AppSyncEvents.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.Principal;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.resolvers.AppSyncEvent;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.CognitoUserPoolIdentity;
import dev.fieldgate.resolvers.IamIdentity;
import dev.fieldgate.resolvers.ResolverResult;
import dev.fieldgate.resolvers.Router;
import dev.fieldgate.resolvers.internal.EventReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The events are shaped as AppSync sends them — the same keys as the events recorded from AppSync under
 * {@code resolvers/core/src/test/resources/events} — and the runtime reads each back into the event built.
 */
class AppSyncEventsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Manifest PINS = SchemaCompiler.create()
            .compile(Path.of("../samples/pins/schema.graphql"))
            .manifest();

    final List<AppSyncEvent> received = new CopyOnWriteArrayList<>();
    final AppSyncResolver resolver = AppSyncResolver.builder()
            .manifest(PINS)
            .include(Router.create()
                    .query(
                            "getPin",
                            ctx -> remember(
                                    ctx.event(), Map.of("id", ctx.arguments().get("id"))))
                    .query("listPins", ctx -> remember(ctx.event(), Map.of("items", List.of())))
                    .mutation(
                            "createPin",
                            ctx -> remember(ctx.event(), ctx.ownership().stamp()))
                    .resolver(
                            "Pin",
                            "author",
                            ctx -> remember(
                                    ctx.event(), Map.of("owner", ctx.source().get("owner")))))
            .build();

    private Object remember(AppSyncEvent event, Object result) {
        received.add(event);
        return result;
    }

    @Test
    void eachCallerKindHasTheIdentityShapeAppSyncSends() throws IOException {
        assertThat(identityKeys(query("getPin").caller(Callers.userPool("alice"))))
                .isEqualTo(recordedIdentityKeys("user-pool-no-groups.json"));
        assertThat(identityKeys(query("getPin").caller(Callers.iamGuest())))
                .isEqualTo(recordedIdentityKeys("iam-guest.json"));
        assertThat(identityKeys(query("getPin").caller(Callers.iamUser("alice"))))
                .isEqualTo(recordedIdentityKeys("iam-authenticated.json"));
        assertThat(identityKeys(
                        query("getPin").caller(Callers.lambdaAuthorizer().context("tenant", "acme"))))
                .isEqualTo(recordedIdentityKeys("lambda-authorizer.json"));
        assertThat(identityKeys(query("getPin").caller(Callers.oidc("auth0|alice"))))
                .containsExactly("claims", "issuer", "sub");
        assertThat(query("getPin").caller(Callers.apiKey()).toMap()).containsEntry("identity", null);

        Map<String, Object> recorded = recorded("user-pool-no-groups.json");
        Map<String, Object> built =
                query("getPin").caller(Callers.userPool("alice")).toMap();
        assertThat(built.keySet()).containsExactlyElementsOf(recorded.keySet());
        assertThat(keys(built.get("info"))).isEqualTo(keys(recorded.get("info")));
        assertThat(keys(built.get("request"))).isEqualTo(keys(recorded.get("request")));
    }

    @Test
    void theRuntimeReadsBackTheEventThatWasBuilt() {
        List<EventBuilder> builders = List.of(
                query("getPin")
                        .argument("id", "p-1")
                        .caller(Callers.userPool("alice").groups("Admins"))
                        .selectionSet("id", "title", "author", "author/displayName"),
                query("getPin")
                        .argument("id", "p-1")
                        .caller(Callers.userPool("bob").accessToken()),
                query("listPins").argument("limit", 5).caller(Callers.iamGuest()),
                query("getPin").argument("id", "p-1").caller(Callers.iamUser("alice")),
                query("getPin").argument("id", "p-1").caller(Callers.apiKey()).header("X-Trace", "t-1"),
                query("getPin")
                        .argument("id", "p-1")
                        .caller(Callers.oidc("auth0|alice").claim("tenant", "acme")),
                query("getPin")
                        .argument("id", "p-1")
                        .caller(Callers.lambdaAuthorizer().context("tenant", "acme")),
                query("getPin")
                        .argument("id", "p-1")
                        .caller(Callers.iam("arn:aws:sts::123456789012:assumed-role/backend/job")),
                mutation("createPin")
                        .input(Map.of("title", "Sunset"))
                        .caller(Callers.userPool("alice"))
                        .prevResult(Map.of("checked", true))
                        .stash("step", 2)
                        .domainName("api.example.com"));
        EventReader reader = new EventReader(AppSyncResolver.defaultObjectMapper());
        for (EventBuilder builder : builders) {
            assertThat(reader.event(reader.parse(builder.toJson())))
                    .as(builder.toString())
                    .isEqualTo(builder.build());
        }
        // And through a handler, for callers the pins policy lets through.
        for (EventBuilder builder : builders.subList(0, 4)) {
            received.clear();
            resolver.handle(builder.toJson(), null);
            assertThat(received).as(builder.toString()).containsExactly(builder.build());
        }
    }

    @Test
    void callersBecomeThePrincipalsThePolicyKnows() {
        Principal admin = Callers.userPool("alice").groups("Admins").identity().toPrincipal();
        assertThat(admin.kind()).isEqualTo(Principal.Kind.USER_POOL);
        assertThat(admin.sub()).isEqualTo("alice");
        assertThat(admin.groups()).containsExactly("Admins");
        assertThat(admin.claim("email")).isEqualTo("alice@example.com");

        Principal user = Callers.iamUser("alice").identity().toPrincipal();
        assertThat(user.kind()).isEqualTo(Principal.Kind.IAM_AUTHENTICATED);
        assertThat(user.sub()).isEqualTo("alice");
        assertThat(Callers.iamGuest().identity().toPrincipal().kind()).isEqualTo(Principal.Kind.IAM_GUEST);
        assertThat(Callers.iam("arn:aws:iam::123456789012:user/ci")
                        .identity()
                        .toPrincipal()
                        .kind())
                .isEqualTo(Principal.Kind.IAM_OTHER);
        assertThat(Callers.apiKey().identity().toPrincipal().kind()).isEqualTo(Principal.Kind.API_KEY);
        assertThat(Callers.oidc("s").identity().toPrincipal().kind()).isEqualTo(Principal.Kind.OIDC);
        assertThat(Callers.lambdaAuthorizer().identity().toPrincipal().kind()).isEqualTo(Principal.Kind.LAMBDA);
    }

    @Test
    void theIdentityPoolUserNamesItsUserPoolLoginAsAwsDoes() {
        IamIdentity identity =
                Callers.iamUser("7d8ca528").userPoolId("eu-west-1_AbCdEf123").identity();

        assertThat(identity.cognitoIdentityAuthProvider())
                .isEqualTo("\"cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123\","
                        + "\"cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123:CognitoSignIn:7d8ca528\"");
        assertThat(identity.userPoolSub()).hasValue("7d8ca528");
        assertThat(identity.cognitoIdentityId())
                .startsWith("us-east-1:")
                .isEqualTo(Callers.iamUser("7d8ca528").identity().cognitoIdentityId())
                .isNotEqualTo(Callers.iamUser("other").identity().cognitoIdentityId());
        assertThatThrownBy(() -> Callers.iamGuest().userPoolId("eu-west-1_X"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("iamUser");
    }

    @Test
    void userPoolTokensHaveTheClaimsCognitoPutsInThem() {
        CognitoUserPoolIdentity idToken =
                Callers.userPool("alice").claim("custom:tenant", "acme").identity();
        assertThat(idToken.claims())
                .containsEntry("token_use", "id")
                .containsEntry("cognito:username", "alice")
                .containsEntry("aud", Callers.USER_POOL_CLIENT_ID)
                .containsEntry("custom:tenant", "acme")
                .containsEntry("iss", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example01")
                .doesNotContainKey("cognito:groups");
        assertThat(idToken.groups()).isEmpty();

        CognitoUserPoolIdentity accessToken = Callers.userPool("bob")
                .groups("Admins", "Editors")
                .accessToken()
                .identity();
        assertThat(accessToken.claims())
                .containsEntry("token_use", "access")
                .containsEntry("username", "bob")
                .containsEntry("client_id", Callers.USER_POOL_CLIENT_ID)
                .containsEntry("cognito:groups", List.of("Admins", "Editors"))
                .doesNotContainKey("email");
        assertThat(accessToken.groups()).containsExactly("Admins", "Editors");
        assertThat(Callers.userPool("carol")
                        .email(null)
                        .claim("iss", null)
                        .identity()
                        .claims())
                .doesNotContainKeys("email", "iss");
    }

    @Test
    void requestsCarryTheHeadersOfTheCallersAuthMode() {
        assertThat(query("getPin")
                        .caller(Callers.userPool("alice"))
                        .build()
                        .request()
                        .header("authorization"))
                .startsWith("eyJ");
        assertThat(query("getPin").caller(Callers.iamGuest()).build().request().headers())
                .containsKeys("x-amz-date", "x-amz-security-token")
                .hasEntrySatisfying("authorization", value -> assertThat(value).startsWith("AWS4-HMAC-SHA256 "));
        assertThat(query("getPin")
                        .caller(Callers.apiKey().key("da2-mine"))
                        .build()
                        .request()
                        .header("x-api-key"))
                .isEqualTo("da2-mine");
        assertThat(query("getPin")
                        .caller(Callers.apiKey())
                        .header("x-api-key", null)
                        .host("api.example.com")
                        .build()
                        .request()
                        .headers())
                .doesNotContainKey("x-api-key")
                .containsEntry("host", "api.example.com");
    }

    @Test
    void aBatchInvokeHasOneEventPerSourceInOrder() throws IOException {
        List<Map<String, Object>> sources = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sources.add(Map.of("id", "p-" + i, "owner", "owner-" + i));
        }
        BatchInvoke batch = field("Pin", "author")
                .caller(Callers.iamGuest())
                .selectionSet("displayName")
                .batch(sources);

        assertThat(batch.size()).isEqualTo(3);
        List<Map<String, Object>> json = JSON.readValue(batch.toJson(), new TypeReference<>() {});
        assertThat(json)
                .extracting(event -> (Object) ((Map<?, ?>) event.get("source")).get("id"))
                .containsExactly("p-0", "p-1", "p-2");
        assertThat(((Map<?, ?>) json.get(0).get("info")).get("selectionSetGraphQL"))
                .isEqualTo("{\n  displayName\n}");
        List<Map<String, Object>> answers =
                JSON.readValue(resolver.handle(batch.toJson(), null), new TypeReference<>() {});
        assertThat(answers)
                .extracting(answer -> (Object) ((Map<?, ?>) answer.get("data")).get("owner"))
                .containsExactly("owner-0", "owner-1", "owner-2");
        List<ResolverResult> typed = resolver.resolveBatch(batch.events(), null);
        assertThat(typed).hasSize(3);
    }

    @Test
    void theSelectionSetIsWrittenAsGraphQlAndTheMapIsTheTestsToChange() {
        Map<String, Object> event = query("listPins")
                .caller(Callers.iamGuest())
                .selectionSet("items", "items/id", "items/title", "nextToken")
                .toMap();

        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) event.get("info");
        assertThat(info.get("selectionSetGraphQL")).isEqualTo("{\n  items {\n    id\n    title\n  }\n  nextToken\n}");
        info.remove("fieldName");
        assertThat(info).doesNotContainKey("fieldName");
        assertThat(field("Pin", "ownerContact").toMap().get("info"))
                .extracting("selectionSetGraphQL")
                .isEqualTo("");
    }

    @Test
    void aCopyVariesAnEventWithoutChangingTheOriginal() {
        EventBuilder original = query("getPin").argument("id", "p-1").caller(Callers.userPool("alice"));
        EventBuilder copy = original.copy().argument("id", "p-2").caller(Callers.iamGuest());

        assertThat(original.build().arguments()).containsEntry("id", "p-1");
        assertThat(original.build().identity()).isInstanceOf(CognitoUserPoolIdentity.class);
        assertThat(copy.build().arguments()).containsEntry("id", "p-2");
        assertThat(AppSyncEvents.batch(original.build(), copy.build()).events()).hasSize(2);
    }

    private static List<String> keys(Object map) {
        return ((Map<?, ?>) map).keySet().stream().map(Object::toString).toList();
    }

    private static List<String> identityKeys(EventBuilder event) {
        return new ArrayList<>(((Map<?, ?>) event.toMap().get("identity"))
                .keySet().stream().map(Object::toString).sorted().toList());
    }

    private static List<String> recordedIdentityKeys(String fixture) throws IOException {
        return new ArrayList<>(((Map<?, ?>) recorded(fixture).get("identity"))
                .keySet().stream().map(Object::toString).sorted().toList());
    }

    private static Map<String, Object> recorded(String fixture) throws IOException {
        return JSON.readValue(
                Files.readAllBytes(Path.of("../resolvers/core/src/test/resources/events", fixture)),
                new TypeReference<LinkedHashMap<String, Object>>() {});
    }
}
