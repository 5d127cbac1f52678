package dev.fieldgate.sdk.auth;

import static dev.fieldgate.sdk.LocalCognitoSupport.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.LocalCognitoSupport;
import dev.fieldgate.sdk.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;

/**
 * The session cache under contention, against the local Cognito: a clock shared by Cognito and the SDK moves the
 * tokens to their expiry, then 64 threads ask for the session at once. Exactly one refresh reaches Cognito and
 * every thread gets its result.
 */
class SessionRefreshContentionTest {

    private static final int THREADS = 64;

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger refreshes = new AtomicInteger();
    private LocalCognito cognito;
    private CognitoIdentityProviderClient idp;
    private CognitoUserPoolAuth auth;
    private ExecutorService pool;

    @BeforeEach
    void signIn() {
        cognito = LocalCognitoSupport.start(clock);
        FieldgateConfig config = LocalCognitoSupport.config(cognito);
        idp = CognitoIdentityProviderClient.builder()
                .endpointOverride(cognito.endpoint())
                .region(Region.of(config.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof InitiateAuthRequest r
                                && r.authFlow() == AuthFlowType.REFRESH_TOKEN_AUTH) {
                            refreshes.incrementAndGet();
                        }
                    }
                }))
                .build();
        auth = CognitoUserPoolAuth.builder()
                .config(config)
                .cognitoClient(idp)
                .clock(clock)
                .build();
        String email = LocalCognitoSupport.newEmail();
        auth.signUp(email, PASSWORD, Map.of("email", email));
        auth.confirmSignUp(email, LocalCognitoSupport.signUpCode(cognito, email));
        auth.signIn(email, PASSWORD).sessionOrThrow();
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
        idp.close();
        cognito.close();
    }

    @Test
    void sixtyFourThreadsAtExpiryCauseOneRefresh() throws Exception {
        UserPoolSession before = auth.currentSession();
        // 30 s before expiry: inside the stale window, so no thread may use the old tokens.
        clock.advance(Duration.between(clock.instant(), before.expiresAt()).minusSeconds(30));

        Set<String> accessTokens = ConcurrentHashMap.newKeySet();
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            results.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                accessTokens.add(auth.currentSession().accessToken());
                return null;
            }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        for (Future<?> result : results) {
            result.get(30, TimeUnit.SECONDS);
        }

        assertThat(refreshes).hasValue(1);
        assertThat(accessTokens).hasSize(1).doesNotContain(before.accessToken());
        assertThat(auth.currentSession().expiresAt()).isAfter(clock.instant().plus(Duration.ofMinutes(50)));
    }

    @Test
    void aheadOfExpiryOneThreadRefreshesWhileTheOthersKeepTheCurrentTokens() throws Exception {
        UserPoolSession before = auth.currentSession();
        // 3 minutes before expiry: due for a refresh, but the current tokens are still good to use.
        clock.advance(Duration.between(clock.instant(), before.expiresAt()).minusMinutes(3));

        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return auth.currentSession().accessToken();
            }));
        }
        go.countDown();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        for (Future<String> result : results) {
            seen.add(result.get(30, TimeUnit.SECONDS));
        }
        assertThat(refreshes).hasValue(1);
        assertThat(seen)
                .isSubsetOf(Set.of(before.accessToken(), auth.currentSession().accessToken()));
        assertThat(auth.currentSession().accessToken()).isNotEqualTo(before.accessToken());
    }
}
