package dev.fieldgate.local.cognito.internal.userpool;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.fieldgate.local.core.internal.tokens.VerifiedTokenCache;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Signs and verifies a user pool's JWTs. Like Cognito, ID and access tokens are signed with two different RS256
 * keys (so the JWKS lists two), each with a {@code kid} in Cognito's format (base64 of 32 bytes). Verification
 * accepts only RS256 with the key of the expected token type, so {@code alg: none}, HMAC tokens signed with the
 * public key, unknown kids and tampered payloads all fail before any claim is read.
 */
public final class TokenService {

    /** Why a token was refused; call sites turn this into the message their API answers. */
    public enum Rejection {
        /** Not a signed JWT at all. */
        MALFORMED,
        /** Wrong algorithm, unknown kid, or a signature that does not verify. */
        BAD_SIGNATURE,
        /** Signed by us but past its {@code exp}. */
        EXPIRED,
        /** Signed by us, but not the token type the caller needs ({@code token_use}). */
        WRONG_TOKEN_USE,
        /** {@code iss} is not this pool's issuer. */
        WRONG_ISSUER
    }

    /** A token was refused. */
    public static final class TokenRejectedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Rejection rejection;
        private final transient JWTClaimsSet claims;

        TokenRejectedException(Rejection rejection, JWTClaimsSet claims) {
            super(rejection.name(), null, false, false);
            this.rejection = rejection;
            this.claims = claims;
        }

        public Rejection rejection() {
            return rejection;
        }

