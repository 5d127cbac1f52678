package dev.fieldgate.local.controlplane.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.fieldgate.local.cognito.internal.identitypool.IdentityPool;
import dev.fieldgate.local.controlplane.internal.QueryProtocol.QueryException;
import dev.fieldgate.local.controlplane.internal.QueryProtocol.Xml;
import dev.fieldgate.local.core.internal.http.ExchangeHandler;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import dev.fieldgate.local.core.internal.sigv4.CognitoAuthType;
import dev.fieldgate.local.core.internal.sigv4.CredentialsRegistry;
import dev.fieldgate.local.core.internal.sigv4.SigV4Exception;
import dev.fieldgate.local.core.internal.sigv4.SigV4Verifier;
import dev.fieldgate.local.core.internal.sigv4.SignedHttpRequest;
import dev.fieldgate.local.core.internal.sigv4.VerifiedCaller;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * STS (AWS Query protocol, signing name {@code sts}): GetCallerIdentity for any valid credentials, and
 * AssumeRoleWithWebIdentity for the identity pool's basic (classic) flow, with the OpenID tokens of
 * {@code GetOpenIdToken} verified against the pool's keys and the roles' trust policies as Terraform writes them
 * (audience = the pool, {@code amr} = authenticated or unauthenticated).
 */
final class StsApi implements ExchangeHandler {

    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    static final Set<String> ACTIONS = Set.of("GetCallerIdentity", "AssumeRoleWithWebIdentity");
    static final String COGNITO_PROVIDER = "cognito-identity.amazonaws.com";
    private static final Logger LOG = LoggerFactory.getLogger(StsApi.class);
    private static final Pattern SCOPE_REGION =
            Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([^/,\\s]+)/sts/aws4_request");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    /** The roles' MaxSessionDuration (IAM's default, which the Terraform module keeps). */
    private static final Duration MAX_SESSION = Duration.ofHours(1);

    private final SigV4Verifier verifier;
    private final CredentialsRegistry registry;
    private final IdentityPool identityPool;
    private final IamRoles roles;
    private final String region;
    private final String adminUserId;
    private final Clock clock;

    StsApi(
            SigV4Verifier verifier,
            CredentialsRegistry registry,
            IdentityPool identityPool,
            IamRoles roles,
            String region,
            Clock clock) {
        this.verifier = verifier;
        this.registry = registry;
        this.identityPool = identityPool;
        this.roles = roles;
        this.region = region;
        this.clock = clock;
        this.adminUserId = "AIDA"
                + ControlPlane.stableId(
                        registry.accountId() + "/user/"
                                + registry.administrator().accessKeyId(),
                        17);
    }

    @Override
    public void handle(HttpExchange exchange) throws Exception {
        String action = "";
        try {
            action = exchange.formParam("Action").orElse("");
            dev.fieldgate.local.core.internal.requests.RequestNote.of(exchange.jettyRequest())
                    .operation(action);
            switch (action) {
                case "GetCallerIdentity" ->
                    QueryProtocol.respond(exchange, NAMESPACE, action, getCallerIdentity(exchange));
                case "AssumeRoleWithWebIdentity" ->
                    QueryProtocol.respond(exchange, NAMESPACE, action, assumeRoleWithWebIdentity(exchange));
                default -> {
                    verify(exchange);
                    throw new QueryException(
                            "InvalidAction",
                            400,
                            "Could not find operation " + action + " for version "
                                    + exchange.formParam("Version").orElse("NO_VERSION_SPECIFIED"));
                }
            }
        } catch (QueryException e) {
            QueryProtocol.respondError(exchange, NAMESPACE, e);
        } catch (HttpExchange.BodyTooLargeException e) {
            QueryProtocol.respondError(exchange, NAMESPACE, QueryProtocol.validation("The request is too large."));
        } catch (RuntimeException e) {
            LOG.error("STS {} failed with {}", action, e.getClass().getName(), e);
            QueryProtocol.respondError(
                    exchange, NAMESPACE, new QueryException("InternalFailure", 500, "An internal error occurred."));
        }
    }

