package dev.fieldgate.local.cognito.internal.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.core.internal.awsjson.AwsJson;
import dev.fieldgate.local.core.internal.awsjson.AwsJsonService;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import dev.fieldgate.local.cognito.internal.userpool.PoolState.GroupRecord;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import dev.fieldgate.local.core.internal.sigv4.SigV4Exception;
import dev.fieldgate.local.core.internal.sigv4.SigV4Verifier;
import dev.fieldgate.local.core.internal.sigv4.SignedHttpRequest;
import dev.fieldgate.local.core.internal.sigv4.VerifiedCaller;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Cognito user pool API ({@code AWSCognitoIdentityProviderService}, AWS JSON 1.1). Public operations take the
 * caller's tokens in the body; admin operations require a SigV4 signature by the local administrator.
 */
public final class UserPoolApi {

    public static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService";
    private static final String SIGNING_NAME = "cognito-idp";
    private static final Pattern FILTER =
            Pattern.compile("\\s*([\\w:]+)\\s*(=|\\^=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*");
    private static final Set<String> FILTERABLE = Set.of("username", "email", "phone_number", "name", "given_name",
            "family_name", "preferred_username", "cognito:user_status", "status", "sub");

    private final UserPool pool;
    private final SigV4Verifier verifier;

    public UserPoolApi(UserPool pool, SigV4Verifier verifier) {
        this.pool = pool;
        this.verifier = verifier;
    }

