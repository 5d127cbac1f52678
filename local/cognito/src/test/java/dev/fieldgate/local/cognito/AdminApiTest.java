package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CognitoIdentityProviderException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupExistsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GroupType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.PasswordResetRequiredException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/** Admin operations: SigV4 with the local administrator's key, through the AWS SDK for Java v2. */
class AdminApiTest extends CognitoTestBase {

    private String pool() {
        return cognito.userPoolId();
    }

    @Test
    void adminCreateUserSendsAnInvitationAndTheUserMustChooseAPassword() {
        String email = newEmail();
        UserType created = admin.adminCreateUser(r -> r.userPoolId(pool())
                        .username(email)
                        .userAttributes(attr("email", email), attr("email_verified", "true"), attr("name", "Bo")))
                .user();
        assertThat(created.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(created.enabled()).isTrue();
        assertThat(created.username())
                .matches("[0-9a-f-]{36}")
                .isEqualTo(created.attributes().stream()
                        .filter(a -> a.name().equals("sub"))
                        .findFirst()
                        .orElseThrow()
                        .value());
        assertThat(created.userCreateDate()).isNotNull();
        OutboxMessage invitation =
                cognito.outbox().latestTo(email, OutboxMessage.Kind.INVITATION).orElseThrow();
        assertThat(invitation.body()).contains(invitation.code()).contains(created.username());

        var challenge = admin.adminInitiateAuth(r -> r.userPoolId(pool())
                .clientId(cognito.clientId("backend"))
                .authFlow(AuthFlowType.ADMIN_USER_PASSWORD_AUTH)
                .authParameters(
                        Map.of("USERNAME", email, "PASSWORD", invitation.code(), "SECRET_HASH", secretHash(email))));
        assertThat(challenge.challengeName()).isEqualTo(ChallengeNameType.NEW_PASSWORD_REQUIRED);
        var done = admin.adminRespondToAuthChallenge(r -> r.userPoolId(pool())
                .clientId(cognito.clientId("backend"))
                .challengeName(ChallengeNameType.NEW_PASSWORD_REQUIRED)
                .session(challenge.session())
                .challengeResponses(Map.of(
                        "USERNAME",
                        created.username(),
                        "NEW_PASSWORD",
                        "Chosen-Pass-8",
                        "SECRET_HASH",
                        secretHash(created.username()))));
        assertThat(done.authenticationResult().idToken()).isNotBlank();
        assertThat(getUser(email).userStatus()).isEqualTo(UserStatusType.CONFIRMED);

        assertThatThrownBy(() -> admin.adminCreateUser(r -> r.userPoolId(pool()).username(email)))
                .isInstanceOf(UsernameExistsException.class)
                .hasMessageContaining("User account already exists");
        String suppressed = newEmail();
        admin.adminCreateUser(r -> r.userPoolId(pool())
                .username(suppressed)
                .messageAction(MessageActionType.SUPPRESS)
                .temporaryPassword("Temp-Pass-99"));
        assertThat(cognito.outbox().latestTo(suppressed)).isEmpty();
        admin.adminCreateUser(r -> r.userPoolId(pool()).username(suppressed).messageAction(MessageActionType.RESEND));
        assertThat(cognito.outbox().latestTo(suppressed, OutboxMessage.Kind.INVITATION))
                .isPresent();
    }

    @Test
    void adminSetConfirmGetDisableEnableResetAndDelete() {
        String email = newEmail();
        idp.signUp(r -> r.clientId(web()).username(email).password(TestConfigs.PASSWORD));
        assertThat(getUser(email).userStatus()).isEqualTo(UserStatusType.UNCONFIRMED);
        admin.adminConfirmSignUp(r -> r.userPoolId(pool()).username(email));
        AdminGetUserResponse user = getUser(email);
        assertThat(user.userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(user.userAttributes()).extracting(AttributeType::name).contains("sub", "email");
        assertThatThrownBy(
                        () -> admin.adminConfirmSignUp(r -> r.userPoolId(pool()).username(email)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Current status is CONFIRMED");

        admin.adminSetUserPassword(r ->
                r.userPoolId(pool()).username(email).password("Admin-Set-1").permanent(true));
        assertThat(idp.initiateAuth(r -> r.clientId(web())
                                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                                .authParameters(Map.of("USERNAME", email, "PASSWORD", "Admin-Set-1")))
                        .authenticationResult())
                .isNotNull();
        admin.adminSetUserPassword(r ->
                r.userPoolId(pool()).username(email).password("Admin-Temp-1").permanent(false));
        assertThat(getUser(email).userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        admin.adminSetUserPassword(r -> r.userPoolId(pool())
                .username(email)
                .password(TestConfigs.PASSWORD)
                .permanent(true));

        String access = passwordSignIn(email).accessToken();
        admin.adminDisableUser(r -> r.userPoolId(pool()).username(email));
        assertThat(getUser(email).enabled()).isFalse();
        assertThatThrownBy(() -> passwordSignIn(email))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("User is disabled.");
        assertThatThrownBy(() -> idp.getUser(r -> r.accessToken(access)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("User is disabled.");
        admin.adminEnableUser(r -> r.userPoolId(pool()).username(email));
        // AdminDisableUser revoked the user's tokens; a new sign-in works again.
        assertThatThrownBy(() -> idp.getUser(r -> r.accessToken(access)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Access Token has been revoked");
        String again = passwordSignIn(email).accessToken();
        assertThat(idp.getUser(r -> r.accessToken(again)).username()).isEqualTo(user.username());

        admin.adminResetUserPassword(r -> r.userPoolId(pool()).username(email));
        assertThat(getUser(email).userStatus()).isEqualTo(UserStatusType.RESET_REQUIRED);
        assertThatThrownBy(() -> passwordSignIn(email)).isInstanceOf(PasswordResetRequiredException.class);

        admin.adminDeleteUser(r -> r.userPoolId(pool()).username(email));
        assertThatThrownBy(() -> getUser(email))
                .isInstanceOf(UserNotFoundException.class)
                .hasMessageContaining("User does not exist.");
        assertThatThrownBy(() -> admin.adminDeleteUser(r -> r.userPoolId(pool()).username(email)))
                .isInstanceOf(UserNotFoundException.class);
    }

    @Test
    void groupsAppearInTokensAndCanBeListedCreatedAndChanged() throws Exception {
        String email = newEmail();
        signUpConfirmed(email);
        List<String> names = admin.listGroups(r -> r.userPoolId(pool())).groups().stream()
                .map(GroupType::groupName)
                .toList();
        assertThat(names).contains("Admins", "Editors");
        admin.createGroup(r -> r.userPoolId(pool())
                .groupName("Readers")
                .description("read only")
                .precedence(9));
        assertThatThrownBy(() -> admin.createGroup(r -> r.userPoolId(pool()).groupName("Readers")))
                .isInstanceOf(GroupExistsException.class);

        admin.adminAddUserToGroup(r -> r.userPoolId(pool()).username(email).groupName("Readers"));
        admin.adminAddUserToGroup(r -> r.userPoolId(pool()).username(email).groupName("Admins"));
        assertThat(admin.adminListGroupsForUser(r -> r.userPoolId(pool()).username(email))
                        .groups())
                .extracting(GroupType::groupName)
                .containsExactly("Admins", "Readers");
        var claims = com.nimbusds.jwt.SignedJWT.parse(passwordSignIn(email).idToken())
                .getJWTClaimsSet();
        assertThat(claims.getStringListClaim("cognito:groups")).containsExactly("Admins", "Readers");

        admin.adminRemoveUserFromGroup(r -> r.userPoolId(pool()).username(email).groupName("Admins"));
        assertThat(admin.adminListGroupsForUser(r -> r.userPoolId(pool()).username(email))
                        .groups())
                .extracting(GroupType::groupName)
                .containsExactly("Readers");
        assertThatThrownBy(() -> admin.adminAddUserToGroup(
                        r -> r.userPoolId(pool()).username(email).groupName("Nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Group not found.");
    }

    @Test
    void listUsersFiltersAndPaginates() {
        String prefix = "list-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String email = prefix + "-" + i + "@example.com";
            emails.add(email);
            admin.adminCreateUser(r -> r.userPoolId(pool()).username(email).messageAction(MessageActionType.SUPPRESS));
        }
        ListUsersResponse exact =
                admin.listUsers(r -> r.userPoolId(pool()).filter("email = \"" + emails.get(2) + "\""));
        assertThat(exact.users()).hasSize(1);
        List<String> found = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListUsersResponse page = admin.listUsers(r -> r.userPoolId(pool())
                    .filter("email ^= \"" + prefix + "\"")
                    .limit(2)
                    .paginationToken(t)
                    .attributesToGet("email"));
            page.users().forEach(u -> {
                assertThat(u.attributes()).extracting(AttributeType::name).containsExactly("email");
                found.add(u.attributes().get(0).value());
            });
            token = page.paginationToken();
        } while (token != null);
        assertThat(found).containsExactlyInAnyOrderElementsOf(emails);
        assertThat(admin.listUsers(r -> r.userPoolId(pool()).filter("cognito:user_status = \"FORCE_CHANGE_PASSWORD\""))
                        .users())
                .isNotEmpty();
        assertThatThrownBy(() -> admin.listUsers(r -> r.userPoolId(pool()).filter("email contains x")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Error while parsing filter.");
        assertThatThrownBy(() -> admin.listUsers(r -> r.userPoolId(pool()).limit(61)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void adminGlobalSignOutRevokesTheUsersTokens() {
        String email = newEmail();
        signUpConfirmed(email);
        String access = passwordSignIn(email).accessToken();
        admin.adminUserGlobalSignOut(r -> r.userPoolId(pool()).username(email));
        assertThatThrownBy(() -> idp.getUser(r -> r.accessToken(access)))
                .hasMessageContaining("Access Token has been revoked");
    }

    @Test
    void adminOperationsNeedTheAdministratorsValidSignature() {
        String email = newEmail();
        assertThatThrownBy(() -> admin.adminGetUser(
                        r -> r.userPoolId("us-east-1_Nope12345").username(email)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("User pool us-east-1_Nope12345 does not exist.");

        // Unsigned: the SDK's anonymous credentials send no Authorization header.
        assertThat(errorCode(idp, email)).isEqualTo("MissingAuthenticationTokenException");

        var wrongSecret = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                cognito.adminCredentials().accessKeyId(), "not-the-secret-000000000000000000000000"));
        try (CognitoIdentityProviderClient client = Clients.idp(cognito, wrongSecret)) {
            assertThat(errorCode(client, email)).isEqualTo("InvalidSignatureException");
        }
        var unknownKey = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        try (CognitoIdentityProviderClient client = Clients.idp(cognito, unknownKey)) {
            assertThat(errorCode(client, email)).isEqualTo("UnrecognizedClientException");
        }

        // Identity-pool credentials verify, but their role may not administer the pool.
        String identityId = identity.getId(
                        r -> r.identityPoolId(cognito.identityPoolId().orElseThrow()))
                .identityId();
        Credentials guest = identity.getCredentialsForIdentity(r -> r.identityId(identityId))
                .credentials();
        var guestCredentials = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(guest.accessKeyId(), guest.secretKey(), guest.sessionToken()));
        try (CognitoIdentityProviderClient client = Clients.idp(cognito, guestCredentials)) {
            CognitoIdentityProviderException e = error(client, email);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(e.awsErrorDetails().errorMessage())
                    .contains("arn:aws:sts::" + cognito.accountId()
                            + ":assumed-role/pins-guest/CognitoIdentityCredentials is not authorized to perform:"
                            + " cognito-idp:AdminGetUser");
        }
        var noToken =
                StaticCredentialsProvider.create(AwsBasicCredentials.create(guest.accessKeyId(), guest.secretKey()));
        try (CognitoIdentityProviderClient client = Clients.idp(cognito, noToken)) {
            assertThat(errorCode(client, email)).isEqualTo("UnrecognizedClientException");
        }
    }

    private String errorCode(CognitoIdentityProviderClient client, String email) {
        return error(client, email).awsErrorDetails().errorCode();
    }

    private CognitoIdentityProviderException error(CognitoIdentityProviderClient client, String email) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> client.adminGetUser(r -> r.userPoolId(pool()).username(email)));
        assertThat(thrown).isInstanceOf(CognitoIdentityProviderException.class);
        CognitoIdentityProviderException e = (CognitoIdentityProviderException) thrown;
        assertThat(e.statusCode()).isEqualTo(400);
        return e;
    }

    private AdminGetUserResponse getUser(String username) {
        return admin.adminGetUser(r -> r.userPoolId(pool()).username(username));
    }

    private String secretHash(String username) {
        return dev.fieldgate.sdk.srp.CognitoSecretHash.compute(
                username,
                cognito.clientId("backend"),
                cognito.clientSecret("backend").orElseThrow());
    }
}
