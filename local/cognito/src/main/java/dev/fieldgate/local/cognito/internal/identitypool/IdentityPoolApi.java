package dev.fieldgate.local.cognito.internal.identitypool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.cognito.internal.userpool.UserPool;
import dev.fieldgate.local.core.internal.awsjson.AwsJson;
import dev.fieldgate.local.core.internal.awsjson.AwsJsonService;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import dev.fieldgate.local.core.internal.http.HttpExchange;
import dev.fieldgate.local.core.internal.sigv4.SigV4Exception;
import dev.fieldgate.local.core.internal.sigv4.SigV4Verifier;
import dev.fieldgate.local.core.internal.sigv4.SignedHttpRequest;
import dev.fieldgate.local.core.internal.sigv4.VerifiedCaller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The Cognito identity pool API ({@code AWSCognitoIdentityService}, AWS JSON 1.1). */
public final class IdentityPoolApi {

    public static final String TARGET_PREFIX = "AWSCognitoIdentityService";
    private static final Pattern ID = Pattern.compile("[\\w-]+:[0-9a-f-]+");

    private final IdentityPool pool;
    private final UserPool userPool;
    private final SigV4Verifier verifier;

    public IdentityPoolApi(IdentityPool pool, UserPool userPool, SigV4Verifier verifier) {
        this.pool = pool;
        this.userPool = userPool;
        this.verifier = verifier;
    }

    public AwsJsonService service() {
        Map<String, AwsJsonService.Operation> ops = new LinkedHashMap<>();
        ops.put("GetId", (in, ex) -> {
            String poolId = id(in, "IdentityPoolId");
            ObjectNode out = AwsJson.object();
            out.put("IdentityId", pool.getId(poolId, logins(in)));
            return out;
        });
        ops.put("GetCredentialsForIdentity", (in, ex) -> {
            String identityId = id(in, "IdentityId");
            IdentityPool.Credentials credentials = pool.getCredentials(
                    identityId,
                    logins(in),
                    AwsJson.optionalString(in, "CustomRoleArn").orElse(null));
            ObjectNode out = AwsJson.object();
            out.put("IdentityId", credentials.identityId());
            ObjectNode c = out.putObject("Credentials");
            c.put("AccessKeyId", credentials.issued().credentials().accessKeyId());
            c.put("SecretKey", credentials.issued().credentials().secretAccessKey());
            c.put("SessionToken", credentials.issued().sessionToken());
            c.put(
                    "Expiration",
                    AwsJson.timestamp(credentials.issued().credentials().expiration()));
            return out;
        });
        ops.put("GetOpenIdToken", (in, ex) -> {
            String identityId = id(in, "IdentityId");
            ObjectNode out = AwsJson.object();
            out.put("IdentityId", identityId);
            out.put("Token", pool.getOpenIdToken(identityId, logins(in)));
            return out;
        });
        ops.put("DescribeIdentityPool", (in, ex) -> {
            authorizeAdministrator(ex, "DescribeIdentityPool");
            String poolId = id(in, "IdentityPoolId");
            requirePool(poolId);
            ObjectNode out = AwsJson.object();
            out.put("IdentityPoolId", pool.id());
            out.put("IdentityPoolName", pool.config().name());
            out.put("AllowUnauthenticatedIdentities", pool.config().allowUnauthenticatedIdentities());
            out.put("AllowClassicFlow", pool.config().allowClassicFlow());
            var providers = out.putArray("CognitoIdentityProviders");
            for (String clientName : pool.config().clients()) {
                userPool.clientByName(clientName)
                        .ifPresent(c -> providers
                                .addObject()
                                .put("ProviderName", userPool.providerName())
                                .put("ClientId", c.clientId())
                                .put("ServerSideTokenCheck", false));
            }
            return out;
        });
        ops.put("GetIdentityPoolRoles", (in, ex) -> {
            authorizeAdministrator(ex, "GetIdentityPoolRoles");
            String poolId = id(in, "IdentityPoolId");
            requirePool(poolId);
            ObjectNode out = AwsJson.object();
            out.put("IdentityPoolId", pool.id());
            ObjectNode roles = out.putObject("Roles");
            roles.put("authenticated", pool.authenticatedRoleArn());
            pool.guestRoleArn().ifPresent(arn -> roles.put("unauthenticated", arn));
            List<String> providers = pool.roleMappingProviders();
            if (!providers.isEmpty()) {
                ObjectNode mappings = out.putObject("RoleMappings");
                for (String provider : providers) {
                    mappings.putObject(provider)
                            .put("Type", "Token")
                            .put("AmbiguousRoleResolution", "AuthenticatedRole");
                }
            }
            return out;
        });
        return new AwsJsonService(TARGET_PREFIX, ops, "InternalErrorException");
    }

    private void requirePool(String poolId) {
        if (!pool.id().equals(poolId)) {
            throw new AwsServiceException("ResourceNotFoundException", "IdentityPool '" + poolId + "' not found.");
        }
    }

    private void authorizeAdministrator(HttpExchange exchange, String operation) throws java.io.IOException {
        VerifiedCaller caller;
        try {
            caller = verifier.verify(SignedHttpRequest.from(exchange), "cognito-identity", userPool.region());
        } catch (SigV4Exception e) {
            throw new AwsServiceException(e.awsErrorType(), e.getMessage());
        }
        if (!caller.isAdministrator()) {
            throw new AwsServiceException(
                    "AccessDeniedException",
                    "User: " + caller.arn()
                            + " is not authorized to perform: cognito-identity:" + operation + " on resource: "
                            + "arn:aws:cognito-identity:" + userPool.region() + ":" + caller.accountId()
                            + ":identitypool/"
                            + pool.id());
        }
    }

    private static String id(JsonNode in, String member) {
        String value = AwsJson.requiredString(in, member);
        if (value.length() > 55 || !ID.matcher(value).matches()) {
            throw AwsServiceException.constraint(
                    member, "Member must satisfy regular expression pattern: " + "[\\w-]+:[0-9a-f-]+");
        }
        return value;
    }

    private static Map<String, String> logins(JsonNode in) {
        Map<String, String> logins = AwsJson.stringMap(in, "Logins");
        if (logins.size() > 10) {
            throw AwsServiceException.constraint("Logins", "Member must have length less than or equal to 10");
        }
        return logins;
    }
}
