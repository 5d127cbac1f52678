package dev.fieldgate.local.cognito.internal.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.core.internal.awsjson.AwsJson;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import java.util.List;

/**
 * The public operations a user calls without AWS credentials: sign-up and password reset (by app client and
 * SECRET_HASH), and the operations on one's own account (by access token). Sign-in is in {@link AuthOperations}.
 */
final class PublicOperations {

    private final UserPool pool;

    PublicOperations(UserPool pool) {
        this.pool = pool;
    }

    // ------------------------------------------------------------------ by app client

    JsonNode signUp(ObjectNode in) {
        UserPool.ClientRuntime client = pool.requireClient(AwsJson.requiredString(in, "ClientId"));
        String username = AwsJson.requiredString(in, "Username");
        pool.checkSecretHash(client, AwsJson.optionalString(in, "SecretHash").orElse(null), username);
        String password = AwsJson.requiredString(in, "Password");
        UserPool.SignUpResult result =
                pool.signUp(client, username, password, AwsJson.attributeList(in, "UserAttributes"));
        ObjectNode out = AwsJson.object();
        out.put("UserConfirmed", false);
        result.delivery().ifPresent(d -> out.set("CodeDeliveryDetails", ApiShapes.delivery(d)));
        out.put("UserSub", result.user().sub());
        return out;
    }

    JsonNode confirmSignUp(ObjectNode in) {
        UserPool.ClientRuntime client = pool.requireClient(AwsJson.requiredString(in, "ClientId"));
        String username = AwsJson.requiredString(in, "Username");
        String code = AwsJson.requiredString(in, "ConfirmationCode");
        pool.checkSecretHash(
                client,
                AwsJson.optionalString(in, "SecretHash").orElse(null),
                username,
                ApiShapes.canonical(pool, username));
        pool.confirmSignUp(client, username, code);
        return AwsJson.object();
    }

    JsonNode resendConfirmationCode(ObjectNode in) {
        UserPool.ClientRuntime client = pool.requireClient(AwsJson.requiredString(in, "ClientId"));
        String username = AwsJson.requiredString(in, "Username");
        pool.checkSecretHash(
                client,
                AwsJson.optionalString(in, "SecretHash").orElse(null),
                username,
                ApiShapes.canonical(pool, username));
        ObjectNode out = AwsJson.object();
        out.set("CodeDeliveryDetails", ApiShapes.delivery(pool.resendConfirmationCode(client, username)));
        return out;
    }

    JsonNode forgotPassword(ObjectNode in) {
        UserPool.ClientRuntime client = pool.requireClient(AwsJson.requiredString(in, "ClientId"));
        String username = AwsJson.requiredString(in, "Username");
        pool.checkSecretHash(
                client,
                AwsJson.optionalString(in, "SecretHash").orElse(null),
                username,
                ApiShapes.canonical(pool, username));
        ObjectNode out = AwsJson.object();
        out.set("CodeDeliveryDetails", ApiShapes.delivery(pool.forgotPassword(client, username)));
        return out;
    }

    JsonNode confirmForgotPassword(ObjectNode in) {
        UserPool.ClientRuntime client = pool.requireClient(AwsJson.requiredString(in, "ClientId"));
        String username = AwsJson.requiredString(in, "Username");
        String code = AwsJson.requiredString(in, "ConfirmationCode");
        String password = AwsJson.requiredString(in, "Password");
        pool.checkSecretHash(
                client,
                AwsJson.optionalString(in, "SecretHash").orElse(null),
                username,
                ApiShapes.canonical(pool, username));
        pool.confirmForgotPassword(client, username, code, password);
        return AwsJson.object();
    }

