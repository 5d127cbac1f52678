package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

/** Token claims as Cognito issues them, the JWKS and the OpenID configuration. */
class TokensTest extends CognitoTestBase {

    @Test
    void idAndAccessTokensCarryCognitosClaimsAndVerifyAgainstTheServedJwks() throws Exception {
        String email = newEmail();
        String sub = signUpConfirmed(email);
        admin.adminAddUserToGroup(
                r -> r.userPoolId(cognito.userPoolId()).username(email).groupName("Editors"));
        AuthenticationResultType tokens = passwordSignIn(email);
        SignedJWT id = SignedJWT.parse(tokens.idToken());
        SignedJWT access = SignedJWT.parse(tokens.accessToken());

        JWKSet jwks = JWKSet.load(new URL(cognito.jwksUri().toString()));
        assertThat(jwks.getKeys()).hasSize(2);
        for (var key : jwks.getKeys()) {
            assertThat(key.getKeyID()).matches("[A-Za-z0-9+/]{43}=");
            assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
            assertThat(key.isPrivate()).isFalse();
        }
        assertThat(id.getHeader().getKeyID())
                .as("ID and access tokens use different keys")
                .isNotEqualTo(access.getHeader().getKeyID());
        assertThat(id.getHeader().toJSONObject()).containsOnlyKeys("kid", "alg");
        assertThat(id.verify(new RSASSAVerifier(
                        (RSAKey) jwks.getKeyByKeyId(id.getHeader().getKeyID()))))
                .isTrue();
        assertThat(access.verify(new RSASSAVerifier(
                        (RSAKey) jwks.getKeyByKeyId(access.getHeader().getKeyID()))))
                .isTrue();
        assertThat(id.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);

        String issuer = "https://cognito-idp.us-east-1.amazonaws.com/" + cognito.userPoolId();
        JWTClaimsSet idClaims = id.getJWTClaimsSet();
        assertThat(idClaims.getSubject()).isEqualTo(sub);
        assertThat(idClaims.getIssuer()).isEqualTo(issuer).isEqualTo(cognito.issuer());
        assertThat(idClaims.getAudience()).containsExactly(web());
        assertThat(idClaims.getClaim("token_use")).isEqualTo("id");
        assertThat(idClaims.getClaim("email_verified")).isEqualTo(true);
        assertThat(idClaims.getClaim("email")).isEqualTo(email);
        assertThat(idClaims.getStringClaim("cognito:username"))
                .as("the sub, in pools that sign in by email")
                .isEqualTo(sub);
        assertThat(idClaims.getStringListClaim("cognito:groups")).containsExactly("Editors");
        assertThat(idClaims.getClaims()).containsKeys("origin_jti", "event_id", "auth_time", "jti", "iat", "exp");
        assertThat(Duration.between(
                        idClaims.getIssueTime().toInstant(),
                        idClaims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));

        JWTClaimsSet accessClaims = access.getJWTClaimsSet();
        assertThat(accessClaims.getAudience())
                .as("access tokens carry client_id, not aud")
                .isEmpty();
        assertThat(accessClaims.getClaim("client_id")).isEqualTo(web());
        assertThat(accessClaims.getClaim("token_use")).isEqualTo("access");
        assertThat(accessClaims.getClaim("scope")).isEqualTo("aws.cognito.signin.user.admin");
        assertThat(accessClaims.getClaim("username")).isEqualTo(idClaims.getClaim("cognito:username"));
        assertThat(accessClaims.getClaim("origin_jti")).isEqualTo(idClaims.getClaim("origin_jti"));
        assertThat(accessClaims.getClaim("event_id")).isEqualTo(idClaims.getClaim("event_id"));
        assertThat(accessClaims.getJWTID()).isNotEqualTo(idClaims.getJWTID());
        assertThat(accessClaims.getStringListClaim("cognito:groups")).containsExactly("Editors");

        // Refresh keeps the origin, the event and auth_time, with new jtis.
        JWTClaimsSet refreshed = SignedJWT.parse(idp.initiateAuth(r -> r.clientId(web())
                                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                                .authParameters(Map.of("REFRESH_TOKEN", tokens.refreshToken())))
                        .authenticationResult()
                        .idToken())
                .getJWTClaimsSet();
        assertThat(refreshed.getClaim("origin_jti")).isEqualTo(idClaims.getClaim("origin_jti"));
        assertThat(refreshed.getClaim("auth_time")).isEqualTo(idClaims.getClaim("auth_time"));
        assertThat(refreshed.getJWTID()).isNotEqualTo(idClaims.getJWTID());
    }

