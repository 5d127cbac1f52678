package dev.fieldgate.local.appsync.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.fieldgate.local.core.internal.tokens.VerifiedTokenCache;
import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.DefaultAction;
import dev.fieldgate.policy.Principal;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Verifies a Cognito user pool token as AppSync does for {@code AMAZON_COGNITO_USER_POOLS}: an RS256 JWT signed by a
 * key of the pool's JWKS, issued by the pool, not expired, an ID or access token, and issued to an app client the
 * API's {@code AppIdClientRegex} accepts ({@code aud} of ID tokens, {@code client_id} of access tokens). The token
 * may come raw or after {@code Bearer }.
 *
 * <p>Like AppSync, revocation is not checked: a token revoked by GlobalSignOut stays valid here until it expires
 * (observed on AppSync; whether it still behaves so today is not documented).
 */
public final class UserPoolTokenVerifier {

    // Observed AppSync messages: a header that is not a JWT at all.
    static final String UNPARSABLE = "Unable to parse JWT token.";
    // UNCONFIRMED: AppSync's text for a JWT it parses but refuses (bad signature, other pool, other client) is not
    // documented; this is its message for an unusable Authorization header.
    static final String INVALID = "Valid authorization header not provided.";
    // UNCONFIRMED: the text AppSync sends for an expired token is not documented; this one is commonly reported.
    static final String EXPIRED = "Token has expired.";

    private final String issuer;
    private final Supplier<Map<String, Object>> jwks;
    private final Pattern clientIdPattern;
    private final DefaultAction defaultAction;
    private final Clock clock;
    private volatile Map<String, RSASSAVerifier> verifiers;
    private final VerifiedTokenCache<Verified> verified;

    /** How many verified tokens are kept until they expire (see {@link VerifiedTokenCache}). */
    private static final int VERIFIED_TOKENS_KEPT = 4096;

    /** What verifying a token found: everything about it that cannot change before it expires. */
    private record Verified(JWTClaimsSet claims, Map<String, Object> claimMap, String sub, long expiresAtMillis) {}

    /**
     * @param issuer          the pool's {@code iss}
     * @param jwks            the pool's public JWKS (read once, on first use: keys may still be generating)
     * @param clientIdPattern the API's AppIdClientRegex, or null to accept every client of the pool
     */
    public UserPoolTokenVerifier(
            String issuer,
            Supplier<Map<String, Object>> jwks,
            Pattern clientIdPattern,
            DefaultAction defaultAction,
            Clock clock) {
        this.issuer = issuer;
        this.jwks = jwks;
        this.clientIdPattern = clientIdPattern;
        this.defaultAction = defaultAction;
        this.clock = clock;
        this.verified = new VerifiedTokenCache<>(VERIFIED_TOKENS_KEPT, clock);
    }

    private Map<String, RSASSAVerifier> verifiers() {
        Map<String, RSASSAVerifier> ready = verifiers;
        if (ready == null) {
            Map<String, RSASSAVerifier> built = new HashMap<>();
            try {
                for (JWK key : JWKSet.parse(jwks.get()).getKeys()) {
                    if (key instanceof RSAKey rsa && key.getKeyID() != null) {
                        built.put(key.getKeyID(), new RSASSAVerifier(rsa.toRSAPublicKey()));
                    }
                }
            } catch (ParseException | JOSEException e) {
                throw new IllegalStateException("the user pool's JWKS is not usable", e);
            }
            verifiers = ready = Map.copyOf(built);
        }
        return ready;
    }

