package dev.fieldgate.sdk.auth;

import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.FieldgateConfigException;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.ServiceException;
import dev.fieldgate.sdk.internal.AwsClients;
import dev.fieldgate.sdk.internal.AwsErrors;
import dev.fieldgate.sdk.internal.SingleFlightCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;

/**
 * Temporary AWS credentials from a Cognito identity pool, as an AWS SDK v2 {@link AwsCredentialsProvider}: for
 * guests (GetId and GetCredentialsForIdentity without logins; the pool's unauthenticated role) or for a signed-in
 * user-pool user (the user's ID token in {@code Logins}; the authenticated role). Use it to sign AppSync calls
 * ({@code AppSyncAuthorizer.iam(provider)}) or with any other AWS SDK client.
 *
 * <p>The identity id is obtained once and reused for every refresh, as Cognito expects (a new GetId per refresh
 * would create a new identity each time); with a {@link SessionStore} it is also reused across runs. Credentials
 * are cached and refreshed ahead of their expiry by one thread at a time. Thread-safe.
 *
 * <pre>{@code
 * IdentityPoolCredentialsProvider guest = IdentityPoolCredentialsProvider.builder().config(config).guest().build();
 * IdentityPoolCredentialsProvider user = IdentityPoolCredentialsProvider.builder().config(config).user(auth).build();
 * S3Client s3 = S3Client.builder().credentialsProvider(user).build();   // same credentials, any AWS client
 * }</pre>
 */