    @Test
    void theOpenIdConfigurationPointsAtTheLocalEndpoints() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(cognito.openIdConfigurationUri()).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        JsonNode doc = new ObjectMapper().readTree(response.body());
        String base = cognito.endpoint().toString();
        assertThat(doc.get("issuer").asText()).isEqualTo(cognito.issuer());
        assertThat(doc.get("jwks_uri").asText()).isEqualTo(cognito.jwksUri().toString());
        assertThat(doc.get("authorization_endpoint").asText()).isEqualTo(base + "/oauth2/authorize");
        assertThat(doc.get("token_endpoint").asText()).isEqualTo(base + "/oauth2/token");
        assertThat(doc.get("userinfo_endpoint").asText()).isEqualTo(base + "/oauth2/userInfo");
        assertThat(doc.get("end_session_endpoint").asText()).isEqualTo(base + "/logout");
        assertThat(doc.get("revocation_endpoint").asText()).isEqualTo(base + "/oauth2/revoke");
        assertThat(doc.get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");
    }

    @Test
    void aLocalIssuerMakesTheIssuerUrlDiscoverable() throws Exception {
        try (LocalCognito local = LocalCognito.builder()
                        .config(TestConfigs.pins())
                        .issuerStyle(IssuerStyle.LOCAL)
                        .start();
                CognitoIdentityProviderClient client = Clients.publicIdp(local)) {
            assertThat(local.issuer()).isEqualTo(local.endpoint() + "/" + local.userPoolId());
            String email = newEmail();
            client.signUp(r -> r.clientId(local.clientId("web")).username(email).password(TestConfigs.PASSWORD));
            client.confirmSignUp(r -> r.clientId(local.clientId("web"))
                    .username(email)
                    .confirmationCode(
                            local.outbox().latestTo(email).orElseThrow().code()));
            String idToken = client.initiateAuth(r -> r.clientId(local.clientId("web"))
                            .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                            .authParameters(Map.of("USERNAME", email, "PASSWORD", TestConfigs.PASSWORD)))
                    .authenticationResult()
                    .idToken();
            String iss = SignedJWT.parse(idToken).getJWTClaimsSet().getIssuer();
            assertThat(iss).isEqualTo(local.issuer());
            HttpResponse<String> discovery = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(iss + "/.well-known/openid-configuration"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(new ObjectMapper()
                            .readTree(discovery.body())
                            .get("issuer")
                            .asText())
                    .isEqualTo(iss);
            // The identity pool accepts the pool's tokens whatever the issuer style.
            try (var identityClient = Clients.identity(local)) {
                assertThat(identityClient
                                .getId(r -> r.identityPoolId(
                                                local.identityPoolId().orElseThrow())
                                        .logins(Map.of(
                                                "cognito-idp.us-east-1.amazonaws.com/" + local.userPoolId(), idToken)))
                                .identityId())
                        .startsWith("us-east-1:");
            }
        }
    }

    @Test
    void poolIdsHaveAwsShapeSoClientsCanReadTheRegion() {
        assertThat(cognito.userPoolId()).matches("us-east-1_[0-9A-Za-z]{9}");
        assertThat(cognito.identityPoolId().orElseThrow())
                .matches("us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(cognito.clientId("web")).matches("[a-z0-9]{26}");
        assertThat(cognito.adminCredentials().accessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(cognito.adminCredentials().toString())
                .doesNotContain(cognito.adminCredentials().secretAccessKey());
        assertThat(cognito.guestRoleArn()).hasValue("arn:aws:iam::" + cognito.accountId() + ":role/pins-guest");
    }
}
