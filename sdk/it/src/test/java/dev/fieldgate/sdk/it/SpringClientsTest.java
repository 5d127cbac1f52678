package dev.fieldgate.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.local.LocalStack;
import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateClient;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.auth.CognitoUserPoolAuth;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import dev.fieldgate.sdk.auth.UserPoolSession;
import dev.fieldgate.sdk.spring.FieldgateAutoConfiguration;
import dev.fieldgate.sdk.spring.FieldgateGraphQlClientAutoConfiguration;
import dev.fieldgate.sdk.spring.FieldgateOAuth2AutoConfiguration;
import dev.fieldgate.sdk.spring.graphql.AppSyncGraphQlClients;
import dev.fieldgate.sdk.spring.graphql.AppSyncReactiveGraphQlClients;
import dev.fieldgate.sdk.spring.security.OAuth2UserPoolAuthorizer;
import dev.fieldgate.sdk.spring.web.AppSyncRequestInterceptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.web.client.RestClient;

/**
 * The starter's Spring integrations against the local stack: RestClient and WebClient authorized for AppSync (SigV4
 * as a guest, user-pool tokens), Spring for GraphQL's HTTP clients, and per-user tokens from Spring Security's
 * OAuth2 authorized clients, refreshed at the user pool when they expire.
 */
class SpringClientsTest {

    private static final String LIST_PINS = "query ListPins { listPins(limit: 5) { items { id title owner } } }";
    private static final String CREATE_PIN =
            "mutation CreatePin($input: CreatePinInput!) { createPin(input: $input) " + "{ id title owner } }";

    private static LocalStack stack;
    private static FieldgateConfig config;
    private static IdentityPoolCredentialsProvider guest;
    private static CognitoUserPoolAuth alice;
    private static CognitoUserPoolAuth bob;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() {
        stack = LocalStackSupport.start();
        config = LocalStackSupport.config(stack);
        guest = IdentityPoolCredentialsProvider.builder().config(config).guest().build();
        alice = LocalStackSupport.signedInUser(stack, config);
        bob = LocalStackSupport.signedInUser(stack, config);
        try (FieldgateClient writer = FieldgateClient.builder()
                .config(config)
                .authorizer(AppSyncAuthorizer.userPool(alice))
                .build()) {
            writer.execute(PinsApi.createPin("seeded"));
        }
    }

    @AfterAll
    static void stop() {
        alice.close();
        bob.close();
        guest.close();
        stack.close();
    }

    private static Map<String, Object> createPinVariables(String title) {
        return Map.of("input", Map.of("title", title, "imageUrl", "https://images.example.com/" + title));
    }