        /** The verified claims, for {@link Rejection#EXPIRED} (messages quote {@code exp}); null otherwise. */
        public JWTClaimsSet claims() {
            return claims;
        }
    }

    /** How many verified tokens of each type are kept until they expire (see {@link VerifiedTokenCache}). */
    private static final int VERIFIED_TOKENS_KEPT = 4096;

    private final CompletableFuture<RSAKey> pendingIdKey;
    private final CompletableFuture<RSAKey> pendingAccessKey;
    private final Consumer<Keys> onFirstUse;
    private final Supplier<String> issuer;
    private final Clock clock;
    private volatile Keys keys;
    // Claims of tokens whose signature, type, issuer and expiry were checked; revocation is the caller's to check.
    private final VerifiedTokenCache<JWTClaimsSet> verifiedIdTokens;
    private final VerifiedTokenCache<JWTClaimsSet> verifiedAccessTokens;
    private final CompletableFuture<Void> ready;

    /** The two key pairs with their signers and verifiers. */
    record Keys(
            RSAKey idKey,
            RSAKey accessKey,
            RSASSASigner idSigner,
            RSASSASigner accessSigner,
            RSASSAVerifier idVerifier,
            RSASSAVerifier accessVerifier) {

        static Keys of(RSAKey idKey, RSAKey accessKey) {
            try {
                return new Keys(
                        idKey,
                        accessKey,
                        new RSASSASigner(idKey),
                        new RSASSASigner(accessKey),
                        new RSASSAVerifier(idKey.toRSAPublicKey()),
                        new RSASSAVerifier(accessKey.toRSAPublicKey()));
            } catch (JOSEException e) {
                throw new IllegalStateException("unusable signing key", e);
            }
        }
    }

    /**
     * @param idKey      the ID-token key, possibly still being generated
     * @param accessKey  the access-token key, possibly still being generated
     * @param onFirstUse called once, before the keys first sign, verify or are published (persists new keys, so
     *                   a key is on disk before any token signed with it exists)
     */
    TokenService(
            CompletableFuture<RSAKey> idKey,
            CompletableFuture<RSAKey> accessKey,
            Consumer<Keys> onFirstUse,
            Supplier<String> issuer,
            Clock clock) {
        this.pendingIdKey = idKey;
        this.pendingAccessKey = accessKey;
        this.onFirstUse = onFirstUse;
        this.issuer = issuer;
        this.clock = clock;
        this.verifiedIdTokens = new VerifiedTokenCache<>(VERIFIED_TOKENS_KEPT, clock);
        this.verifiedAccessTokens = new VerifiedTokenCache<>(VERIFIED_TOKENS_KEPT, clock);
        // As soon as both keys exist: build their signers and verifiers once, and persist new keys, so a stack
        // stopped before its first sign-in still keeps them and the next start generates none. On another thread:
        // the thread finishing a key must not wait for this lock, held by a request that may be waiting for it.
        this.ready = CompletableFuture.allOf(idKey, accessKey).thenRunAsync(this::keys);
    }

    /** Completes once the keys exist and new ones are written (exceptionally if generating or writing failed). */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    private Keys keys() {
        Keys ready = keys;
        if (ready == null) {
            synchronized (this) {
                ready = keys;
                if (ready == null) {
                    ready = Keys.of(pendingIdKey.join(), pendingAccessKey.join());
                    onFirstUse.accept(ready);
                    keys = ready;
                }
            }
        }
        return ready;
    }

    public String issuer() {
        return issuer.get();
    }

    /** The public JWKS: the ID-token key first, then the access-token key. */
    public Map<String, Object> jwks() {
        Keys k = keys();
        return new JWKSet(List.of(k.idKey().toPublicJWK(), k.accessKey().toPublicJWK())).toJSONObject(true);
    }

    String signId(JWTClaimsSet claims) {
        return sign(keys().idSigner(), keys().idKey(), claims);
    }

    String signAccess(JWTClaimsSet claims) {
        return sign(keys().accessSigner(), keys().accessKey(), claims);
    }

    private static String sign(RSASSASigner signer, RSAKey key, JWTClaimsSet claims) {
        // Cognito's header carries only kid and alg.
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    /**
     * Verifies a token as an access token of this pool. Revocation is not part of it: callers check the token's
     * session on every use.
     */
    public JWTClaimsSet verifyAccessToken(String token) throws TokenRejectedException {
        return verify(token, verifiedAccessTokens, "access");
    }

    /** Verifies a token as an ID token of this pool. */
    public JWTClaimsSet verifyIdToken(String token) throws TokenRejectedException {
        return verify(token, verifiedIdTokens, "id");
    }

    private JWTClaimsSet verify(String token, VerifiedTokenCache<JWTClaimsSet> verified, String tokenUse)
            throws TokenRejectedException {
        if (token == null || token.length() > VerifiedTokenCache.MAX_TOKEN_LENGTH) {
            throw new TokenRejectedException(Rejection.MALFORMED, null);
        }
        // The same token text passed every check below before and has not expired since.
        JWTClaimsSet known = verified.get(token);
        if (known != null) {
            return known;
        }
        Keys k = keys();
        boolean access = tokenUse.equals("access");
        JWTClaimsSet claims = verifySignedToken(
                token, access ? k.accessKey() : k.idKey(), access ? k.accessVerifier() : k.idVerifier(), tokenUse);
        verified.put(token, claims, claims.getExpirationTime().toInstant().toEpochMilli());
        return claims;
    }

    private JWTClaimsSet verifySignedToken(String token, RSAKey key, RSASSAVerifier verifier, String tokenUse)
            throws TokenRejectedException {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new TokenRejectedException(Rejection.MALFORMED, null);
        }
        if (!(parsed instanceof SignedJWT jwt)) {
            // An unsigned ("alg": "none") or encrypted token.
            throw new TokenRejectedException(Rejection.BAD_SIGNATURE, null);
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())
                || header.getKeyID() == null
                || !MessageDigest.isEqual(
                        header.getKeyID().getBytes(StandardCharsets.UTF_8),
                        key.getKeyID().getBytes(StandardCharsets.UTF_8))) {
            throw new TokenRejectedException(
                    isValidTokenOfOtherType(jwt, tokenUse) ? Rejection.WRONG_TOKEN_USE : Rejection.BAD_SIGNATURE, null);
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new TokenRejectedException(Rejection.BAD_SIGNATURE, null);
            }
        } catch (JOSEException e) {
            throw new TokenRejectedException(Rejection.BAD_SIGNATURE, null);
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new TokenRejectedException(Rejection.MALFORMED, null);
        }
        if (!tokenUse.equals(claims.getClaim("token_use"))) {
            throw new TokenRejectedException(Rejection.WRONG_TOKEN_USE, null);
        }
        if (!issuer.get().equals(claims.getIssuer())) {
            throw new TokenRejectedException(Rejection.WRONG_ISSUER, null);
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || !exp.toInstant().isAfter(clock.instant())) {
            throw new TokenRejectedException(Rejection.EXPIRED, claims);
        }
        return claims;
    }

    private boolean isValidTokenOfOtherType(SignedJWT jwt, String tokenUse) {
        // A genuine token of the other type (e.g. an ID token where an access token is needed).
        boolean wantAccess = tokenUse.equals("access");
        Keys k = keys();
        RSAKey other = wantAccess ? k.idKey() : k.accessKey();
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                || !other.getKeyID().equals(jwt.getHeader().getKeyID())) {
            return false;
        }
        try {
            return jwt.verify(wantAccess ? k.idVerifier() : k.accessVerifier());
        } catch (JOSEException e) {
            return false;
        }
    }

    /** OIDC {@code at_hash}: base64url of the left half of SHA-256 of the access token. */
    static String atHash(String accessToken) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static Date date(Instant instant) {
        return Date.from(instant);
    }
}
