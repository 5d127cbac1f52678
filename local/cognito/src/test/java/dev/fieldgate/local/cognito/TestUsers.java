package dev.fieldgate.local.cognito;

import java.util.Map;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * Users and identities made with the AWS SDK for Java v2 against a running stack: an administrator creates the user
 * and sets a permanent password, the user signs in with {@code USER_PASSWORD_AUTH} (the SDK's own client), and the
 * identity pool hands out guest or signed-in credentials.
 */
public final class TestUsers {

    /** A signed-in user's tokens and {@code sub}. */
    public record User(String email, String sub, String idToken, String accessToken) {}

    private final LocalCognito cognito;

    public TestUsers(LocalCognito cognito) {
        this.cognito = cognito;
    }

    public User create(String email, String... groups) {
        try (CognitoIdentityProviderClient admin = Clients.adminIdp(cognito);
                CognitoIdentityProviderClient idp = Clients.publicIdp(cognito)) {
            admin.adminCreateUser(r -> r.userPoolId(cognito.userPoolId())
                    .username(email)
                    .messageAction(MessageActionType.SUPPRESS)
                    .userAttributes(
                            AttributeType.builder().name("email").value(email).build(),
                            AttributeType.builder()
                                    .name("email_verified")
                                    .value("true")
                                    .build()));
            admin.adminSetUserPassword(r -> r.userPoolId(cognito.userPoolId())
                    .username(email)
                    .password(TestConfigs.PASSWORD)
                    .permanent(true));
            for (String group : groups) {
                admin.adminAddUserToGroup(
                        r -> r.userPoolId(cognito.userPoolId()).username(email).groupName(group));
            }
            return signIn(idp, email);
        }
    }

    public User signIn(CognitoIdentityProviderClient idp, String email) {
        AuthenticationResultType tokens = idp.initiateAuth(r -> r.clientId(cognito.clientId("web"))
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email, "PASSWORD", TestConfigs.PASSWORD)))
                .authenticationResult();
        String sub;
        try {
            sub = com.nimbusds.jwt.SignedJWT.parse(tokens.idToken())
                    .getJWTClaimsSet()
                    .getSubject();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
        return new User(email, sub, tokens.idToken(), tokens.accessToken());
    }

    /** Guest credentials: the identity pool's unauthenticated role. */
    public AwsSessionCredentialsIdentity guest() {
        try (CognitoIdentityClient identity = Clients.identity(cognito)) {
            String id = identity.getId(
                            r -> r.identityPoolId(cognito.identityPoolId().orElseThrow()))
                    .identityId();
            return session(
                    identity.getCredentialsForIdentity(r -> r.identityId(id)).credentials());
        }
    }

    /** A signed-in user's credentials: the identity pool's authenticated role. */
    public AwsSessionCredentialsIdentity identityPoolUser(User user) {
        String login = "cognito-idp." + cognito.region() + ".amazonaws.com/" + cognito.userPoolId();
        try (CognitoIdentityClient identity = Clients.identity(cognito)) {
            String id = identity.getId(
                            r -> r.identityPoolId(cognito.identityPoolId().orElseThrow())
                                    .logins(Map.of(login, user.idToken())))
                    .identityId();
            return session(identity.getCredentialsForIdentity(
                            r -> r.identityId(id).logins(Map.of(login, user.idToken())))
                    .credentials());
        }
    }

    private static AwsSessionCredentialsIdentity session(Credentials credentials) {
        return AwsSessionCredentialsIdentity.create(
                credentials.accessKeyId(), credentials.secretKey(), credentials.sessionToken());
    }
}