    public AwsJsonService service() {
        Map<String, AwsJsonService.Operation> ops = new LinkedHashMap<>();
        ops.put("SignUp", (in, ex) -> signUp(in));
        ops.put("ConfirmSignUp", (in, ex) -> confirmSignUp(in));
        ops.put("ResendConfirmationCode", (in, ex) -> resendConfirmationCode(in));
        ops.put("InitiateAuth", (in, ex) -> initiateAuth(in, false));
        ops.put("RespondToAuthChallenge", (in, ex) -> respondToAuthChallenge(in));
        ops.put("ForgotPassword", (in, ex) -> forgotPassword(in));
        ops.put("ConfirmForgotPassword", (in, ex) -> confirmForgotPassword(in));
        ops.put("GetUser", (in, ex) -> getUser(in));
        ops.put("UpdateUserAttributes", (in, ex) -> updateUserAttributes(in));
        ops.put("GetUserAttributeVerificationCode", (in, ex) -> getUserAttributeVerificationCode(in));
        ops.put("VerifyUserAttribute", (in, ex) -> verifyUserAttribute(in));
        ops.put("ChangePassword", (in, ex) -> changePassword(in));
        ops.put("GlobalSignOut", (in, ex) -> globalSignOut(in));
        ops.put("RevokeToken", (in, ex) -> revokeToken(in));
        ops.put("DeleteUser", (in, ex) -> deleteUser(in));

        admin(ops, "AdminCreateUser", this::adminCreateUser);
        admin(ops, "AdminSetUserPassword", this::adminSetUserPassword);
        admin(ops, "AdminConfirmSignUp", in -> {
            pool.adminConfirmSignUp(AwsJson.requiredString(in, "Username"));
            return AwsJson.object();
        });
        admin(ops, "AdminGetUser", this::adminGetUser);
        admin(ops, "AdminDeleteUser", in -> {
            pool.deleteUser(AwsJson.requiredString(in, "Username"));
            return AwsJson.object();
        });
        admin(ops, "AdminDisableUser", in -> {
            pool.setEnabled(AwsJson.requiredString(in, "Username"), false);
            return AwsJson.object();
        });
        admin(ops, "AdminEnableUser", in -> {
            pool.setEnabled(AwsJson.requiredString(in, "Username"), true);
            return AwsJson.object();
        });
        admin(ops, "AdminResetUserPassword", in -> {
            pool.adminResetUserPassword(AwsJson.requiredString(in, "Username"));
            return AwsJson.object();
        });
        admin(ops, "AdminUpdateUserAttributes", in -> {
            pool.updateAttributes(AwsJson.requiredString(in, "Username"), requiredAttributes(in, "UserAttributes"),
                    true);
            return AwsJson.object();
        });
        admin(ops, "AdminAddUserToGroup", in -> {
            pool.addUserToGroup(AwsJson.requiredString(in, "Username"), AwsJson.requiredString(in, "GroupName"));
            return AwsJson.object();
        });
        admin(ops, "AdminRemoveUserFromGroup", in -> {
            pool.removeUserFromGroup(AwsJson.requiredString(in, "Username"),
                    AwsJson.requiredString(in, "GroupName"));
            return AwsJson.object();
        });
        admin(ops, "AdminListGroupsForUser", this::adminListGroupsForUser);
        admin(ops, "ListUsers", this::listUsers);
        admin(ops, "CreateGroup", this::createGroup);
        admin(ops, "ListGroups", this::listGroups);
        admin(ops, "AdminInitiateAuth", in -> initiateAuth(in, true));
        admin(ops, "AdminRespondToAuthChallenge", this::respondToAuthChallenge);
        admin(ops, "AdminUserGlobalSignOut", in -> {
            UserSnapshot user = pool.userSnapshot(AwsJson.requiredString(in, "Username"));
            pool.globalSignOut(user.username());
            return AwsJson.object();
        });
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
            throw new AwsServiceException("AccessDeniedException", "User: " + caller.arn()
                    + " is not authorized to perform: cognito-idp:" + operation + " on resource: arn:aws:cognito-idp:"
                    + pool.region() + ":" + caller.accountId() + ":userpool/" + pool.id()
                    + " because no identity-based policy allows the cognito-idp:" + operation + " action");
        }
    }

    // ------------------------------------------------------------------ public operations

    private JsonNode signUp(ObjectNode in) {
        UserPool.ClientRuntime client = pool.requireClient(AwsJson.requiredString(in, "ClientId"));
        String username = AwsJson.requiredString(in, "Username");
        pool.checkSecretHash(client, AwsJson.optionalString(in, "SecretHash").orElse(null), username);
        String password = AwsJson.requiredString(in, "Password");
        UserPool.SignUpResult result = pool.signUp(client, username, password,
                AwsJson.attributeList(in, "UserAttributes"));
        ObjectNode out = AwsJson.object();
        out.put("UserConfirmed", false);
        result.delivery().ifPresent(d -> out.set("CodeDeliveryDetails", delivery(d)));
        out.put("UserSub", result.user().sub());
        return out;
    }

    private JsonNode confirmSignUp(ObjectNode in) {
        UserPool.ClientRuntime client = pool.requireClient(AwsJson.requiredString(in, "ClientId"));
        String username = AwsJson.requiredString(in, "Username");
        String code = AwsJson.requiredString(in, "ConfirmationCode");
        pool.checkSecretHash(client, AwsJson.optionalString(in, "SecretHash").orElse(null), username,
                canonical(username));
        pool.confirmSignUp(client, username, code);
        return AwsJson.object();
    }

    private JsonNode resendConfirmationCode(ObjectNode in) {
        UserPool.ClientRuntime client = pool.requireClient(AwsJson.requiredString(in, "ClientId"));
        String username = AwsJson.requiredString(in, "Username");
        pool.checkSecretHash(client, AwsJson.optionalString(in, "SecretHash").orElse(null), username,
                canonical(username));
        ObjectNode out = AwsJson.object();
        out.set("CodeDeliveryDetails", delivery(pool.resendConfirmationCode(client, username)));
        return out;
    }

    private JsonNode initiateAuth(ObjectNode in, boolean admin) {
        String flow = AwsJson.requiredString(in, "AuthFlow");
        UserPool.ClientRuntime client = pool.requireClient(AwsJson.requiredString(in, "ClientId"));
        Map<String, String> params = AwsJson.stringMap(in, "AuthParameters");
        String secretHash = params.get("SECRET_HASH");
        switch (flow) {
            case "USER_SRP_AUTH" -> {
                requireFlow(client, "ALLOW_USER_SRP_AUTH", flow);
                String username = requiredParameter(params, "USERNAME");
                String srpA = requiredParameter(params, "SRP_A");
                pool.checkSecretHash(client, secretHash, username, canonical(username));
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
                requireFlow(client, adminFlow ? "ALLOW_ADMIN_USER_PASSWORD_AUTH" : "ALLOW_USER_PASSWORD_AUTH", flow);
                String username = requiredParameter(params, "USERNAME");
                String password = requiredParameter(params, "PASSWORD");
                pool.checkSecretHash(client, secretHash, username, canonical(username));
                return authResult(client, pool.passwordSignIn(client, username, password));
            }
            case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" -> {
                requireFlow(client, "ALLOW_REFRESH_TOKEN_AUTH", flow);
                String refreshToken = requiredParameter(params, "REFRESH_TOKEN");
                if (client.hasSecret()) {
                    Optional<UserPool.UserView> owner = pool.refreshTokenOwner(client, refreshToken);
                    pool.checkSecretHash(client, secretHash, owner.map(UserPool.UserView::username).orElse(null),
                            owner.map(UserPool.UserView::sub).orElse(null),
                            owner.map(u -> u.attributes().get("email")).orElse(null),
                            params.get("USERNAME"));
                }
                UserPool.Tokens tokens;
                try {
                    tokens = pool.refresh(client, refreshToken);
                } catch (UserPool.RefreshRejectedException e) {
                    throw CognitoErrors.notAuthorized(e.rejection().message());
                }
                return tokensResult(tokens);
            }
            case "CUSTOM_AUTH" -> {
                requireFlow(client, "ALLOW_CUSTOM_AUTH", flow);
                throw CognitoErrors.notAuthorized("Custom auth lambda trigger is not configured for the user pool.");
            }
            case "USER_AUTH" -> throw CognitoErrors.invalidParameter("USER_AUTH flow not enabled for this client");
            default -> throw AwsServiceException.constraint("AuthFlow", "Member must satisfy enum value set: "
                    + "[USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN, CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, "
                    + "USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH]");
        }
    }

    private JsonNode respondToAuthChallenge(ObjectNode in) {
        UserPool.ClientRuntime client = pool.requireClient(AwsJson.requiredString(in, "ClientId"));
        String challenge = AwsJson.requiredString(in, "ChallengeName");
        Map<String, String> responses = AwsJson.stringMap(in, "ChallengeResponses");
        String secretHash = responses.get("SECRET_HASH");
        switch (challenge) {
            case "PASSWORD_VERIFIER" -> {
                String username = requiredParameter(responses, "USERNAME");
                String block = requiredParameter(responses, "PASSWORD_CLAIM_SECRET_BLOCK");
                String signature = requiredParameter(responses, "PASSWORD_CLAIM_SIGNATURE");
                String timestamp = requiredParameter(responses, "TIMESTAMP");
                return authResult(client, pool.respondToPasswordVerifier(client, username, block, timestamp,
                        signature, secretHash));
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
                return authResult(client, pool.respondToNewPassword(client, session, responses.get("USERNAME"),
                        responses.get("NEW_PASSWORD"), attributes, secretHash));
            }
            default -> throw CognitoErrors.invalidParameter("The challenge " + challenge
                    + " is not supported by the local user pool (it issues PASSWORD_VERIFIER and"
                    + " NEW_PASSWORD_REQUIRED).");
        }
    }

    private JsonNode forgotPassword(ObjectNode in) {
        UserPool.ClientRuntime client = pool.requireClient(AwsJson.requiredString(in, "ClientId"));
        String username = AwsJson.requiredString(in, "Username");
        pool.checkSecretHash(client, AwsJson.optionalString(in, "SecretHash").orElse(null), username,
                canonical(username));
        ObjectNode out = AwsJson.object();
        out.set("CodeDeliveryDetails", delivery(pool.forgotPassword(client, username)));
        return out;
    }

    private JsonNode confirmForgotPassword(ObjectNode in) {
        UserPool.ClientRuntime client = pool.requireClient(AwsJson.requiredString(in, "ClientId"));
        String username = AwsJson.requiredString(in, "Username");
        String code = AwsJson.requiredString(in, "ConfirmationCode");
        String password = AwsJson.requiredString(in, "Password");
        pool.checkSecretHash(client, AwsJson.optionalString(in, "SecretHash").orElse(null), username,
                canonical(username));
        pool.confirmForgotPassword(client, username, code, password);
        return AwsJson.object();
    }

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

    private JsonNode getUser(ObjectNode in) {
        UserPool.UserView user = accessTokenUser(in);
        UserSnapshot record = pool.userSnapshot(user.username());
        ObjectNode out = AwsJson.object();
        out.put("Username", record.username());
        out.set("UserAttributes", attributes(record, null));
        return out;
    }

    private JsonNode updateUserAttributes(ObjectNode in) {
        UserPool.UserView user = accessTokenUser(in);
        List<UserPool.CodeDelivery> deliveries = pool.updateAttributes(user.username(),
                requiredAttributes(in, "UserAttributes"), false);
        ObjectNode out = AwsJson.object();
        ArrayNode list = out.putArray("CodeDeliveryDetailsList");
        deliveries.forEach(d -> list.add(delivery(d)));
        return out;
    }

    private JsonNode getUserAttributeVerificationCode(ObjectNode in) {
        UserPool.UserView user = accessTokenUser(in);
        String attribute = AwsJson.requiredString(in, "AttributeName");
        ObjectNode out = AwsJson.object();
        out.set("CodeDeliveryDetails", delivery(pool.sendAttributeVerificationCode(user.username(), attribute)));
        return out;
    }

    private JsonNode verifyUserAttribute(ObjectNode in) {
        UserPool.UserView user = accessTokenUser(in);
        pool.verifyAttribute(user.username(), AwsJson.requiredString(in, "AttributeName"),
                AwsJson.requiredString(in, "Code"));
        return AwsJson.object();
    }

    private JsonNode changePassword(ObjectNode in) {
        String previous = AwsJson.optionalString(in, "PreviousPassword").orElse(null);
        String proposed = AwsJson.requiredString(in, "ProposedPassword");
        UserPool.UserView user = accessTokenUser(in);
        if (previous == null) {
            throw AwsServiceException.missing("PreviousPassword");
        }
        pool.changePassword(user.username(), previous, proposed);
        return AwsJson.object();
    }

    private JsonNode globalSignOut(ObjectNode in) {
        UserPool.UserView user = accessTokenUser(in);
        pool.globalSignOut(user.username());
        return AwsJson.object();
    }

    private JsonNode revokeToken(ObjectNode in) {
        String token = AwsJson.requiredString(in, "Token");
        String clientId = AwsJson.requiredString(in, "ClientId");
        String secret = AwsJson.optionalString(in, "ClientSecret").orElse(null);
        UserPool.ClientRuntime client = pool.client(clientId).orElseThrow(() ->
                new AwsServiceException("UnauthorizedException", "Invalid client id or client secret."));
        if (client.hasSecret() && !pool.clientSecretMatches(client, secret)) {
            throw new AwsServiceException("UnauthorizedException", "Invalid client id or client secret.");
        }
        if (!client.config().enableTokenRevocation()) {
            throw new AwsServiceException("UnsupportedOperationException",
                    "Token revocation is not enabled for this app client.");
        }
        if (!UserPool.looksLikeRefreshToken(token)) {
            throw new AwsServiceException("UnsupportedTokenTypeException", "Only refresh tokens can be revoked.");
        }
        // Unknown tokens and other clients' tokens answer success without revoking anything (RFC 7009).
        pool.revokeRefreshToken(client, token);
        return AwsJson.object();
    }

    private JsonNode deleteUser(ObjectNode in) {
        UserPool.UserView user = accessTokenUser(in);
        pool.deleteUser(user.username());
        return AwsJson.object();
    }

    // ------------------------------------------------------------------ admin operations

    private JsonNode adminCreateUser(ObjectNode in) {
        String username = AwsJson.requiredString(in, "Username");
        String action = AwsJson.optionalString(in, "MessageAction").orElse(null);
        if (action != null && !action.equals("RESEND") && !action.equals("SUPPRESS")) {
            throw AwsServiceException.constraint("MessageAction",
                    "Member must satisfy enum value set: [RESEND, SUPPRESS]");
        }
        Set<String> mediums = new LinkedHashSet<>();
        JsonNode requested = in.get("DesiredDeliveryMediums");
        if (requested != null && requested.isArray()) {
            requested.forEach(m -> mediums.add(m.asText()));
        }
        UserPool.UserView created = pool.adminCreateUser(username, AwsJson.attributeList(in, "UserAttributes"),
                AwsJson.optionalString(in, "TemporaryPassword").orElse(null), "RESEND".equals(action),
                "SUPPRESS".equals(action), mediums);
        ObjectNode out = AwsJson.object();
        out.set("User", userType(pool.userSnapshot(created.username()), null));
        return out;
    }

    private JsonNode adminSetUserPassword(ObjectNode in) {
        pool.adminSetUserPassword(AwsJson.requiredString(in, "Username"), AwsJson.requiredString(in, "Password"),
                AwsJson.optionalBoolean(in, "Permanent").orElse(false));
        return AwsJson.object();
    }

    private JsonNode adminGetUser(ObjectNode in) {
        UserSnapshot user = pool.userSnapshot(AwsJson.requiredString(in, "Username"));
        ObjectNode out = AwsJson.object();
        out.put("Username", user.username());
        out.set("UserAttributes", attributes(user, null));
        out.put("UserCreateDate", AwsJson.timestamp(Instant.ofEpochMilli(user.createdMillis())));
        out.put("UserLastModifiedDate", AwsJson.timestamp(Instant.ofEpochMilli(user.modifiedMillis())));
        out.put("Enabled", user.enabled());
        out.put("UserStatus", user.status().cognitoName());
        return out;
    }

    private JsonNode adminListGroupsForUser(ObjectNode in) {
        List<GroupRecord> groups = pool.groupsOf(AwsJson.requiredString(in, "Username"));
        return page(groups, in, "Limit", 60, "NextToken", "Groups", "NextToken", this::groupType);
    }

    private JsonNode listGroups(ObjectNode in) {
        return page(pool.groups(), in, "Limit", 60, "NextToken", "Groups", "NextToken", this::groupType);
    }

    private JsonNode createGroup(ObjectNode in) {
        String name = AwsJson.requiredString(in, "GroupName");
        if (!name.matches("[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}")) {
            throw AwsServiceException.constraint("GroupName",
                    "Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
        }
        Optional<Integer> precedence = AwsJson.optionalInt(in, "Precedence");
        if (precedence.isPresent() && precedence.get() < 0) {
            throw AwsServiceException.constraint("Precedence", "Member must have value greater than or equal to 0");
        }
        GroupRecord group = pool.createGroup(name, AwsJson.optionalString(in, "Description").orElse(null),
                precedence.orElse(null), AwsJson.optionalString(in, "RoleArn").orElse(null));
        ObjectNode out = AwsJson.object();
        out.set("Group", groupType(group));
        return out;
    }

    private JsonNode listUsers(ObjectNode in) {
        Predicate<UserSnapshot> filter = filter(AwsJson.optionalString(in, "Filter").orElse(""));
        Set<String> attributesToGet = null;
        JsonNode requested = in.get("AttributesToGet");
        if (requested != null && requested.isArray()) {
            attributesToGet = new LinkedHashSet<>();
            for (JsonNode a : requested) {
                attributesToGet.add(a.asText());
            }
        }
        Set<String> wanted = attributesToGet;
        List<UserSnapshot> users = pool.allUserSnapshots().stream().filter(filter).toList();
        return page(users, in, "Limit", 60, "PaginationToken", "Users", "PaginationToken",
                u -> userType(u, wanted));
    }

    private Predicate<UserSnapshot> filter(String text) {
        if (text.isBlank()) {
            return u -> true;
        }
        Matcher m = FILTER.matcher(text);
        if (!m.matches() || !FILTERABLE.contains(m.group(1))) {
            throw CognitoErrors.invalidParameter("Error while parsing filter.");
        }
        String attribute = m.group(1);
        boolean prefix = m.group(2).equals("^=");
        String value = m.group(3).replaceAll("\\\\(.)", "$1");
        return user -> {
            String actual = switch (attribute) {
                case "username" -> user.username();
                case "sub" -> user.sub();
                case "cognito:user_status" -> user.status().cognitoName();
                case "status" -> user.enabled() ? "Enabled" : "Disabled";
                default -> user.attribute(attribute);
            };
            if (actual == null) {
                return false;
            }
            String a = actual.toLowerCase(Locale.ROOT);
            String v = value.toLowerCase(Locale.ROOT);
            return prefix ? a.startsWith(v) : a.equals(v);
        };
    }

    // ------------------------------------------------------------------ shapes

    private JsonNode authResult(UserPool.ClientRuntime client, UserPool.SignIn signIn) {
        if (signIn instanceof UserPool.SignIn.NewPasswordRequired challenge) {
            ObjectNode out = AwsJson.object();
            out.put("ChallengeName", "NEW_PASSWORD_REQUIRED");
            out.put("Session", challenge.session());
            ObjectNode parameters = out.putObject("ChallengeParameters");
            parameters.put("USER_ID_FOR_SRP", challenge.user().username());
            parameters.put("requiredAttributes", AwsJson.MAPPER.valueToTree(challenge.requiredAttributes())
                    .toString());
            parameters.put("userAttributes", AwsJson.MAPPER.valueToTree(challenge.userAttributes()).toString());
            return out;
        }
        UserPool.UserView user = ((UserPool.SignIn.Authenticated) signIn).user();
        return tokensResult(pool.startSession(client, user.username(), List.of(UserPool.ADMIN_SCOPE), true, null,
                false));
    }

    private static JsonNode tokensResult(UserPool.Tokens tokens) {
        ObjectNode out = AwsJson.object();
        out.putObject("ChallengeParameters");
        ObjectNode result = out.putObject("AuthenticationResult");
        result.put("AccessToken", tokens.accessToken());
        result.put("ExpiresIn", tokens.expiresInSeconds());
        result.put("TokenType", "Bearer");
        if (tokens.refreshToken() != null) {
            result.put("RefreshToken", tokens.refreshToken());
        }
        if (tokens.idToken() != null) {
            result.put("IdToken", tokens.idToken());
        }
        return out;
    }

    private static ObjectNode delivery(UserPool.CodeDelivery d) {
        ObjectNode node = AwsJson.object();
        node.put("Destination", d.destination());
        node.put("DeliveryMedium", d.deliveryMedium());
        node.put("AttributeName", d.attributeName());
        return node;
    }

    private ArrayNode attributes(UserSnapshot user, Set<String> only) {
        ArrayNode list = AwsJson.MAPPER.createArrayNode();
        for (Map.Entry<String, String> attr : user.attributes()) {
            if (only == null || only.contains(attr.getKey())) {
                list.addObject().put("Name", attr.getKey()).put("Value", attr.getValue());
            }
        }
        return list;
    }

    private ObjectNode userType(UserSnapshot user, Set<String> only) {
        ObjectNode node = AwsJson.object();
        node.put("Username", user.username());
        node.set("Attributes", attributes(user, only));
        node.put("UserCreateDate", AwsJson.timestamp(Instant.ofEpochMilli(user.createdMillis())));
        node.put("UserLastModifiedDate", AwsJson.timestamp(Instant.ofEpochMilli(user.modifiedMillis())));
        node.put("Enabled", user.enabled());
        node.put("UserStatus", user.status().cognitoName());
        return node;
    }

    private ObjectNode groupType(GroupRecord group) {
        ObjectNode node = AwsJson.object();
        node.put("GroupName", group.name);
        node.put("UserPoolId", pool.id());
        if (group.description != null) {
            node.put("Description", group.description);
        }
        if (group.roleArn != null) {
            node.put("RoleArn", group.roleArn);
        }
        if (group.precedence != null) {
            node.put("Precedence", group.precedence);
        }
        node.put("LastModifiedDate", AwsJson.timestamp(Instant.ofEpochMilli(group.modifiedMillis)));
        node.put("CreationDate", AwsJson.timestamp(Instant.ofEpochMilli(group.createdMillis)));
        return node;
    }

    private <T> JsonNode page(List<T> items, ObjectNode in, String limitMember, int maxLimit, String tokenMember,
            String listName, String nextName, java.util.function.Function<T, JsonNode> shape) {
        int limit = AwsJson.optionalInt(in, limitMember).orElse(maxLimit);
        if (limit < 0 || limit > maxLimit) {
            throw AwsServiceException.constraint(limitMember, "Member must have value less than or equal to "
                    + maxLimit);
        }
        if (limit == 0) {
            limit = maxLimit;
        }
        int offset = AwsJson.optionalString(in, tokenMember).map(UserPoolApi::decodePageToken).orElse(0);
        ObjectNode out = AwsJson.object();
        ArrayNode list = out.putArray(listName);
        int end = Math.min(items.size(), offset + limit);
        for (int i = offset; i < end; i++) {
            list.add(shape.apply(items.get(i)));
        }
        if (end < items.size()) {
            out.put(nextName, Base64.getEncoder().encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static int decodePageToken(String token) {
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("offset:")) {
                int offset = Integer.parseInt(text.substring(7));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw CognitoErrors.invalidParameter("Invalid pagination token.");
    }

    // ------------------------------------------------------------------ helpers

    private Map<String, String> requiredAttributes(ObjectNode in, String member) {
        if (!in.has(member) || in.get(member).isNull()) {
            throw AwsServiceException.missing(member);
        }
        return AwsJson.attributeList(in, member);
    }

    private String canonical(String signInName) {
        return pool.findUserView(signInName).map(UserPool.UserView::username).orElse(null);
    }

    private static void requireFlow(UserPool.ClientRuntime client, String explicitFlow, String flow) {
        if (!client.allows(explicitFlow)) {
            throw CognitoErrors.invalidParameter(flow + " flow not enabled for this client");
        }
    }

    private static String requiredParameter(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            throw CognitoErrors.missingAuthParameter(name);
        }
        return value;
    }
}