    /**
     * Verifies a user-pool token as AppSync does.
     *
     * @param authorization the Authorization header's value
     * @param sourceIp      the caller's address, for the identity's {@code sourceIp}
     * @throws AppSyncRequestException 401 for any token AppSync would refuse
     */
    public Caller verify(String authorization, String sourceIp) {
        String token = authorization.trim();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).trim();
        }
        if (token.length() > VerifiedTokenCache.MAX_TOKEN_LENGTH) {
            throw AppSyncRequestException.unauthorized(UNPARSABLE);
        }
        // A token whose exact text passed every check before and has not expired since: its signature is not
        // checked again. AppSync checks no revocation, so nothing else about it can have changed.
        Verified known = verified.get(token);
        if (known == null) {
            known = verifyToken(token);
            verified.put(token, known, known.expiresAtMillis());
        }
        return caller(known, sourceIp);
    }

    private Verified verifyToken(String token) {
        JWT parsed;
        JWTClaimsSet claims;
        try {
            parsed = JWTParser.parse(token);
            claims = parsed.getJWTClaimsSet();
        } catch (ParseException | IllegalArgumentException e) {
            throw AppSyncRequestException.unauthorized(UNPARSABLE);
        }
        if (!(parsed instanceof SignedJWT jwt)) {
            // An unsigned ("alg": "none") or encrypted token: readable, but nothing vouches for it.
            throw AppSyncRequestException.unauthorized(INVALID);
        }
        JWSHeader header = jwt.getHeader();
        RSASSAVerifier verifier = header.getKeyID() == null ? null : verifiers().get(header.getKeyID());
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm()) || verifier == null) {
            throw AppSyncRequestException.unauthorized(INVALID);
        }
        try {
            if (!jwt.verify(verifier)) {
                throw AppSyncRequestException.unauthorized(INVALID);
            }
        } catch (JOSEException e) {
            throw AppSyncRequestException.unauthorized(INVALID);
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw AppSyncRequestException.unauthorized(INVALID);
        }
        Object tokenUse = claims.getClaim("token_use");
        String client;
        if ("id".equals(tokenUse)) {
            List<String> audience = claims.getAudience();
            client = audience == null || audience.size() != 1 ? null : audience.get(0);
        } else if ("access".equals(tokenUse)) {
            client = stringClaim(claims, "client_id");
        } else {
            throw AppSyncRequestException.unauthorized(INVALID);
        }
        if (client == null
                || (clientIdPattern != null && !clientIdPattern.matcher(client).matches())) {
            throw AppSyncRequestException.unauthorized(INVALID);
        }
        // Nimbus hands out java.util.Date; convert at the boundary.
        Date expiry = claims.getExpirationTime();
        Instant expiration = expiry == null ? null : expiry.toInstant();
        if (expiration == null || !expiration.isAfter(clock.instant())) {
            throw AppSyncRequestException.unauthorized(EXPIRED);
        }
        String sub = claims.getSubject();
        if (sub == null || sub.isBlank()) {
            throw AppSyncRequestException.unauthorized(INVALID);
        }
        return new Verified(
                claims,
                Collections.unmodifiableMap(new LinkedHashMap<>(claims.toJSONObject())),
                sub,
                expiration.toEpochMilli());
    }

    private Caller caller(Verified token, String sourceIp) {
        JWTClaimsSet claims = token.claims();
        String sub = token.sub();
        long expiresAt = token.expiresAtMillis();
        Map<String, Object> claimMap = new LinkedHashMap<>(token.claimMap());
        // ID tokens name the user in cognito:username, access tokens in username.
        String username = stringClaim(claims, "cognito:username");
        if (username == null) {
            username = stringClaim(claims, "username");
        }
        List<String> groups = new ArrayList<>();
        Object groupClaim = claims.getClaim(Principal.GROUPS_CLAIM);
        if (groupClaim instanceof Collection<?> values) {
            values.forEach(v -> groups.add(String.valueOf(v)));
        }
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("claims", claimMap);
        identity.put("defaultAuthStrategy", defaultAction.name());
        identity.put("groups", groups.isEmpty() ? null : List.copyOf(groups));
        identity.put("issuer", claims.getIssuer());
        identity.put("sourceIp", List.of(sourceIp));
        identity.put("sub", sub);
        identity.put("username", username);
        Principal principal = Principal.userPool(sub, username, groups, claimMap);
        return new Caller(AuthMode.AMAZON_COGNITO_USER_POOLS, principal, identity, null, false, expiresAt);
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s ? s : null;
    }

    @Override
    public String toString() {
        return "UserPoolTokenVerifier[" + issuer + ", clients="
                + (clientIdPattern == null ? "any" : clientIdPattern.pattern()) + "]";
    }
}
