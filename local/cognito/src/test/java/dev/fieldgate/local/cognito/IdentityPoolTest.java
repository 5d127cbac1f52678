package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.fieldgate.config.AppConfig;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

/** The identity pool through the AWS SDK for Java v2 CognitoIdentityClient. */
class IdentityPoolTest extends CognitoTestBase {

    private String poolId() {
        return cognito.identityPoolId().orElseThrow();
    }

    private String provider() {
        return "cognito-idp.us-east-1.amazonaws.com/" + cognito.userPoolId();
    }

    @Test
    void guestsGetTheirOwnIdentityAndTemporaryCredentials() {
        String a = identity.getId(r -> r.identityPoolId(poolId())).identityId();
        String b = identity.getId(r -> r.identityPoolId(poolId())).identityId();
        assertThat(a).startsWith("us-east-1:").isNotEqualTo(b);
        var response = identity.getCredentialsForIdentity(r -> r.identityId(a));
        assertThat(response.identityId()).isEqualTo(a);
        Credentials c = response.credentials();
        assertThat(c.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(c.secretKey()).hasSize(40);
        assertThat(c.sessionToken()).hasSizeGreaterThan(100);
        assertThat(c.expiration())
                .isBetween(
                        clock.instant().plus(Duration.ofMinutes(59)),
                        clock.instant().plus(Duration.ofMinutes(61)));
        assertThat(identity.getCredentialsForIdentity(r -> r.identityId(a))
                        .credentials()
                        .accessKeyId())
                .isNotEqualTo(c.accessKeyId());
    }

    @Test
    void signedInUsersGetOneIdentityForTheirLoginAndAGuestIdentityCanBeLinked() {
        String email = newEmail();
        String sub = signUpConfirmed(email);
        AuthenticationResultType tokens = passwordSignIn(email);
        Map<String, String> logins = Map.of(provider(), tokens.idToken());
        String id =
                identity.getId(r -> r.identityPoolId(poolId()).logins(logins)).identityId();
        assertThat(identity.getId(r -> r.identityPoolId(poolId())
                                .logins(Map.of(provider(), passwordSignIn(email).idToken())))
                        .identityId())
                .as("same user, same identity")
                .isEqualTo(id);
        Credentials c = identity.getCredentialsForIdentity(r -> r.identityId(id).logins(logins))
                .credentials();
        assertThat(c.accessKeyId()).startsWith("ASIA");

        assertThatThrownBy(() -> identity.getCredentialsForIdentity(r -> r.identityId(id)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Logins don't match. Please include at least one valid login for this"
                        + " identity or identity pool.");

        // A guest who signs in keeps the identity: the login is linked to it.
        String guest = identity.getId(r -> r.identityPoolId(poolId())).identityId();
        String other = newEmail();
        signUpConfirmed(other);
        Map<String, String> otherLogins =
                Map.of(provider(), passwordSignIn(other).idToken());
        identity.getCredentialsForIdentity(r -> r.identityId(guest).logins(otherLogins));
        assertThat(identity.getId(r -> r.identityPoolId(poolId()).logins(otherLogins))
                        .identityId())
                .isEqualTo(guest);
        // ...and a login that belongs to another identity does not match this one.
        assertThatThrownBy(() -> identity.getCredentialsForIdentity(
                        r -> r.identityId(guest).logins(logins)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Logins don't match");
        assertThat(sub).isNotBlank();
    }

    @Test
    void aSignedInUserCannotTakeOverAnotherUsersIdentity() {
        String victim = newEmail();
        signUpConfirmed(victim);
        Map<String, String> victimLogins =
                Map.of(provider(), passwordSignIn(victim).idToken());
        String victimId = identity.getId(r -> r.identityPoolId(poolId()).logins(victimLogins))
                .identityId();
        String attacker = newEmail();
        signUpConfirmed(attacker);
        Map<String, String> attackerLogins =
                Map.of(provider(), passwordSignIn(attacker).idToken());

        assertThatThrownBy(() -> identity.getCredentialsForIdentity(
                        r -> r.identityId(victimId).logins(attackerLogins)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Logins don't match. Please include at least one valid login for this"
                        + " identity or identity pool.");
        assertThatThrownBy(() ->
                        identity.getOpenIdToken(r -> r.identityId(victimId).logins(attackerLogins)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Logins don't match");
        // Nothing was linked: the attacker's login gets an identity of its own, the victim keeps theirs.
        String attackerId = identity.getId(r -> r.identityPoolId(poolId()).logins(attackerLogins))
                .identityId();
        assertThat(attackerId).isNotEqualTo(victimId);
        assertThat(identity.getId(r -> r.identityPoolId(poolId()).logins(victimLogins))
                        .identityId())
                .isEqualTo(victimId);
        assertThat(identity.getCredentialsForIdentity(
                                r -> r.identityId(victimId).logins(victimLogins))
                        .identityId())
                .isEqualTo(victimId);
        // ...and a guest identity cannot be given a login another identity already has: it stays a guest.
        String guest = identity.getId(r -> r.identityPoolId(poolId())).identityId();
        assertThatThrownBy(() -> identity.getCredentialsForIdentity(
                        r -> r.identityId(guest).logins(victimLogins)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Logins don't match");
        assertThat(identity.getCredentialsForIdentity(r -> r.identityId(guest)).identityId())
                .isEqualTo(guest);
    }

    @Test
    void openIdTokensAreSignedJwtsAboutTheIdentity() throws Exception {
        String email = newEmail();
        String sub = signUpConfirmed(email);
        Map<String, String> logins = Map.of(provider(), passwordSignIn(email).idToken());
        String id =
                identity.getId(r -> r.identityPoolId(poolId()).logins(logins)).identityId();
        var response = identity.getOpenIdToken(r -> r.identityId(id).logins(logins));
        assertThat(response.identityId()).isEqualTo(id);
        SignedJWT jwt = SignedJWT.parse(response.token());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS512);
        JWKSet jwks = JWKSet.load(new URL(cognito.identityJwksUri().toString()));
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(id);
        assertThat(claims.getAudience()).containsExactly(poolId());
        assertThat(claims.getIssuer()).isEqualTo("https://cognito-identity.amazonaws.com");
        assertThat(claims.getStringListClaim("amr"))
                .containsExactly("authenticated", provider(), provider() + ":CognitoSignIn:" + sub);
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(10));

        String guest = identity.getId(r -> r.identityPoolId(poolId())).identityId();
        assertThat(SignedJWT.parse(identity.getOpenIdToken(r -> r.identityId(guest))
                                .token())
                        .getJWTClaimsSet()
                        .getStringListClaim("amr"))
                .containsExactly("unauthenticated");
    }

    @Test
    void badRequestsGetAwsErrors() {
        assertThatThrownBy(
                        () -> identity.getId(r -> r.identityPoolId("us-east-1:00000000-0000-0000-0000-000000000000")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("IdentityPool 'us-east-1:00000000-0000-0000-0000-000000000000' not found.");
        assertThatThrownBy(() -> identity.getCredentialsForIdentity(
                        r -> r.identityId("us-east-1:00000000-0000-0000-0000-000000000000")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Identity 'us-east-1:00000000-0000-0000-0000-000000000000' not found.");
        assertThatThrownBy(() -> identity.getId(r -> r.identityPoolId("not a pool id")))
                .isInstanceOf(InvalidParameterException.class);

        String email = newEmail();
        signUpConfirmed(email);
        AuthenticationResultType tokens = passwordSignIn(email);
        assertThatThrownBy(() -> identity.getId(
                        r -> r.identityPoolId(poolId()).logins(Map.of(provider(), tokens.accessToken()))))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Invalid login token. Missing a required claim: aud");
        assertThatThrownBy(() -> identity.getId(r -> r.identityPoolId(poolId())
                        .logins(Map.of("cognito-idp.us-east-1.amazonaws.com/us-east-1_Other1234", tokens.idToken()))))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Issuer doesn't match providerName");
        assertThatThrownBy(() -> identity.getId(r -> r.identityPoolId(poolId()).logins(Map.of(provider(), "garbage"))))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Invalid login token.");
        // The legacy client is not one of the identity pool's providers.
        String legacyToken = idp.initiateAuth(r -> r.clientId(cognito.clientId("legacy"))
                        .authFlow(
                                software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType
                                        .USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email, "PASSWORD", TestConfigs.PASSWORD)))
                .authenticationResult()
                .idToken();
        assertThatThrownBy(
                        () -> identity.getId(r -> r.identityPoolId(poolId()).logins(Map.of(provider(), legacyToken))))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Token is not from a supported provider of this identity pool.");

        clock.advance(Duration.ofHours(2));
        try {
            assertThatThrownBy(() -> identity.getId(
                            r -> r.identityPoolId(poolId()).logins(Map.of(provider(), tokens.idToken()))))
                    .isInstanceOf(NotAuthorizedException.class)
                    .hasMessageMatching("Invalid login token. Token expired: \\d+ >= \\d+.*");
        } finally {
            clock.set(Instant.now());
        }
    }

    @Test
    void poolsWithoutGuestAccessRefuseUnauthenticatedIdentities() {
        AppConfig noGuests = TestConfigs.pins(TestConfigs.web().build(), false);
        try (LocalCognito other = LocalCognito.builder().config(noGuests).start();
                CognitoIdentityClient client = Clients.identity(other)) {
            assertThatThrownBy(() -> client.getId(
                            r -> r.identityPoolId(other.identityPoolId().orElseThrow())))
                    .isInstanceOf(NotAuthorizedException.class)
                    .hasMessageContaining("Unauthenticated access is not supported for this identity pool.");
        }
    }

    @Test
    void adminsCanReadThePoolsRoles() {
        try (CognitoIdentityClient client = Clients.adminIdentity(cognito)) {
            var roles =
                    client.getIdentityPoolRoles(r -> r.identityPoolId(poolId())).roles();
            assertThat(roles)
                    .containsEntry("authenticated", "arn:aws:iam::" + cognito.accountId() + ":role/pins-authenticated")
                    .containsEntry("unauthenticated", cognito.guestRoleArn().orElseThrow());
            var description = client.describeIdentityPool(r -> r.identityPoolId(poolId()));
            assertThat(description.allowUnauthenticatedIdentities()).isTrue();
            assertThat(description.cognitoIdentityProviders())
                    .extracting(p -> p.clientId())
                    .containsExactly(cognito.clientId("web"), cognito.clientId("backend"));
        }
        assertThatThrownBy(() -> identity.getIdentityPoolRoles(r -> r.identityPoolId(poolId())))
                .hasMessageContaining("Missing Authentication Token");
    }
}