public final class IdentityPoolCredentialsProvider implements AwsCredentialsProvider, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityPoolCredentialsProvider.class);

    /** Cached credentials with the identity and login they were issued for. */
    private record Issued(AwsSessionCredentials credentials, Instant expiration, String identityId, String loginSub) {}

    private final String identityPoolId;
    private final String loginsKey;
    private final CognitoUserPoolAuth user;
    private final CognitoIdentityClient cognito;
    private final boolean ownsClient;
    private final SessionStore store;
    private final Clock clock;
    private final SingleFlightCache<Issued> cache;
    private final Object identityLock = new Object();
    private volatile String identityId;
    private volatile String identityOwner;

    private IdentityPoolCredentialsProvider(Builder b) {
        FieldgateConfig config = b.config;
        this.identityPoolId = b.identityPoolId != null
                ? b.identityPoolId
                : config == null ? null : config.identityPoolId().orElse(null);
        if (identityPoolId == null) {
            throw new FieldgateConfigException("No identity pool is configured: the outputs file needs "
                    + "auth.identity_pool_id, or set identityPoolId on the builder.");
        }
        this.user = b.user;
        if (user != null) {
            String region = config != null ? config.region() : regionOf(user.userPoolId());
            this.loginsKey = "cognito-idp." + region + ".amazonaws.com/" + user.userPoolId();
        } else {
            this.loginsKey = null;
        }
        if (b.cognitoClient != null) {
            this.cognito = b.cognitoClient;
            this.ownsClient = false;
        } else {
            if (config == null) {
                throw new FieldgateConfigException("Give the builder a FieldgateConfig or a CognitoIdentityClient.");
            }
            this.cognito = AwsClients.identityPools(config);
            this.ownsClient = true;
        }
        this.store = b.store;
        this.clock = b.clock;
        this.cache = new SingleFlightCache<>(this::issue, Issued::expiration, clock, b.refreshAhead, b.staleBefore);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Credentials for the current caller, from the cache or freshly issued. For a user provider, a change of
     * signed-in user gets that user's own identity and credentials.
     *
     * @throws NotAuthenticatedException if guests are not allowed, or (user provider) no one is signed in
     */
    @Override
    public AwsCredentials resolveCredentials() {
        Issued issued = cache.get();
        if (user != null) {
            String sub = user.currentSession().sub();
            if (!Objects.equals(sub, issued.loginSub())) {
                synchronized (identityLock) {
                    cache.clear();
                }
                issued = cache.get();
            }
        }
        return issued.credentials();
    }

    /** The identity id (obtained with GetId on first use). */
    public String identityId() {
        String id = identityId;
        if (id != null
                && (user == null
                        || Objects.equals(identityOwner, user.currentSession().sub()))) {
            return id;
        }
        return cache.get().identityId();
    }

    /** Whether these are guest credentials (the pool's unauthenticated role) rather than a signed-in user's. */
    public boolean isGuest() {
        return user == null;
    }

    /**
     * The signed-in user's user-pool groups (the ID token's {@code cognito:groups}); empty for guests.
     *
     * @throws NotAuthenticatedException (user provider) if no one is signed in
     */
    public List<String> groups() {
        return user == null ? List.of() : user.currentSession().groups();
    }

    /** When the cached credentials expire, if any are cached. */
    public Optional<Instant> expiration() {
        return Optional.ofNullable(cache.peek()).map(Issued::expiration);
    }

    /** Forgets the cached credentials and identity id (e.g. after the user signed out). */
    public void clear() {
        synchronized (identityLock) {
            cache.clear();
            store.delete(storeKey(identityOwner));
            identityId = null;
            identityOwner = null;
        }
    }

    private Issued issue(Issued previous) {
        UserPoolSession session = user == null ? null : user.currentSession();
        String sub = session == null ? null : session.sub();
        Map<String, String> logins = session == null ? Map.of() : Map.of(loginsKey, session.idToken());
        String id = identity(sub, logins);
        GetCredentialsForIdentityResponse response;
        try {
            response = cognito.getCredentialsForIdentity(r -> r.identityId(id).logins(logins));
        } catch (ResourceNotFoundException gone) {
            // The identity was deleted (or belongs to another pool): start over once with a new one.
            LOG.debug("identity {} no longer exists; getting a new one", id);
            forgetIdentity(sub);
            String fresh = identity(sub, logins);
            response = AwsErrors.call(
                    "Getting identity-pool credentials",
                    () -> cognito.getCredentialsForIdentity(
                            r -> r.identityId(fresh).logins(logins)));
        } catch (SdkException e) {
            throw AwsErrors.map(e, "Getting identity-pool credentials");
        }
        Credentials c = response.credentials();
        if (c == null || c.accessKeyId() == null || c.secretKey() == null || c.sessionToken() == null) {
            throw new ServiceException(
                    "Cognito answered GetCredentialsForIdentity without credentials.", null, 0, null, null, List.of());
        }
        Instant expiration =
                c.expiration() != null ? c.expiration() : clock.instant().plus(Duration.ofHours(1));
        AwsSessionCredentials credentials = AwsSessionCredentials.builder()
                .accessKeyId(c.accessKeyId())
                .secretAccessKey(c.secretKey())
                .sessionToken(c.sessionToken())
                .expirationTime(expiration)
                .build();
        String issuedFor = response.identityId() != null ? response.identityId() : id;
        if (!issuedFor.equals(id)) {
            // Cognito merged identities and answered with the surviving one: use it from now on.
            rememberIdentity(issuedFor, sub);
        }
        LOG.debug(
                "issued identity-pool credentials for {} ({}), expiring {}",
                issuedFor,
                user == null ? "guest" : "authenticated",
                expiration);
        return new Issued(credentials, expiration, issuedFor, sub);
    }

    private String identity(String sub, Map<String, String> logins) {
        synchronized (identityLock) {
            if (identityId != null && Objects.equals(identityOwner, sub)) {
                return identityId;
            }
            Optional<String> stored = store.read(storeKey(sub));
            if (stored.isPresent()) {
                identityId = stored.get();
                identityOwner = sub;
                return identityId;
            }
            var response = AwsErrors.call(
                    "Getting an identity id",
                    () -> cognito.getId(r -> r.identityPoolId(identityPoolId).logins(logins)));
            rememberIdentity(response.identityId(), sub);
            return response.identityId();
        }
    }

    private void rememberIdentity(String id, String sub) {
        synchronized (identityLock) {
            identityId = id;
            identityOwner = sub;
            store.write(storeKey(sub), id);
        }
    }

    private void forgetIdentity(String sub) {
        synchronized (identityLock) {
            identityId = null;
            identityOwner = null;
            store.delete(storeKey(sub));
        }
    }

    private String storeKey(String sub) {
        return "identity:" + identityPoolId + ":" + (sub == null ? "guest" : sub);
    }

    private static String regionOf(String userPoolId) {
        int underscore = userPoolId.indexOf('_');
        return underscore > 0 ? userPoolId.substring(0, underscore) : userPoolId;
    }

    @Override
    public void close() {
        if (ownsClient) {
            cognito.close();
        }
    }

    @Override
    public String toString() {
        return "IdentityPoolCredentialsProvider[pool=" + identityPoolId + ", "
                + (user == null ? "guest" : "authenticated") + ", identityId=" + identityId + "]";
    }

    /** Builds an {@link IdentityPoolCredentialsProvider}: {@link #guest()} or {@link #user(CognitoUserPoolAuth)}. */
    public static final class Builder {
        private FieldgateConfig config;
        private String identityPoolId;
        private CognitoUserPoolAuth user;
        private boolean modeChosen;
        private CognitoIdentityClient cognitoClient;
        private SessionStore store = SessionStore.inMemory();
        private Clock clock = Clock.systemUTC();
        private Duration refreshAhead = Duration.ofMinutes(5);
        private Duration staleBefore = Duration.ofMinutes(1);

        private Builder() {}

        public Builder config(FieldgateConfig config) {
            this.config = config;
            return this;
        }

        public Builder identityPoolId(String identityPoolId) {
            this.identityPoolId = identityPoolId;
            return this;
        }

        /** Guest credentials (the pool's unauthenticated role). */
        public Builder guest() {
            this.user = null;
            this.modeChosen = true;
            return this;
        }

        /** Credentials of the user signed in to {@code auth} (the authenticated role). */
        public Builder user(CognitoUserPoolAuth auth) {
            this.user = Objects.requireNonNull(auth, "auth");
            this.modeChosen = true;
            return this;
        }

        public Builder cognitoClient(CognitoIdentityClient cognitoClient) {
            this.cognitoClient = cognitoClient;
            return this;
        }

        /** Keeps identity ids between runs (in memory by default). */
        public Builder sessionStore(SessionStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder refreshAhead(Duration refreshAhead) {
            this.refreshAhead = Objects.requireNonNull(refreshAhead, "refreshAhead");
            return this;
        }

        public Builder staleBefore(Duration staleBefore) {
            this.staleBefore = Objects.requireNonNull(staleBefore, "staleBefore");
            return this;
        }

        public IdentityPoolCredentialsProvider build() {
            if (!modeChosen) {
                throw new FieldgateConfigException("Choose guest() or user(auth) for the identity-pool credentials.");
            }
            return new IdentityPoolCredentialsProvider(this);
        }
    }
}
