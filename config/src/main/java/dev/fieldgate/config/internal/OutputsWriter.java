package dev.fieldgate.config.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.config.AuthOutputs;
import dev.fieldgate.config.DataOutputs;
import dev.fieldgate.config.FieldgateOutputs;
import dev.fieldgate.config.OAuthOutputs;
import dev.fieldgate.config.OutputsFile;
import dev.fieldgate.config.PasswordPolicy;
import dev.fieldgate.config.StorageOutputs;
import java.util.Collection;

/** Writes the outputs file in Amplify Gen 2's key names and order. */
public final class OutputsWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OutputsWriter() {}

    public static String write(OutputsFile outputs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", outputs.version());
        outputs.auth().ifPresent(auth -> auth(root.putObject("auth"), auth));
        outputs.data().ifPresent(data -> data(root.putObject("data"), data));
        outputs.storage().ifPresent(storage -> storage(root.putObject("storage"), storage));
        outputs.fieldgate()
                .ifPresent(fieldgate -> fieldgate(root.putObject("custom").putObject("fieldgate"), fieldgate));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings, numbers and booleans always serializes", e);
        }
    }

    private static void auth(ObjectNode node, AuthOutputs auth) {
        node.put("aws_region", auth.awsRegion());
        putIfPresent(node, "user_pool_id", auth.userPoolId());
        putIfPresent(node, "user_pool_client_id", auth.userPoolClientId());
        putIfPresent(node, "identity_pool_id", auth.identityPoolId());
        if (auth.identityPoolId() != null) {
            node.put("unauthenticated_identities_enabled", auth.unauthenticatedIdentitiesEnabled());
        }
        strings(node.putArray("username_attributes"), auth.usernameAttributes());
        strings(node.putArray("standard_required_attributes"), auth.standardRequiredAttributes());
        strings(node.putArray("user_verification_types"), auth.userVerificationTypes());
        PasswordPolicy policy = auth.passwordPolicy();
        if (policy != null) {
            node.putObject("password_policy")
                    .put("min_length", policy.minimumLength())
                    .put("require_numbers", policy.requireNumbers())
                    .put("require_lowercase", policy.requireLowercase())
                    .put("require_uppercase", policy.requireUppercase())
                    .put("require_symbols", policy.requireSymbols());
        }
        node.put("mfa_configuration", auth.mfaConfiguration());
        strings(node.putArray("mfa_methods"), auth.mfaMethods());
        ArrayNode groups = node.putArray("groups");
        auth.groups().forEach((name, precedence) -> {
            ObjectNode group = groups.addObject().putObject(name);
            if (precedence != null) {
                group.put("precedence", precedence);
            }
        });
        OAuthOutputs oauth = auth.oauth();
        if (oauth != null) {
            ObjectNode o = node.putObject("oauth");
            strings(o.putArray("identity_providers"), oauth.identityProviders());
            o.put("domain", oauth.domain());
            strings(o.putArray("scopes"), oauth.scopes());
            strings(o.putArray("redirect_sign_in_uri"), oauth.redirectSignInUri());
            strings(o.putArray("redirect_sign_out_uri"), oauth.redirectSignOutUri());
            o.put("response_type", oauth.responseType());
        }
    }

    private static void data(ObjectNode node, DataOutputs data) {
        node.put("aws_region", data.awsRegion());
        node.put("url", data.url());
        node.put("default_authorization_type", data.defaultAuthorizationType());
        strings(node.putArray("authorization_types"), data.authorizationTypes());
    }

    private static void storage(ObjectNode node, StorageOutputs storage) {
        node.put("aws_region", storage.awsRegion());
        node.put("bucket_name", storage.bucketName());
        ArrayNode buckets = node.putArray("buckets");
        for (StorageOutputs.Bucket bucket : storage.buckets()) {
            ObjectNode b = buckets.addObject();
            b.put("name", bucket.name());
            b.put("bucket_name", bucket.bucketName());
            b.put("aws_region", bucket.awsRegion());
            ObjectNode paths = b.putObject("paths");
            bucket.paths().forEach((pattern, access) -> {
                ObjectNode who = paths.putObject(pattern);
                access.forEach((caller, words) -> strings(who.putArray(caller), words));
            });
        }
    }

    private static void fieldgate(ObjectNode node, FieldgateOutputs fieldgate) {
        putIfPresent(node, "app", fieldgate.app());
        putIfPresent(node, "environment", fieldgate.environment());
        putIfPresent(node, "api_id", fieldgate.apiId());
        putIfPresent(node, "realtime_url", fieldgate.realtimeUrl());
        ObjectNode clients = node.putObject("user_pool_clients");
        fieldgate.userPoolClients().forEach(clients::put);
        putIfPresent(node, "guest_role_arn", fieldgate.guestRoleArn());
        putIfPresent(node, "authenticated_role_arn", fieldgate.authenticatedRoleArn());
        ObjectNode endpoints = node.putObject("endpoints");
        fieldgate.endpoints().forEach((service, uri) -> endpoints.put(service, uri.toString()));
        putIfPresent(node, "admin_credentials_file", fieldgate.adminCredentialsFile());
    }

    private static void putIfPresent(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }
}
