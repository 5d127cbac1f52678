package dev.fieldgate.local.cognito.internal.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.core.internal.awsjson.AwsJson;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in through the API: InitiateAuth and RespondToAuthChallenge, and their Admin forms (which
 * {@link UserPoolApi} authorizes first). Checks the client's flows and SECRET_HASH, then lets the pool decide.
 */
final class AuthOperations {

    private final UserPool pool;

    AuthOperations(UserPool pool) {
        this.pool = pool;
    }

    /** InitiateAuth, or AdminInitiateAuth when {@code admin}: each accepts only its own password flows. */
    JsonNode initiateAuth(ObjectNode in, boolean admin) {
        String flow = AwsJson.requiredString(in, "AuthFlow");
        UserPool.ClientRuntime client = pool.requireClient(AwsJson.requiredString(in, "ClientId"));
        Map<String, String> params = AwsJson.stringMap(in, "AuthParameters");
        String secretHash = params.get("SECRET_HASH");
        switch (flow) {
            case "USER_SRP_AUTH" -> {
                ApiShapes.requireFlow(client, "ALLOW_USER_SRP_AUTH", flow);
                String username = ApiShapes.requiredParameter(params, "USERNAME");
                String srpA = ApiShapes.requiredParameter(params, "SRP_A");
                pool.checkSecretHash(client, secretHash, username, ApiShapes.canonical(pool, username));
                ObjectNode out = AwsJson.object();
                out.put("ChallengeName", "PASSWORD_VERIFIER");
                ObjectNode parameters = out.putObject("ChallengeParameters");
                pool.startSrp(client, username, srpA).forEach(parameters::put);
                return out;
            }
            case "USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH" -> {
                boolean adminFlow = !flow.equals("USER_PASSWORD_AUTH");
                if (adminFlow != admin) {
                    throw CognitoErrors.invalidParameter("Initiate Auth method not supported.");
                }
                ApiShapes.requireFlow(
                        client, adminFlow ? "ALLOW_ADMIN_USER_PASSWORD_AUTH" : "ALLOW_USER_PASSWORD_AUTH", flow);
                String username = ApiShapes.requiredParameter(params, "USERNAME");
                String password = ApiShapes.requiredParameter(params, "PASSWORD");
                pool.checkSecretHash(client, secretHash, username, ApiShapes.canonical(pool, username));
                return authResult(client, pool.passwordSignIn(client, username, password));
            }
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> {
                ApiShapes.requireFlow(client, "ALLOW_REFRESH_TOKEN_AUTH", flow);
                String refreshToken = ApiShapes.requiredParameter(params, "REFRESH_TOKEN");
                if (client.hasSecret()) {
                    Optional<UserPool.UserView> owner = pool.refreshTokenOwner(client, refreshToken);
                    pool.checkSecretHash(
                            client,
                            secretHash,
                            owner.map(UserPool.UserView::username).orElse(null),
                            owner.map(UserPool.UserView::sub).orElse(null),
                            owner.map(u -> u.attributes().get("email")).orElse(null),
                            params.get("USERNAME"));
                }
                UserPool.Tokens tokens;
                try {
                    tokens = pool.refresh(client, refreshToken);
                } catch (UserPool.RefreshRejectedException e) {
                    throw new AwsServiceException(
                            e.rejection().errorType(), e.rejection().message());
                }
                return ApiShapes.tokensResult(tokens);
            }
            case "CUSTOM_AUTH" -> {
                ApiShapes.requireFlow(client, "ALLOW_CUSTOM_AUTH", flow);
                throw CognitoErrors.notAuthorized("Custom auth lambda trigger is not configured for the user pool.");
            }
            case "USER_AUTH" -> throw CognitoErrors.invalidParameter("USER_AUTH flow not enabled for this client");
            default ->
                throw AwsServiceException.constraint(
                        "AuthFlow",
                        "Member must satisfy enum value set: "
                                + "[USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, "
                                + "USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH]");
        }
    }

    /** RespondToAuthChallenge and AdminRespondToAuthChallenge: PASSWORD_VERIFIER and NEW_PASSWORD_REQUIRED. */
    JsonNode respondToAuthChallenge(ObjectNode in) {
        UserPool.ClientRuntime client = pool.requireClient(AwsJson.requiredString(in, "ClientId"));
        String challenge = AwsJson.requiredString(in, "ChallengeName");
        Map<String, String> responses = AwsJson.stringMap(in, "ChallengeResponses");
        String secretHash = responses.get("SECRET_HASH");
        switch (challenge) {
            case "PASSWORD_VERIFIER" -> {
                String username = ApiShapes.requiredParameter(responses, "USERNAME");
                String block = ApiShapes.requiredParameter(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
                String signature = ApiShapes.requiredParameter(responses, "PASSWORD_CLAIM_SIGNATURE");
                String timestamp = ApiShapes.requiredParameter(responses, "TIMESTAMP");
                return authResult(
                        client,
                        pool.respondToPasswordVerifier(client, username, block, timestamp, signature, secretHash));
            }
            case "NEW_PASSWORD_REQUIRED" -> {
                String session = AwsJson.optionalString(in, "Session").orElse(null);
                if (session == null) {
                    throw AwsServiceException.missing("Session");
                }
                Map<String, String> attributes = new LinkedHashMap<>();
                responses.forEach((k, v) -> {
                    if (k.startsWith("userAttributes.")) {
                        attributes.put(k.substring("userAttributes.".length()), v);
                    }
                });
                return authResult(
                        client,
                        pool.respondToNewPassword(
                                client,
                                session,
                                responses.get("USERNAME"),
                                responses.get("NEW_PASSWORD"),
                                attributes,
                                secretHash));
            }
            default ->
                throw CognitoErrors.invalidParameter("The challenge " + challenge
                        + " is not supported by the local user pool (it issues PASSWORD_VERIFIER and"
                        + " NEW_PASSWORD_REQUIRED).");
        }
    }

    /** The NEW_PASSWORD_REQUIRED challenge, or tokens of a new session. */
    private JsonNode authResult(UserPool.ClientRuntime client, UserPool.SignIn signIn) {
        if (signIn instanceof UserPool.SignIn.NewPasswordRequired challenge) {
            ObjectNode out = AwsJson.object();
            out.put("ChallengeName", "NEW_PASSWORD_REQUIRED");
            out.put("Session", challenge.session());
            ObjectNode parameters = out.putObject("ChallengeParameters");
            parameters.put("USER_ID_FOR_SRP", challenge.user().username());
            parameters.put(
                    "requiredAttributes",
                    AwsJson.MAPPER.valueToTree(challenge.requiredAttributes()).toString());
            parameters.put(
                    "userAttributes",
                    AwsJson.MAPPER.valueToTree(challenge.userAttributes()).toString());
            return out;
        }
        UserPool.UserView user = ((UserPool.SignIn.Authenticated) signIn).user();
        return ApiShapes.tokensResult(
                pool.startSession(client, user.username(), List.of(UserPool.ADMIN_SCOPE), true, null, false));
    }
}