    /**
     * The local endpoint stands for both STS's regional endpoint (signed for the stack's region) and its global one
     * (signed for us-east-1), so clients configured either way work.
     */
    private VerifiedCaller verify(HttpExchange exchange) throws Exception {
        SignedHttpRequest request = SignedHttpRequest.from(exchange);
        String signedFor = request.header("Authorization")
                .map(SCOPE_REGION::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .orElse(region);
        try {
            return verifier.verify(request, "sts", signedFor.equals("us-east-1") ? signedFor : region);
        } catch (SigV4Exception e) {
            throw QueryProtocol.signatureError(e);
        }
    }

    private Xml getCallerIdentity(HttpExchange exchange) throws Exception {
        VerifiedCaller caller = verify(exchange);
        String userId = caller.isAdministrator()
                ? adminUserId
                : caller.credentials().map(c -> c.username()).orElseThrow();
        return new Xml().element("Arn", caller.arn()).element("UserId", userId).element("Account", caller.accountId());
    }

    private Xml assumeRoleWithWebIdentity(HttpExchange exchange) throws Exception {
        // An unsigned operation: the web identity token is the credential.
        String roleArn = QueryProtocol.requiredParam(exchange, "RoleArn");
        String sessionName = QueryProtocol.requiredParam(exchange, "RoleSessionName");
        String token = QueryProtocol.requiredParam(exchange, "WebIdentityToken");
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw QueryProtocol.validation("1 validation error detected: Value '" + sessionName + "' at"
                    + " 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression"
                    + " pattern: [\\w+=,.@-]*");
        }
        if (exchange.formParam("Policy").isPresent()
                || exchange.formParams().keySet().stream().anyMatch(k -> k.startsWith("PolicyArns."))) {
            // Refused rather than ignored: ignoring a session policy would hand out wider credentials than asked.
            throw QueryProtocol.validation(
                    "Session policies (Policy, PolicyArns) are not supported by the local" + " STS.");
        }
        Duration duration = MAX_SESSION;
        Optional<String> durationParam = exchange.formParam("DurationSeconds");
        if (durationParam.isPresent()) {
            long seconds;
            try {
                seconds = Long.parseLong(durationParam.get());
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 900 || seconds > 43200) {
                throw QueryProtocol.validation("1 validation error detected: Value '" + durationParam.get()
                        + "' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900"
                        + " and 43200");
            }
            if (seconds > MAX_SESSION.toSeconds()) {
                throw QueryProtocol.validation(
                        "The requested DurationSeconds exceeds the MaxSessionDuration set for" + " this role.");
            }
            duration = Duration.ofSeconds(seconds);
        }
        JWTClaimsSet claims = verifyToken(token);
        List<String> amr = stringList(claims.getClaim("amr"));
        String kind = amr.contains("authenticated")
                ? "authenticated"
                : amr.contains("unauthenticated") ? "unauthenticated" : null;
        IamRoles.Role role = roles.roleByArn(roleArn).orElse(null);
        if (identityPool == null
                || role == null
                || kind == null
                || !kind.equals(role.amr())
                || !claims.getAudience().contains(identityPool.id())) {
            // The trust policy (audience = this pool, amr = the role's kind of identity) does not admit the token.
            throw new QueryException("AccessDenied", 403, "Not authorized to perform sts:AssumeRoleWithWebIdentity");
        }
        boolean authenticated = kind.equals("authenticated");
        List<String> providers = new ArrayList<>(amr.subList(1, amr.size()));
        Instant expiration = clock.instant().plus(duration);
        CredentialsRegistry.Issued issued = registry.issue(
                role.arn(),
                role.roleId(),
                identityPool.id(),
                claims.getSubject(),
                authenticated ? CognitoAuthType.AUTHENTICATED : CognitoAuthType.UNAUTHENTICATED,
                providers,
                expiration,
                sessionName);
        return new Xml()
                .open("Credentials")
                .element("AccessKeyId", issued.credentials().accessKeyId())
                .element("SecretAccessKey", issued.credentials().secretAccessKey())
                .element("SessionToken", issued.sessionToken())
                .element("Expiration", QueryProtocol.timestamp(expiration))
                .close("Credentials")
                .element("SubjectFromWebIdentityToken", claims.getSubject())
                .open("AssumedRoleUser")
                .element("AssumedRoleId", issued.credentials().username())
                .element("Arn", issued.credentials().assumedRoleArn())
                .close("AssumedRoleUser")
                .element("Provider", COGNITO_PROVIDER)
                .element("Audience", identityPool.id());
    }

    /** Verifies an OpenID token of the identity pool: RS512 with the pool's key, its issuer, not expired. */
    private JWTClaimsSet verifyToken(String token) {
        if (identityPool == null) {
            throw invalidToken("The ID Token provided is not a valid JWT.");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalidToken("The ID Token provided is not a valid JWT. (You may see this error if you sent an"
                    + " Access Token)");
        }
        if (!IdentityPool.OPEN_ID_ISSUER.equals(claims.getIssuer())) {
            // An issuer without an IAM OIDC provider in the account.
            throw invalidToken("No OpenIDConnect provider found in your account for " + claims.getIssuer());
        }
        boolean verified = false;
        try {
            JWKSet keys = JWKSet.parse(identityPool.openIdJwks());
            if (JWSAlgorithm.RS512.equals(jwt.getHeader().getAlgorithm())) {
                for (var key : keys.getKeys()) {
                    if (key instanceof RSAKey rsa
                            && key.getKeyID() != null
                            && key.getKeyID().equals(jwt.getHeader().getKeyID())
                            && jwt.verify(new RSASSAVerifier(rsa))) {
                        verified = true;
                    }
                }
            }
        } catch (ParseException | JOSEException e) {
            verified = false;
        }
        if (!verified) {
            throw invalidToken("Couldn't verify signed token.");
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null
                || !claims.getExpirationTime().toInstant().isAfter(now)) {
            throw new QueryException(
                    "ExpiredTokenException",
                    400,
                    "Token expired: current date/time "
                            + now.getEpochSecond() + " must be before the expiration date/time "
                            + (claims.getExpirationTime() == null
                                    ? 0
                                    : claims.getExpirationTime().toInstant().getEpochSecond()));
        }
        if (claims.getAudience() == null || claims.getSubject() == null) {
            throw invalidToken("The ID Token provided is missing a required claim.");
        }
        return claims;
    }

    private static List<String> stringList(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof List<?> list) {
            list.forEach(v -> values.add(String.valueOf(v)));
        }
        return values;
    }

    private static QueryException invalidToken(String message) {
        return new QueryException("InvalidIdentityToken", 400, message);
    }
}
