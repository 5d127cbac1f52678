package dev.fieldgate.verify.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.verify.VerifyException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What verification needs from the outputs file ({@code docs/outputs-file.md}): ids, ARNs, URLs and endpoint
 * overrides. The SDK's own reader is used for the guest call; this one also reads the role ARNs.
 */
public record OutputsDocument(String json, String region, String apiId, String graphqlUrl, String userPoolId,
                              Set<String> clientIds, String identityPoolId, boolean guestsEnabled,
                              String guestRoleArn, String authenticatedRoleArn, String app, String environment,
                              Map<String, URI> endpoints) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static OutputsDocument parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new VerifyException(source + " is not valid JSON (" + e.getOriginalMessage()
                    + "); pass the amplify_outputs.json that Terraform or ./fieldgate local wrote");
        }
        if (root == null || !root.isObject()) {
            throw new VerifyException(source + " is not a JSON object; pass the amplify_outputs.json that "
                    + "Terraform or ./fieldgate local wrote");
        }
        JsonNode auth = root.path("auth");
        JsonNode data = root.path("data");
        JsonNode custom = root.path("custom").path("fieldgate");
        String region = text(data, "aws_region").or(() -> text(auth, "aws_region")).orElse(null);
        String apiId = text(custom, "api_id").orElseThrow(() -> new VerifyException(source
                + " has no custom.fieldgate.api_id; it is not a Fieldgate outputs file (see docs/outputs-file.md)"));
        Set<String> clients = new LinkedHashSet<>();
        text(auth, "user_pool_client_id").ifPresent(clients::add);
        custom.path("user_pool_clients").forEach(id -> {
            if (id.isTextual() && !id.asText().isBlank()) {
                clients.add(id.asText());
            }
        });
        Map<String, URI> endpoints = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        custom.path("endpoints").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
                try {
                    endpoints.put(e.getKey(), URI.create(e.getValue().asText()));
                } catch (IllegalArgumentException ex) {
                    bad.add(e.getKey());
                }
            }
        });
        if (!bad.isEmpty()) {
            throw new VerifyException(source + ": custom.fieldgate.endpoints " + bad + " are not URLs");
        }
        return new OutputsDocument(json, region, apiId, text(data, "url").orElse(null),
                text(auth, "user_pool_id").orElse(null), Set.copyOf(clients),
                text(auth, "identity_pool_id").orElse(null),
                auth.path("unauthenticated_identities_enabled").asBoolean(false),
                text(custom, "guest_role_arn").orElse(null), text(custom, "authenticated_role_arn").orElse(null),
                text(custom, "app").orElse(""), text(custom, "environment").orElse(""), Map.copyOf(endpoints));
    }

    public Optional<URI> endpoint(String service) {
        return Optional.ofNullable(endpoints.get(service));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText())
                : Optional.empty();
    }
}
