package dev.fieldgate.local;

import dev.fieldgate.local.cognito.CognitoConfig;
import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.local.core.LocalStateException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outputs file ({@code amplify_outputs.json}, version 1.4, plus {@code custom.fieldgate}) of a local stack, in
 * the format docs/outputs-file.md specifies. The Cognito part ({@code auth}, the client ids, the roles and the
 * {@code cognito_idp}, {@code cognito_identity} and {@code oauth} endpoints) comes from a running
 * {@link LocalCognito}; the AppSync part ({@code data}, {@code api_id}, {@code realtime_url} and further endpoints)
 * is added by whoever runs the API. It never contains secrets: no client secrets, no administrator keys.
 */
public final class OutputsFile {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root;

    private OutputsFile(ObjectNode root) {
        this.root = root;
    }

    public static Builder builder(LocalCognito cognito) {
        return new Builder(Objects.requireNonNull(cognito, "cognito"));
    }

    /** The {@code data} section, as the AppSync side knows it. */
    public record DataSection(String awsRegion, String url, String defaultAuthorizationType,
            List<String> authorizationTypes) {
        public DataSection {
            Objects.requireNonNull(awsRegion, "awsRegion");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(defaultAuthorizationType, "defaultAuthorizationType");
            authorizationTypes = List.copyOf(authorizationTypes);
        }
    }

    /** The whole file as JSON text. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the outputs file", e);
        }
    }

    /** Only the {@code auth} section, as JSON text. */
    public String authJson() {
        try {
            return JSON.writeValueAsString(root.get("auth"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the auth section", e);
        }
    }

    /** Writes the file atomically (a reader never sees half a file). */
    public void writeTo(Path file) {
        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(temp, toJson(), StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LocalStateException("Cannot write the outputs file " + target + ": " + e.getMessage(), e);
        }
    }

    /** Builds an {@link OutputsFile}. */
    public static final class Builder {
        private final LocalCognito cognito;
        private DataSection data;
        private String apiId;
        private String realtimeUrl;
        private final Map<String, String> endpoints = new LinkedHashMap<>();

        private Builder(LocalCognito cognito) {
            this.cognito = cognito;
            String base = cognito.endpoint().toString();
            endpoints.put("cognito_idp", base);
            endpoints.put("cognito_identity", base);
        }

        public Builder data(DataSection data) {
            this.data = data;
            return this;
        }

        public Builder apiId(String apiId) {
            this.apiId = apiId;
            return this;
        }

        public Builder realtimeUrl(String realtimeUrl) {
            this.realtimeUrl = realtimeUrl;
            return this;
        }

        /** Adds an endpoint override ({@code sts}, {@code iam}, {@code appsync}, {@code dynamodb}, ...). */
        public Builder endpoint(String name, URI uri) {
            endpoints.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(uri, "uri").toString());
            return this;
        }

        public OutputsFile build() {
            JsonNodeFactory f = JsonNodeFactory.instance;
            ObjectNode root = f.objectNode();
            root.put("version", "1.4");
            root.set("auth", auth(f));
            if (data != null) {
                ObjectNode d = root.putObject("data");
                d.put("aws_region", data.awsRegion());
                d.put("url", data.url());
                d.put("default_authorization_type", data.defaultAuthorizationType());
                ArrayNode types = d.putArray("authorization_types");
                data.authorizationTypes().forEach(types::add);
            }
            ObjectNode custom = root.putObject("custom").putObject("fieldgate");
            custom.put("app", cognito.config().app());
            custom.put("environment", "local");
            if (apiId != null) {
                custom.put("api_id", apiId);
            }
            if (realtimeUrl != null) {
                custom.put("realtime_url", realtimeUrl);
            }
            ObjectNode clients = custom.putObject("user_pool_clients");
            cognito.clientIds().forEach(clients::put);
            cognito.guestRoleArn().ifPresent(arn -> custom.put("guest_role_arn", arn));
            cognito.authenticatedRoleArn().ifPresent(arn -> custom.put("authenticated_role_arn", arn));
            ObjectNode e = custom.putObject("endpoints");
            Map<String, String> all = new LinkedHashMap<>(endpoints);
            all.put("oauth", cognito.oauthBaseUri().toString());
            all.forEach(e::put);
            return new OutputsFile(root);
        }

        private ObjectNode auth(JsonNodeFactory f) {
            CognitoConfig config = cognito.config();
            CognitoConfig.UserPool pool = config.userPool();
            CognitoConfig.AppClient first = pool.clients().get(0);
            ObjectNode auth = f.objectNode();
            auth.put("aws_region", config.region());
            auth.put("user_pool_id", cognito.userPoolId());
            auth.put("user_pool_client_id", cognito.clientId(first.name()));
            cognito.identityPoolId().ifPresent(id -> auth.put("identity_pool_id", id));
            config.identityPool().ifPresent(ip ->
                    auth.put("unauthenticated_identities_enabled", ip.allowUnauthenticatedIdentities()));
            strings(auth.putArray("username_attributes"), pool.usernameAttributes());
            strings(auth.putArray("standard_required_attributes"), pool.requiredAttributes());
            strings(auth.putArray("user_verification_types"), pool.autoVerifiedAttributes());
            CognitoConfig.PasswordPolicy policy = pool.passwordPolicy();
            auth.putObject("password_policy")
                    .put("min_length", policy.minimumLength())
                    .put("require_numbers", policy.requireNumbers())
                    .put("require_lowercase", policy.requireLowercase())
                    .put("require_uppercase", policy.requireUppercase())
                    .put("require_symbols", policy.requireSymbols());
            auth.put("mfa_configuration", pool.mfa().equals("OFF") ? "NONE" : pool.mfa());
            auth.putArray("mfa_methods");
            ArrayNode groups = auth.putArray("groups");
            for (CognitoConfig.Group group : pool.groups()) {
                ObjectNode g = groups.addObject().putObject(group.name());
                if (group.precedence() != null) {
                    g.put("precedence", group.precedence());
                }
            }
            if (first.allowedOAuthFlows().contains("code") || first.allowedOAuthFlows().contains("implicit")) {
                ObjectNode oauth = auth.putObject("oauth");
                oauth.putArray("identity_providers");
                URI base = cognito.oauthBaseUri();
                oauth.put("domain", base.getHost() + ":" + base.getPort());
                strings(oauth.putArray("scopes"), new ArrayList<>(first.allowedOAuthScopes()));
                strings(oauth.putArray("redirect_sign_in_uri"), first.callbackUrls());
                strings(oauth.putArray("redirect_sign_out_uri"), first.logoutUrls());
                oauth.put("response_type", first.allowedOAuthFlows().contains("code") ? "code" : "token");
            }
            return auth;
        }

        private static void strings(ArrayNode array, List<String> values) {
            values.forEach(array::add);
        }
    }
}
