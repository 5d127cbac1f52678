package dev.fieldgate.local.core.internal.sigv4;

import dev.fieldgate.local.core.LocalAdminCredentials;
import dev.fieldgate.local.core.internal.state.StateJson;
import dev.fieldgate.local.core.internal.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every key pair the local stack accepts SigV4 signatures from: the local administrator's long-term key
 * ({@code AKIA…}, generated on first start) and each set of temporary credentials the identity pool issues
 * ({@code ASIA…}), with the role, identity and auth type they stand for. Kept with the state, so credentials stay
 * valid across a restart until they expire. The role sessions of the stack's own services (the resolver function's
 * execution role) are kept in memory only: each start hands the function new ones.
 */
public final class CredentialsRegistry {

    private static final String ACCOUNT_DOC = "iam/account.json";
    private static final String CREDENTIALS_DOC = "iam/credentials.json";
    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final StateStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final String accountId;
    private final LocalAdminCredentials administrator;
    private final Map<String, IssuedCredentials> issued = new ConcurrentHashMap<>();
    private final Map<String, IssuedCredentials> serviceRoleSessions = new ConcurrentHashMap<>();

    public CredentialsRegistry(StateStore store, Clock clock, SecureRandom random) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        AccountDoc account =
                StateJson.read(store, ACCOUNT_DOC, AccountDoc.class).orElse(null);
        if (account == null) {
            account = new AccountDoc();
            account.accountId = randomAccountId();
            account.adminAccessKeyId = "AKIA" + randomKeyChars(16);
            account.adminSecretAccessKey = randomSecret();
            StateJson.write(store, ACCOUNT_DOC, account);
        }
        this.accountId = account.accountId;
        this.administrator = new LocalAdminCredentials(account.adminAccessKeyId, account.adminSecretAccessKey);
        StateJson.read(store, CREDENTIALS_DOC, CredentialsDoc.class).ifPresent(doc -> {
            Instant now = clock.instant();
            for (IssuedDoc d : doc.credentials) {
                IssuedCredentials c = d.toCredentials();
                if (c.expiration().isAfter(now)) {
                    issued.put(c.accessKeyId(), c);
                }
            }
        });
    }

    /** The local 12-digit AWS account id that every local ARN carries. */
    public String accountId() {
        return accountId;
    }

    public LocalAdminCredentials administrator() {
        return administrator;
    }

    /** A fresh role unique id ({@code AROA} + 17 characters), as IAM gives each role. */
    public String newRoleId() {
        return "AROA" + randomKeyChars(17);
    }

    /** Issued credentials and the session token, which is handed to the caller once and kept only as a hash. */
    public record Issued(IssuedCredentials credentials, String sessionToken) {
        @Override
        public String toString() {
            return "Issued[" + credentials + ", sessionToken=<hidden>]";
        }
    }

    /**
     * Creates temporary credentials for an identity-pool identity.
     *
     * @param expiration when they expire (Cognito issues one hour)
     */
    public Issued issue(
            String roleArn,
            String roleId,
            String identityPoolId,
            String identityId,
            CognitoAuthType authType,
            List<String> loginProviders,
            Instant expiration) {
        return issue(
                roleArn,
                roleId,
                identityPoolId,
                identityId,
                authType,
                loginProviders,
                expiration,
                IssuedCredentials.COGNITO_SESSION_NAME);
    }

    /** Creates temporary credentials with a role session name of the caller's choosing (STS's web identity flow). */
    public synchronized Issued issue(
            String roleArn,
            String roleId,
            String identityPoolId,
            String identityId,
            CognitoAuthType authType,
            List<String> loginProviders,
            Instant expiration,
            String sessionName) {
        String sessionToken = randomSessionToken();
        IssuedCredentials credentials = new IssuedCredentials(
                "ASIA" + randomKeyChars(16),
                randomSecret(),
                sha256Hex(sessionToken),
                expiration,
                accountId,
                roleArn,
                roleId,
                identityPoolId,
                identityId,
                authType,
                loginProviders,
                sessionName);
        issued.put(credentials.accessKeyId(), credentials);
        pruneExpired();
        persist();
        return new Issued(credentials, sessionToken);
    }

    /**
     * Creates temporary credentials for a role a service of the stack runs with, as Lambda hands a function its
     * execution role's credentials. They are not written to the state: they end with the stack.
     *
     * @param sessionName the role session name (Lambda's is the function's name)
     * @param expiration  when they expire
     */
    public Issued issueServiceRoleSession(String roleArn, String roleId, String sessionName, Instant expiration) {
        String sessionToken = randomSessionToken();
        IssuedCredentials credentials = new IssuedCredentials(
                "ASIA" + randomKeyChars(16),
                randomSecret(),
                sha256Hex(sessionToken),
                expiration,
                accountId,
                roleArn,
                roleId,
                null,
                null,
                null,
                List.of(),
                sessionName);
        serviceRoleSessions.put(credentials.accessKeyId(), credentials);
        return new Issued(credentials, sessionToken);
    }

    /** Issued credentials by access key id (also after they expired, until they are pruned). */
    public Optional<IssuedCredentials> findIssued(String accessKeyId) {
        IssuedCredentials found = issued.get(accessKeyId);
        return Optional.ofNullable(found != null ? found : serviceRoleSessions.get(accessKeyId));
    }

    boolean sessionTokenMatches(IssuedCredentials credentials, String presentedToken) {
        return presentedToken != null
                && MessageDigest.isEqual(
                        credentials.sessionTokenSha256().getBytes(StandardCharsets.US_ASCII),
                        sha256Hex(presentedToken).getBytes(StandardCharsets.US_ASCII));
    }

    private void pruneExpired() {
        Instant now = clock.instant();
        issued.values().removeIf(c -> c.expiration().isBefore(now));
    }

    private void persist() {
        if (!store.isPersistent()) {
            return;
        }
        CredentialsDoc doc = new CredentialsDoc();
        for (IssuedCredentials c : issued.values()) {
            doc.credentials.add(IssuedDoc.of(c));
        }
        StateJson.write(store, CREDENTIALS_DOC, doc);
    }

    private String randomAccountId() {
        StringBuilder id = new StringBuilder();
        id.append(1 + random.nextInt(9));
        for (int i = 1; i < 12; i++) {
            id.append(random.nextInt(10));
        }
        return id.toString();
    }

    private String randomKeyChars(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = KEY_ALPHABET[random.nextInt(KEY_ALPHABET.length)];
        }
        return new String(chars);
    }

    private String randomSecret() {
        byte[] bytes = new byte[30];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private String randomSessionToken() {
        byte[] bytes = new byte[300];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String sha256Hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static final class AccountDoc {
        String accountId;
        String adminAccessKeyId;
        String adminSecretAccessKey;
    }

    private static final class CredentialsDoc {
        List<IssuedDoc> credentials = new ArrayList<>();
    }

    private static final class IssuedDoc {
        String accessKeyId;
        String secretAccessKey;
        String sessionTokenSha256;
        long expirationMillis;
        String accountId;
        String roleArn;
        String roleId;
        String identityPoolId;
        String identityId;
        CognitoAuthType authType;
        List<String> loginProviders;
        String sessionName;

        static IssuedDoc of(IssuedCredentials c) {
            IssuedDoc d = new IssuedDoc();
            d.accessKeyId = c.accessKeyId();
            d.secretAccessKey = c.secretAccessKey();
            d.sessionTokenSha256 = c.sessionTokenSha256();
            d.expirationMillis = c.expiration().toEpochMilli();
            d.accountId = c.accountId();
            d.roleArn = c.roleArn();
            d.roleId = c.roleId();
            d.identityPoolId = c.identityPoolId();
            d.identityId = c.identityId();
            d.authType = c.authType();
            d.loginProviders = c.loginProviders();
            d.sessionName = c.sessionName();
            return d;
        }

        IssuedCredentials toCredentials() {
            return new IssuedCredentials(
                    accessKeyId,
                    secretAccessKey,
                    sessionTokenSha256,
                    Instant.ofEpochMilli(expirationMillis),
                    accountId,
                    roleArn,
                    roleId,
                    identityPoolId,
                    identityId,
                    authType,
                    loginProviders,
                    sessionName);
        }
    }
}