    @Test
    void aRestClientWithTheInterceptorSignsAsAGuest() {
        RestClient rest = RestClient.builder()
                .requestFactory(new JdkClientHttpRequestFactory())
                .baseUrl(config.graphqlEndpoint().orElseThrow().toString())
                .requestInterceptor(new AppSyncRequestInterceptor(config, AppSyncAuthorizer.iam(guest)))
                .build();
        JsonNode answer = rest.post()
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("query", LIST_PINS))
                .retrieve()
                .body(JsonNode.class);
        assertThat(answer.path("errors").isMissingNode())
                .as(String.valueOf(answer))
                .isTrue();
        assertThat(answer.at("/data/listPins/items")).isNotEmpty();
    }

    @Test
    void springForGraphQlsBlockingClientQueriesAsAGuestAndMutatesAsAUser() {
        HttpSyncGraphQlClient asGuest =
                AppSyncGraphQlClients.sync(config, AppSyncAuthorizer.iam(guest)).build();
        List<Map<String, Object>> pins =
                asGuest.document(LIST_PINS).retrieveSync("listPins.items").toEntityList(mapType());
        assertThat(pins).isNotEmpty();

        HttpSyncGraphQlClient asAlice = AppSyncGraphQlClients.sync(config, AppSyncAuthorizer.userPool(alice))
                .build();
        Map<String, Object> created = asAlice.document(CREATE_PIN)
                .variables(createPinVariables("sync-graphql"))
                .retrieveSync("createPin")
                .toEntity(mapType());
        assertThat(created)
                .containsEntry("title", "sync-graphql")
                .containsEntry("owner", alice.currentSession().sub());
    }

    @Test
    void springForGraphQlsReactiveClientSignsOffTheEventLoop() {
        HttpGraphQlClient asGuest = AppSyncReactiveGraphQlClients.of(config, AppSyncAuthorizer.iam(guest))
                .build();
        List<Map<String, Object>> pins = asGuest.document(LIST_PINS)
                .retrieve("listPins.items")
                .toEntityList(mapType())
                .block(Duration.ofSeconds(30));
        assertThat(pins).isNotEmpty();

        HttpGraphQlClient asBob = AppSyncReactiveGraphQlClients.of(config, AppSyncAuthorizer.userPool(bob))
                .build();
        Map<String, Object> created = asBob.document(CREATE_PIN)
                .variables(createPinVariables("reactive-graphql"))
                .retrieve("createPin")
                .toEntity(mapType())
                .block(Duration.ofSeconds(30));
        assertThat(created).containsEntry("owner", bob.currentSession().sub());
    }

    @Test
    void eachRequestActsAsItsOwnUserAndExpiredTokensAreRefreshedAtThePool() {
        ClientRegistration cognito = registration();
        InMemoryOAuth2AuthorizedClientService store =
                new InMemoryOAuth2AuthorizedClientService(new InMemoryClientRegistrationRepository(cognito));
        Authentication alicePrincipal = principal("alice");
        Authentication bobPrincipal = principal("bob");
        store.saveAuthorizedClient(authorizedClient(cognito, "alice", alice.currentSession(), false), alicePrincipal);
        // Bob's access token has expired: the manager must refresh it with his refresh token before the call.
        OAuth2AuthorizedClient bobsExpired = authorizedClient(cognito, "bob", bob.currentSession(), true);
        store.saveAuthorizedClient(bobsExpired, bobPrincipal);
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(
                        new InMemoryClientRegistrationRepository(cognito), store);
        manager.setAuthorizedClientProvider(OAuth2UserPoolAuthorizer.cognitoAuthorizedClientProvider());
        AtomicReference<Authentication> currentRequestUser = new AtomicReference<>();

        try (FieldgateClient client = FieldgateClient.builder()
                .config(config)
                .authorizer(new OAuth2UserPoolAuthorizer(manager, "cognito", currentRequestUser::get))
                .build()) {
            currentRequestUser.set(alicePrincipal);
            assertThat(client.execute(PinsApi.createPin("as-alice")).data().owner)
                    .isEqualTo(alice.currentSession().sub());
            currentRequestUser.set(bobPrincipal);
            assertThat(client.execute(PinsApi.createPin("as-bob")).data().owner)
                    .isEqualTo(bob.currentSession().sub());
            OAuth2AuthorizedClient refreshed = store.loadAuthorizedClient("cognito", "bob");
            assertThat(refreshed.getAccessToken().getTokenValue())
                    .isNotEqualTo(bobsExpired.getAccessToken().getTokenValue());
            assertThat(refreshed.getAccessToken().getExpiresAt()).isAfter(Instant.now());

            currentRequestUser.set(null);
            assertThatThrownBy(() -> client.execute(PinsApi.createPin("nobody")))
                    .isInstanceOf(NotAuthenticatedException.class)
                    .hasMessageContaining("No signed-in user");
        }
    }

    @Test
    void theStarterMakesTheGraphQlClientsAndTheOAuth2UserTheDefault() throws Exception {
        Path outputs = Files.writeString(
                directory.resolve("amplify_outputs.json"), stack.outputs().toJson());
        ClientRegistration cognito = registration();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(cognito);
        InMemoryOAuth2AuthorizedClientService store = new InMemoryOAuth2AuthorizedClientService(registrations);
        Authentication alicePrincipal = principal("alice");
        store.saveAuthorizedClient(authorizedClient(cognito, "alice", alice.currentSession(), false), alicePrincipal);
        OAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, store);

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        FieldgateOAuth2AutoConfiguration.class,
                        FieldgateAutoConfiguration.class,
                        FieldgateGraphQlClientAutoConfiguration.class))
                .withBean(OAuth2AuthorizedClientManager.class, () -> manager)
                .withPropertyValues(
                        "fieldgate.outputs-file=" + outputs,
                        "fieldgate.oauth2.registration-id=cognito",
                        "fieldgate.default-authorization=oauth2-user")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasBean(FieldgateAutoConfiguration.OAUTH2_USER_AUTHORIZER);
                    SecurityContextHolder.getContext().setAuthentication(alicePrincipal);
                    try {
                        assertThat(context.getBean(FieldgateClient.class)
                                        .execute(PinsApi.createPin("from-the-starter"))
                                        .data()
                                        .owner)
                                .isEqualTo(alice.currentSession().sub());
                        Map<String, Object> created = context.getBean(HttpSyncGraphQlClient.class)
                                .document(CREATE_PIN)
                                .variables(createPinVariables("starter-graphql"))
                                .retrieveSync("createPin")
                                .toEntity(mapType());
                        assertThat(created)
                                .containsEntry("owner", alice.currentSession().sub());
                        assertThat(context).hasSingleBean(HttpGraphQlClient.class);
                    } finally {
                        SecurityContextHolder.clearContext();
                    }
                });
    }

    private static ClientRegistration registration() {
        return ClientRegistration.withRegistrationId("cognito")
                .clientId(config.userPoolClientId().orElseThrow())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://localhost:3000/callback")
                .scope("openid", "email", "profile", "aws.cognito.signin.user.admin")
                .authorizationUri(stack.cognito().oauthBaseUri() + "/oauth2/authorize")
                .tokenUri(stack.cognito().oauthBaseUri() + "/oauth2/token")
                .build();
    }

    private static Authentication principal(String name) {
        TestingAuthenticationToken user = new TestingAuthenticationToken(name, "n/a", "ROLE_USER");
        user.setAuthenticated(true);
        return user;
    }

    /** What OAuth2 login stores after the code exchange, here from the user's SRP session. */
    private static OAuth2AuthorizedClient authorizedClient(
            ClientRegistration registration, String principal, UserPoolSession session, boolean expired) {
        Instant expiresAt = expired ? Instant.now().minusSeconds(60) : session.expiresAt();
        OAuth2AccessToken access = new OAuth2AccessToken(
                OAuth2AccessToken.TokenType.BEARER,
                session.accessToken(),
                expiresAt.minus(Duration.ofHours(1)),
                expiresAt);
        return new OAuth2AuthorizedClient(
                registration,
                principal,
                access,
                new OAuth2RefreshToken(session.refreshToken().orElseThrow(), Instant.now()));
    }

    @SuppressWarnings("unchecked")
    private static Class<Map<String, Object>> mapType() {
        return (Class<Map<String, Object>>) (Class<?>) Map.class;
    }
}