    JsonNode revokeToken(ObjectNode in) {
        String token = AwsJson.requiredString(in, "Token");
        String clientId = AwsJson.requiredString(in, "ClientId");
        String secret = AwsJson.optionalString(in, "ClientSecret").orElse(null);
        UserPool.ClientRuntime client = pool.client(clientId)
                .orElseThrow(
                        () -> new AwsServiceException("UnauthorizedException", "Invalid client id or client secret."));
        if (client.hasSecret() && !pool.clientSecretMatches(client, secret)) {
            throw new AwsServiceException("UnauthorizedException", "Invalid client id or client secret.");
        }
        if (!client.config().enableTokenRevocation()) {
            throw new AwsServiceException(
                    "UnsupportedOperationException", "Token revocation is not enabled for this app client.");
        }
        if (!UserPool.looksLikeRefreshToken(token)) {
            throw new AwsServiceException("UnsupportedTokenTypeException", "Only refresh tokens can be revoked.");
        }
        // Unknown tokens and other clients' tokens answer success without revoking anything (RFC 7009).
        pool.revokeRefreshToken(client, token);
        return AwsJson.object();
    }

    // ------------------------------------------------------------------ by access token

    private UserPool.UserView accessTokenUser(ObjectNode in) {
        String token = AwsJson.requiredString(in, "AccessToken");
        try {
            return pool.verifyAccessToken(token, UserPool.ADMIN_SCOPE).user();
        } catch (UserPool.AccessRejectedException e) {
            if (e.rejection() == UserPool.AccessRejection.USER_NOT_FOUND) {
                throw CognitoErrors.userNotFound();
            }
            throw CognitoErrors.notAuthorized(e.rejection().message());
        }
    }

    JsonNode getUser(ObjectNode in) {
        UserPool.UserView user = accessTokenUser(in);
        UserSnapshot record = pool.userSnapshot(user.username());
        ObjectNode out = AwsJson.object();
        out.put("Username", record.username());
        out.set("UserAttributes", ApiShapes.attributes(record, null));
        return out;
    }

    JsonNode updateUserAttributes(ObjectNode in) {
        UserPool.UserView user = accessTokenUser(in);
        List<UserPool.CodeDelivery> deliveries =
                pool.updateAttributes(user.username(), ApiShapes.requiredAttributes(in, "UserAttributes"), false);
        ObjectNode out = AwsJson.object();
        ArrayNode list = out.putArray("CodeDeliveryDetailsList");
        deliveries.forEach(d -> list.add(ApiShapes.delivery(d)));
        return out;
    }

    JsonNode getUserAttributeVerificationCode(ObjectNode in) {
        UserPool.UserView user = accessTokenUser(in);
        String attribute = AwsJson.requiredString(in, "AttributeName");
        ObjectNode out = AwsJson.object();
        out.set(
                "CodeDeliveryDetails",
                ApiShapes.delivery(pool.sendAttributeVerificationCode(user.username(), attribute)));
        return out;
    }

    JsonNode verifyUserAttribute(ObjectNode in) {
        UserPool.UserView user = accessTokenUser(in);
        pool.verifyAttribute(
                user.username(), AwsJson.requiredString(in, "AttributeName"), AwsJson.requiredString(in, "Code"));
        return AwsJson.object();
    }

    JsonNode changePassword(ObjectNode in) {
        String previous = AwsJson.optionalString(in, "PreviousPassword").orElse(null);
        String proposed = AwsJson.requiredString(in, "ProposedPassword");
        UserPool.UserView user = accessTokenUser(in);
        if (previous == null) {
            throw AwsServiceException.missing("PreviousPassword");
        }
        pool.changePassword(user.username(), previous, proposed);
        return AwsJson.object();
    }

    JsonNode globalSignOut(ObjectNode in) {
        UserPool.UserView user = accessTokenUser(in);
        pool.globalSignOut(user.username());
        return AwsJson.object();
    }

    JsonNode deleteUser(ObjectNode in) {
        UserPool.UserView user = accessTokenUser(in);
        pool.deleteUser(user.username());
        return AwsJson.object();
    }
}
