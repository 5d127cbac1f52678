package dev.fieldgate.local.cognito;

import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.OutputsFile;
import dev.fieldgate.local.cognito.internal.CognitoOutputs;
import dev.fieldgate.local.cognito.internal.CognitoStack;
import dev.fieldgate.local.cognito.internal.identitypool.IdentityPool;
import dev.fieldgate.local.cognito.internal.identitypool.IdentityWellKnown;
import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.core.LocalAdminCredentials;
import dev.fieldgate.local.core.LocalConfigException;
import dev.fieldgate.local.core.LocalStackException;
import dev.fieldgate.local.core.LocalStateException;
import dev.fieldgate.local.core.internal.http.LocalHttpServer;
import dev.fieldgate.local.core.internal.state.DirectoryStateStore;
import dev.fieldgate.local.core.internal.state.MemoryStateStore;
import dev.fieldgate.local.core.internal.state.StateStore;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Amazon Cognito on one HTTP port: a user pool (API, SRP, tokens, JWKS, hosted UI) and an identity pool
 * that the AWS SDKs and Amplify's clients use unchanged, pointed at {@link #endpoint()}.
 *
 * <pre>{@code
 * try (LocalCognito cognito = LocalCognito.builder()
 *         .appConfigFile(Path.of("fieldgate.json"))
 *         .stateDirectory(Path.of(".fieldgate/state"))
 *         .start()) {
 *     CognitoIdentityProviderClient idp = CognitoIdentityProviderClient.builder()
 *             .endpointOverride(cognito.endpoint())
 *             .region(Region.of(cognito.region()))
 *             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
 *                     cognito.adminCredentials().accessKeyId(), cognito.adminCredentials().secretAccessKey())))
 *             .build();
 * }
 * }</pre>
 *
 * An instance is a running stack; {@link #close()} stops it (state in a directory stays for the next start).
 */
public final class LocalCognito implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCognito.class);

    private final LocalHttpServer server;
    private final StateStore store;
    private final CognitoStack stack;
    private final Duration startupTime;
    private final boolean owned;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private LocalCognito(
            LocalHttpServer server, StateStore store, CognitoStack stack, Duration startupTime, boolean owned) {
        this.server = server;
        this.store = store;
        this.stack = stack;
        this.startupTime = startupTime;
        this.owned = owned;
    }

    /**
     * The Cognito part of a {@code LocalStack}: the stack owns the server and the state, so closing this does nothing.
     * For the stack's assembly only: its parameters are internal types.
     */
    public static LocalCognito partOf(
            LocalHttpServer server, StateStore store, CognitoStack stack, Duration startupTime) {
        return new LocalCognito(server, store, stack, startupTime, false);
    }

    /** A builder with the defaults: in-memory state, a free port on 127.0.0.1, AWS-shaped issuer. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ where

    /** The base URL of every endpoint: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return server.baseUri();
    }

    public int port() {
        return server.port();
    }

    /** The endpoint override for the Cognito user pool API ({@code cognito-idp}); the same as {@link #endpoint()}. */
    public URI cognitoIdpEndpoint() {
        return endpoint();
    }

    /** The endpoint override for the identity pool API ({@code cognito-identity}); the same as {@link #endpoint()}. */
    public URI cognitoIdentityEndpoint() {
        return endpoint();
    }

    /** The hosted UI's base URL ({@code /oauth2/authorize}, {@code /login}, {@code /oauth2/token}, ...). */
    public URI oauthBaseUri() {
        return endpoint();
    }

    /** {@code <endpoint>/<userPoolId>/.well-known/jwks.json}. */
    public URI jwksUri() {
        return URI.create(endpoint() + "/" + userPoolId() + "/.well-known/jwks.json");
    }

    /** {@code <endpoint>/<userPoolId>/.well-known/openid-configuration}. */
    public URI openIdConfigurationUri() {
        return URI.create(endpoint() + "/" + userPoolId() + "/.well-known/openid-configuration");
    }

    /** The identity pool's OpenID token keys ({@code GetOpenIdToken}). */
    public URI identityJwksUri() {
        return URI.create(endpoint() + IdentityWellKnown.PATH);
    }

    // ------------------------------------------------------------------ what

    public AppConfig config() {
        return stack.config();
    }

    public String region() {
        return stack.config().region();
    }

    /** The local 12-digit account id in every ARN. */
    public String accountId() {
        return stack.registry().accountId();
    }

    /** The user pool id, {@code <region>_<suffix>}, stable across restarts with a state directory. */
    public String userPoolId() {
        return stack.userPool().id();
    }

    /** The {@code iss} claim of the pool's tokens. */
    public String issuer() {
        return stack.userPool().issuer();
    }

    /** The id of an app client, by its name in the config. */
    public String clientId(String clientName) {
        return stack.userPool()
                .clientByName(clientName)
                .map(UserPool.ClientRuntime::clientId)
                .orElseThrow(() -> new LocalConfigException("No app client named '" + clientName + "'; the config has "
                        + clientIds().keySet() + "."));
    }

    /** Every app client's id by name, in config order (the first is the outputs file's {@code user_pool_client_id}). */
    public Map<String, String> clientIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        stack.userPool().clients().forEach(c -> ids.put(c.config().name(), c.clientId()));
        return ids;
    }

    /**
     * The secret of a confidential app client, for local tooling and tests (never written to the outputs file).
     * Empty for public clients.
     */
    public Optional<String> clientSecret(String clientName) {
        return stack.userPool().clientByName(clientName).map(UserPool.ClientRuntime::clientSecret);
    }

    /** The identity pool id, {@code <region>:<uuid>}, if the config declares an identity pool. */
    public Optional<String> identityPoolId() {
        return stack.identityPool().map(IdentityPool::id);
    }

    /** {@code arn:aws:iam::<account>:role/<app>-guest}, if the identity pool lets guests in. */
    public Optional<String> guestRoleArn() {
        return stack.identityPool().flatMap(IdentityPool::guestRoleArn);
    }

    /** {@code arn:aws:iam::<account>:role/<app>-authenticated}, if there is an identity pool. */
    public Optional<String> authenticatedRoleArn() {
        return stack.identityPool().map(IdentityPool::authenticatedRoleArn);
    }

    /** The local administrator's key pair, for admin operations (SigV4, service {@code cognito-idp}). */
    public LocalAdminCredentials adminCredentials() {
        return stack.registry().administrator();
    }

    /**
     * The outputs file's Cognito part ({@code auth}, the app clients' ids, the roles, the endpoints), which SDKs and
     * Amplify configure from; whoever runs an API adds {@code data} with {@code toBuilder()}. No secrets.
     */
    public OutputsFile outputs() {
        return CognitoOutputs.of(this);
    }

    /** Verification codes and invitations the pool sent. */
    public LocalOutbox outbox() {
        return stack.outbox();
    }

    /** The state directory, if state is persisted. */
    public Optional<Path> stateDirectory() {
        return store instanceof DirectoryStateStore d ? Optional.of(d.root()) : Optional.empty();
    }

    /** How long {@link Builder#start()} took, from reading the state to listening. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Stops listening and releases the state directory. Closing twice does nothing the second time; the Cognito part
     * of a {@code LocalStack} is closed with the stack.
     */
    @Override
    public void close() {
        if (!owned || !closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } finally {
            try {
                stack.awaitKeysWritten();
            } finally {
                store.close();
            }
        }
    }

    @Override
    public String toString() {
        return "LocalCognito[" + endpoint() + ", userPool=" + userPoolId() + ", identityPool="
                + identityPoolId().orElse("none") + "]";
    }

    private static LocalHttpServer joinServer(CompletableFuture<LocalHttpServer> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** Configures a {@link LocalCognito}: a mutable builder, as the AWS SDK's; {@link #start()} makes the stack. */
    public static final class Builder {

        private AppConfig config;
        private Path configFile;
        private Path stateDirectory;
        private int port;
        private String bindAddress = "127.0.0.1";
        private IssuerStyle issuerStyle = IssuerStyle.AWS;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Pools, clients and groups from an app's {@code fieldgate.json}. */
        public Builder appConfigFile(Path file) {
            this.configFile = Objects.requireNonNull(file, "file");
            this.config = null;
            return this;
        }

        /** Pools, clients and groups built in code. */
        public Builder config(AppConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            this.configFile = null;
            return this;
        }

        /** Keep state in memory only (the default): everything is gone after {@link LocalCognito#close()}. */
        public Builder inMemory() {
            this.stateDirectory = null;
            return this;
        }

        /**
         * Keep state in a directory (created if missing): users, tokens' signing keys, issued credentials and the
         * outbox survive a restart. Writes are atomic; one stack at a time may use a directory.
         */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new LocalConfigException("port must be 0 to 65535, not " + port + ".");
            }
            this.port = port;
            return this;
        }

        /** The address to bind; 127.0.0.1 by default, so nothing outside this machine can reach the stack. */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        /** What tokens carry in {@code iss}; {@link IssuerStyle#AWS} by default. */
        public Builder issuerStyle(IssuerStyle issuerStyle) {
            this.issuerStyle = Objects.requireNonNull(issuerStyle, "issuerStyle");
            return this;
        }

        /** The clock for token lifetimes, code expiry and lockout (tests pass one they control). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Opens the state, applies the config and starts listening.
         *
         * @throws dev.fieldgate.config.ConfigException if the app config file is missing or invalid
         * @throws LocalConfigException if no config was given, or it asks for what the local pool cannot do (MFA)
         * @throws LocalStateException  if the state directory cannot be used
         * @throws LocalStackException  if the port cannot be bound
         */
        public LocalCognito start() {
            long started = System.nanoTime();
            AppConfig effective = config != null ? config : configFile != null ? AppConfig.read(configFile) : null;
            if (effective == null) {
                throw new LocalConfigException("No Cognito config: call appConfigFile(path) or config(config).");
            }
            if (!"OFF".equals(effective.userPool().mfa())) {
                // The local user pool implements no MFA factor; refusing beats silently skipping a second factor.
                throw new LocalConfigException(
                        "userPool.mfa '" + effective.userPool().mfa() + "' is not supported "
                                + "by the local stack yet; set it to OFF for local runs.");
            }
            StateStore store =
                    stateDirectory == null ? new MemoryStateStore() : new DirectoryStateStore(stateDirectory);
            // Loading Jetty's classes and opening the state (which may generate keys) are independent; overlap them.
            CompletableFuture<LocalHttpServer> newServer =
                    CompletableFuture.supplyAsync(() -> new LocalHttpServer(bindAddress, port));
            LocalHttpServer server = null;
            CognitoStack stack = null;
            try {
                AtomicReference<URI> base = new AtomicReference<>();
                try {
                    stack = CognitoStack.open(effective, store, clock, new SecureRandom(), issuerStyle, base::get);
                } catch (RuntimeException e) {
                    server = newServer.exceptionally(failure -> null).join();
                    throw e;
                }
                server = joinServer(newServer);
                stack.registerInto(server.router());
                server.start();
                base.set(server.baseUri());
                LocalCognito cognito =
                        new LocalCognito(server, store, stack, Duration.ofNanos(System.nanoTime() - started), true);
                // Ids and the administrator's key id only: the secret is for the handle and local tooling.
                LOG.info(
                        "Local Cognito on {} (user pool {}, identity pool {}, admin access key {}) started in {} ms",
                        cognito.endpoint(),
                        cognito.userPoolId(),
                        cognito.identityPoolId().orElse("none"),
                        cognito.adminCredentials().accessKeyId(),
                        cognito.startupTime().toMillis());
                return cognito;
            } catch (RuntimeException e) {
                if (server != null) {
                    try {
                        server.close();
                    } catch (RuntimeException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                if (stack != null) {
                    stack.awaitKeysWritten();
                }
                store.close();
                throw e;
            }
        }
    }
}
