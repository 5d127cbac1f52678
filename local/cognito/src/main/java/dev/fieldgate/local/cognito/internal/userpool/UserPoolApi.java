package dev.fieldgate.local.cognito.internal.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.core.internal.awsjson.AwsJson;
import dev.fieldgate.local.core.internal.awsjson.AwsJsonService;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import dev.fieldgate.local.core.internal.sigv4.SigV4Exception;
import dev.fieldgate.local.core.internal.sigv4.SigV4Verifier;
import dev.fieldgate.local.core.internal.sigv4.SignedHttpRequest;
import dev.fieldgate.local.core.internal.sigv4.VerifiedCaller;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Cognito user pool API ({@code AWSCognitoIdentityProviderService}, AWS JSON 1.1). Public operations take the
 * caller's tokens in the body; admin operations require a SigV4 signature by the local administrator. This class
 * routes each operation and authorizes administrators; {@link PublicOperations}, {@link AuthOperations} and
 * {@link AdminOperations} carry them out.
 */
public final class UserPoolApi {

    public static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService";
    private static final String SIGNING_NAME = "cognito-idp";

    private final UserPool pool;
    private final SigV4Verifier verifier;
    private final PublicOperations user;
    private final AuthOperations auth;
    private final AdminOperations admin;

    public UserPoolApi(UserPool pool, SigV4Verifier verifier) {
        this.pool = pool;
        this.verifier = verifier;
        this.user = new PublicOperations(pool);
        this.auth = new AuthOperations(pool);
        this.admin = new AdminOperations(pool);
    }

    public AwsJsonService service() {
        Map<String, AwsJsonService.Operation> ops = new LinkedHashMap<>();
        ops.put("SignUp", (in, ex) -> user.signUp(in));
        ops.put("ConfirmSignUp", (in, ex) -> user.confirmSignUp(in));
        ops.put("ResendConfirmationCode", (in, ex) -> user.resendConfirmationCode(in));
        ops.put("InitiateAuth", (in, ex) -> auth.initiateAuth(in, false));
        ops.put("RespondToAuthChallenge", (in, ex) -> auth.respondToAuthChallenge(in));
        ops.put("ForgotPassword", (in, ex) -> user.forgotPassword(in));
        ops.put("ConfirmForgotPassword", (in, ex) -> user.confirmForgotPassword(in));
        ops.put("GetUser", (in, ex) -> user.getUser(in));
        ops.put("UpdateUserAttributes", (in, ex) -> user.updateUserAttributes(in));
        ops.put("GetUserAttributeVerificationCode", (in, ex) -> user.getUserAttributeVerificationCode(in));
        ops.put("VerifyUserAttribute", (in, ex) -> user.verifyUserAttribute(in));
        ops.put("ChangePassword", (in, ex) -> user.changePassword(in));
        ops.put("GlobalSignOut", (in, ex) -> user.globalSignOut(in));
        ops.put("RevokeToken", (in, ex) -> user.revokeToken(in));
        ops.put("DeleteUser", (in, ex) -> user.deleteUser(in));

        admin(ops, "AdminCreateUser", admin::createUser);
        admin(ops, "AdminSetUserPassword", admin::setUserPassword);
        admin(ops, "AdminConfirmSignUp", admin::confirmSignUp);
        admin(ops, "AdminGetUser", admin::getUser);
        admin(ops, "AdminDeleteUser", admin::deleteUser);
        admin(ops, "AdminDisableUser", admin::disableUser);
        admin(ops, "AdminEnableUser", admin::enableUser);
        admin(ops, "AdminResetUserPassword", admin::resetUserPassword);
        admin(ops, "AdminUpdateUserAttributes", admin::updateUserAttributes);
        admin(ops, "AdminAddUserToGroup", admin::addUserToGroup);
        admin(ops, "AdminRemoveUserFromGroup", admin::removeUserFromGroup);
        admin(ops, "AdminListGroupsForUser", admin::listGroupsForUser);
        admin(ops, "ListUsers", admin::listUsers);
        admin(ops, "CreateGroup", admin::createGroup);
        admin(ops, "ListGroups", admin::listGroups);
        admin(ops, "AdminInitiateAuth", in -> auth.initiateAuth(in, true));
        admin(ops, "AdminRespondToAuthChallenge", auth::respondToAuthChallenge);
        admin(ops, "AdminUserGlobalSignOut", admin::userGlobalSignOut);
        return new AwsJsonService(TARGET_PREFIX, ops, "InternalErrorException");
    }

    @FunctionalInterface
    private interface AdminOperation {
        JsonNode invoke(ObjectNode input);
    }

    private void admin(Map<String, AwsJsonService.Operation> ops, String name, AdminOperation operation) {
        ops.put(name, (in, exchange) -> {
            authorizeAdministrator(exchange, name);
            String poolId = AwsJson.requiredString(in, "UserPoolId");
            if (!poolId.equals(pool.id())) {
                throw CognitoErrors.resourceNotFound("User pool " + poolId + " does not exist.");
            }
            return operation.invoke(in);
        });
    }

    private void authorizeAdministrator(HttpExchange exchange, String operation) throws java.io.IOException {
        VerifiedCaller caller;
        try {
            caller = verifier.verify(SignedHttpRequest.from(exchange), SIGNING_NAME, pool.region());
        } catch (SigV4Exception e) {
            throw new AwsServiceException(e.awsErrorType(), e.getMessage());
        }
        if (!caller.isAdministrator()) {
            // Identity-pool roles carry no Cognito administration rights: deny, as IAM would.
            throw new AwsServiceException(
                    "AccessDeniedException",
                    "User: " + caller.arn()
                            + " is not authorized to perform: cognito-idp:" + operation
                            + " on resource: arn:aws:cognito-idp:"
                            + pool.region() + ":" + caller.accountId() + ":userpool/" + pool.id()
                            + " because no identity-based policy allows the cognito-idp:" + operation + " action");
        }
    }
}
