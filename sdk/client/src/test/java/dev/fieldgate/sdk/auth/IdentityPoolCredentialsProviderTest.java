package dev.fieldgate.sdk.auth;

import static dev.fieldgate.sdk.LocalCognitoSupport.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.IdentityPoolConfig;
import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.LocalCognitoSupport;
import dev.fieldgate.sdk.MutableClock;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.NotAuthenticatedException.Reason;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.CognitoIdentityException;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityRequest;
import software.amazon.awssdk.services.cognitoidentity.model.GetIdRequest;

/** Guest and signed-in credentials from the local identity pool, as an AwsCredentialsProvider. */
class IdentityPoolCredentialsProviderTest {

    private final AtomicInteger getIdCalls = new AtomicInteger();
    private final AtomicInteger credentialCalls = new AtomicInteger();

    private CognitoIdentityClient countingClient(LocalCognito cognito) {
        return CognitoIdentityClient.builder()
                .endpointOverride(cognito.endpoint())
                .region(Region.of(cognito.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof GetIdRequest) {
                            getIdCalls.incrementAndGet();
                        } else if (context.request() instanceof GetCredentialsForIdentityRequest) {
                            credentialCalls.incrementAndGet();
                        }
                    }
                }))
                .build();
    }

    @Test
    void guestCredentialsAreCachedAndRefreshedForTheSameIdentity() {
        MutableClock clock = new MutableClock();
        try (LocalCognito cognito = LocalCognitoSupport.start(clock);
                CognitoIdentityClient client = countingClient(cognito);
                IdentityPoolCredentialsProvider guest = IdentityPoolCredentialsProvider.builder()
                        .config(LocalCognitoSupport.config(cognito))
                        .guest()
                        .cognitoClient(client)
                        .clock(clock)
                        .build()) {
            AwsSessionCredentials first = (AwsSessionCredentials) guest.resolveCredentials();
            assertThat(first.accessKeyId()).startsWith("ASIA");
            assertThat(first.expirationTime())
                    .hasValueSatisfying(t -> assertThat(t).isAfter(clock.instant()));
            assertThat(guest.identityId()).startsWith(cognito.region() + ":");
            assertThat(guest.resolveCredentials()).isSameAs(first);
            assertThat(credentialCalls).hasValue(1);

            String identity = guest.identityId();
            clock.advance(
                    Duration.between(clock.instant(), first.expirationTime().orElseThrow())
                            .minusSeconds(10));
            AwsCredentials second = guest.resolveCredentials();
            assertThat(second.accessKeyId()).isNotEqualTo(first.accessKeyId());
            assertThat(guest.identityId()).isEqualTo(identity);
            assertThat(getIdCalls).as("one GetId for the life of the identity").hasValue(1);
            assertThat(credentialCalls).hasValue(2);
            assertThat(guest.toString()).doesNotContain(first.secretAccessKey()).doesNotContain(first.sessionToken());
        }
    }

    @Test
    void theIdentityIdOutlivesTheProviderWhenStored() {
        SessionStore store = SessionStore.inMemory();
        try (LocalCognito cognito = LocalCognitoSupport.start();
                CognitoIdentityClient client = countingClient(cognito)) {
            FieldgateConfig config = LocalCognitoSupport.config(cognito);
            String identity;
            try (IdentityPoolCredentialsProvider first = IdentityPoolCredentialsProvider.builder()
                    .config(config)
                    .guest()
                    .cognitoClient(client)
                    .sessionStore(store)
                    .build()) {
                first.resolveCredentials();
                identity = first.identityId();
            }
            try (IdentityPoolCredentialsProvider second = IdentityPoolCredentialsProvider.builder()
                    .config(config)
                    .guest()
                    .cognitoClient(client)
                    .sessionStore(store)
                    .build()) {
                second.resolveCredentials();
                assertThat(second.identityId()).isEqualTo(identity);
            }
            assertThat(getIdCalls).hasValue(1);
        }
    }

    @Test
    void clearingForgetsThisProvidersStoredIdentityAndNoOther() {
        SessionStore store = SessionStore.inMemory();
        try (LocalCognito cognito = LocalCognitoSupport.start();
                CognitoIdentityClient client = countingClient(cognito)) {
            FieldgateConfig config = LocalCognitoSupport.config(cognito);
            try (CognitoUserPoolAuth auth =
                            CognitoUserPoolAuth.builder().config(config).build();
                    IdentityPoolCredentialsProvider user = IdentityPoolCredentialsProvider.builder()
                            .config(config)
                            .user(auth)
                            .cognitoClient(client)
                            .sessionStore(store)
                            .build();
                    IdentityPoolCredentialsProvider guest = IdentityPoolCredentialsProvider.builder()
                            .config(config)
                            .guest()
                            .cognitoClient(client)
                            .sessionStore(store)
                            .build()) {
                signUpAndSignIn(cognito, auth);
                user.resolveCredentials();
                guest.resolveCredentials();
                String guestIdentity = guest.identityId();
                assertThat(getIdCalls).hasValue(2);

                user.clear();
                user.resolveCredentials();
                assertThat(getIdCalls)
                        .as("the user's stored identity id is gone")
                        .hasValue(3);
                try (IdentityPoolCredentialsProvider again = IdentityPoolCredentialsProvider.builder()
                        .config(config)
                        .guest()
                        .cognitoClient(client)
                        .sessionStore(store)
                        .build()) {
                    again.resolveCredentials();
                    assertThat(again.identityId()).isEqualTo(guestIdentity);
                }
                assertThat(getIdCalls)
                        .as("the guest's stored identity id is kept")
                        .hasValue(3);
            }
        }
    }

    @Test
    void signedInUsersGetTheirOwnIdentityAndTheAuthenticatedRole() {
        try (LocalCognito cognito = LocalCognitoSupport.start()) {
            FieldgateConfig config = LocalCognitoSupport.config(cognito);
            try (CognitoUserPoolAuth auth =
                            CognitoUserPoolAuth.builder().config(config).build();
                    IdentityPoolCredentialsProvider user = IdentityPoolCredentialsProvider.builder()
                            .config(config)
                            .user(auth)
                            .build();
                    IdentityPoolCredentialsProvider guest = IdentityPoolCredentialsProvider.builder()
                            .config(config)
                            .guest()
                            .build()) {
                assertThatThrownBy(user::resolveCredentials)
                        .isInstanceOfSatisfying(
                                NotAuthenticatedException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_SIGNED_IN));

                String alice = signUpAndSignIn(cognito, auth);
                user.resolveCredentials();
                String aliceIdentity = user.identityId();
                assertThat(aliceIdentity).isNotEqualTo(guest.identityId());

                // The credentials are ordinary AWS credentials: another AWS client signs with them, and the
                // service recognizes the identity pool's authenticated role.
                assertThat(deniedArn(cognito, user)).contains(":assumed-role/pins-authenticated/");
                assertThat(deniedArn(cognito, guest)).contains(":assumed-role/pins-guest/");

                auth.signOut();
                signUpAndSignIn(cognito, auth);
                user.resolveCredentials();
                assertThat(user.identityId())
                        .as("another user, another identity")
                        .isNotEqualTo(aliceIdentity);
                assertThat(alice).isNotBlank();
            }
        }
    }

    @Test
    void guestsAreRefusedWhenThePoolDoesNotAllowThem() {
        AppConfig pins = AppConfig.read(LocalCognitoSupport.PINS_APP_CONFIG);
        AppConfig noGuests = AppConfig.builder()
                .app(pins.app())
                .region(pins.region())
                .userPool(pins.userPool())
                .identityPool(new IdentityPoolConfig("no-guests", false, java.util.List.of("web")))
                .build();
        try (LocalCognito cognito =
                        LocalCognito.builder().config(noGuests).port(0).start();
                IdentityPoolCredentialsProvider guest = IdentityPoolCredentialsProvider.builder()
                        .config(LocalCognitoSupport.config(cognito))
                        .guest()
                        .build()) {
            assertThatThrownBy(guest::resolveCredentials)
                    .isInstanceOfSatisfying(
                            NotAuthenticatedException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.GUEST_ACCESS_DISABLED))
                    .hasMessageContaining("allowUnauthenticatedIdentities");
        }
    }

    private static String signUpAndSignIn(LocalCognito cognito, CognitoUserPoolAuth auth) {
        String email = LocalCognitoSupport.newEmail();
        auth.signUp(email, PASSWORD, Map.of("email", email));
        auth.confirmSignUp(email, LocalCognitoSupport.signUpCode(cognito, email));
        auth.signIn(email, PASSWORD).sessionOrThrow();
        return email;
    }

    /** Calls an admin-only operation with the provider's credentials; the refusal names the caller's ARN. */
    private static String deniedArn(LocalCognito cognito, IdentityPoolCredentialsProvider credentials) {
        try (CognitoIdentityClient signed = CognitoIdentityClient.builder()
                .endpointOverride(cognito.endpoint())
                .region(Region.of(cognito.region()))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            CognitoIdentityException e = org.junit.jupiter.api.Assertions.assertThrows(
                    CognitoIdentityException.class,
                    () -> signed.describeIdentityPool(
                            r -> r.identityPoolId(cognito.identityPoolId().orElseThrow())));
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            return e.awsErrorDetails().errorMessage();
        }
    }
}
