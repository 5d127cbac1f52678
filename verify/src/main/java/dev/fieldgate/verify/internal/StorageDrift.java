package dev.fieldgate.verify.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.StorageStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * Compares what S3 and IAM answer about a deployed storage declaration with what the declaration says: each bucket
 * private (every public access switch on), encrypted and refusing plain HTTP, and each identity pool role allowed
 * exactly the S3 actions the policy module derives, on the same object patterns and listing prefixes. Pure functions
 * of the answers, so they are tested on AWS-shaped responses without an account.
 */
public final class StorageDrift {

    /** The server-side encryption algorithms S3 knows: SSE-S3, SSE-KMS and dual-layer SSE-KMS. */
    static final Set<String> ENCRYPTION = Set.of("AES256", "aws:kms", "aws:kms:dsse");

    private static final ObjectMapper JSON = new ObjectMapper();

    private StorageDrift() {}

    /** What is wrong with a bucket's public access block; {@code config} null when S3 has none for the bucket. */
    public static List<String> publicAccessBlock(String bucket, PublicAccessBlockConfiguration config) {
        if (config == null) {
            return List.of(bucket + " has no public access block: anyone the bucket policy or an ACL names could"
                    + " read it");
        }
        List<String> off = new ArrayList<>();
        if (!Boolean.TRUE.equals(config.blockPublicAcls())) {
            off.add("BlockPublicAcls");
        }
        if (!Boolean.TRUE.equals(config.ignorePublicAcls())) {
            off.add("IgnorePublicAcls");
        }
        if (!Boolean.TRUE.equals(config.blockPublicPolicy())) {
            off.add("BlockPublicPolicy");
        }
        if (!Boolean.TRUE.equals(config.restrictPublicBuckets())) {
            off.add("RestrictPublicBuckets");
        }
        return off.isEmpty()
                ? List.of()
                : List.of(bucket + "'s public access block has " + String.join(", ", off) + " off");
    }

    /** What is wrong with a bucket's default encryption; {@code config} null when S3 has none for the bucket. */
    public static List<String> encryption(String bucket, ServerSideEncryptionConfiguration config) {
        if (config == null || !config.hasRules() || config.rules().isEmpty()) {
            return List.of(bucket + " has no default encryption");
        }
        for (ServerSideEncryptionRule rule : config.rules()) {
            ServerSideEncryptionByDefault byDefault = rule.applyServerSideEncryptionByDefault();
            if (byDefault != null && ENCRYPTION.contains(byDefault.sseAlgorithmAsString())) {
                return List.of();
            }
        }
        return List.of(
                bucket + " has no default encryption with " + String.join(", ", new java.util.TreeSet<>(ENCRYPTION)));
    }

    /**
     * What is wrong with a bucket's policy as a guard against plain HTTP: it must deny every S3 action to everyone on
     * the bucket and its objects when {@code aws:SecureTransport} is false. {@code policyJson} null: no policy.
     */
    public static List<String> tlsOnly(String bucket, String bucketArn, String policyJson) {
        String missing = bucket + " accepts requests over plain HTTP: its bucket policy needs a Deny of s3:* to"
                + " \"*\" on " + bucketArn + " and " + bucketArn + "/* when aws:SecureTransport is false";
        if (policyJson == null || policyJson.isBlank()) {
            return List.of(missing);
        }
        JsonNode root;
        try {
            root = JSON.readTree(policyJson);
        } catch (JsonProcessingException e) {
            return List.of(bucket + "'s bucket policy is not valid JSON");
        }
        for (JsonNode statement : list(root.path("Statement"))) {
            boolean deny = statement.path("Effect").asText("").equals("Deny");
            boolean everyone = statement.path("Principal").asText("").equals("*")
                    || strings(statement.path("Principal").path("AWS")).contains("*");
            boolean everyAction = strings(statement.path("Action")).contains("s3:*");
            List<String> resources = strings(statement.path("Resource"));
            boolean covers = resources.contains(bucketArn) && resources.contains(bucketArn + "/*");
            JsonNode secure = statement.path("Condition").path("Bool").path("aws:SecureTransport");
            boolean insecure = strings(secure).contains("false");
            if (deny && everyone && everyAction && covers && insecure) {
                return List.of();
            }
        }
        return List.of(missing);
    }

    /**
     * Compares a role's S3 statements with the ones the declaration grants it.
     *
     * @param role      {@code guest} or {@code authenticated}, for the messages
     * @param expected  the declaration's statements for the role ({@code StoragePolicy.statements(role)})
     * @param bucketArn the physical bucket's ARN for a declared bucket name
     * @param policies  every policy of the role
     */
    public static RoleGrants.Findings roleStatements(
            String role,
            List<StorageStatement> expected,
            Function<String, String> bucketArn,
            List<RoleGrants.PolicySource> policies) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (StorageStatement statement : expected) {
            String arn = bucketArn.apply(statement.bucket());
            for (String action : statement.actions()) {
                for (String object : statement.objects()) {
                    wanted.put(key(action, arn + "/" + object, null), action + " on " + arn + "/" + object);
                }
                for (String prefix : statement.listPrefixes()) {
                    wanted.put(key(action, arn, prefix), action + " on " + arn + " for s3:prefix " + prefix);
                }
            }
        }
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> granted = new LinkedHashSet<>();
        for (RoleGrants.PolicySource policy : policies) {
            JsonNode root;
            try {
                root = JSON.readTree(policy.document());
            } catch (JsonProcessingException e) {
                failures.add(policy.name() + ": the policy document is not valid JSON");
                continue;
            }
            for (JsonNode statement : list(root.path("Statement"))) {
                boolean notAction = statement.has("NotAction");
                List<String> actions = strings(statement.path(notAction ? "NotAction" : "Action"));
                if (actions.isEmpty()
                        || !actions.stream()
                                .allMatch(a -> a.toLowerCase(Locale.ROOT).startsWith("s3:"))) {
                    continue;
                }
                String sid = statement.path("Sid").asText("");
                String where = policy.name() + (sid.isEmpty() ? "" : " (" + sid + ")");
                if (!statement.path("Effect").asText("").equals("Allow")) {
                    warnings.add(where + " denies " + String.join(", ", actions) + "; a Deny only narrows, but the"
                            + " declaration needs none");
                    continue;
                }
                if (notAction || statement.has("NotResource")) {
                    failures.add(where + " uses NotAction or NotResource, which grants everything else: list the"
                            + " declared actions and resources");
                    continue;
                }
                List<String> prefixes = new ArrayList<>();
                JsonNode condition = statement.path("Condition");
                for (String operator : List.of("StringLike", "StringEquals")) {
                    prefixes.addAll(strings(condition.path(operator).path("s3:prefix")));
                }
                for (String action : actions) {
                    if (action.contains("*") || action.contains("?")) {
                        failures.add(where + " allows the wildcard action " + action + ": the declaration grants"
                                + " named actions only");
                        continue;
                    }
                    for (String resource : strings(statement.path("Resource"))) {
                        boolean listing = action.equalsIgnoreCase("s3:ListBucket");
                        if (listing && prefixes.isEmpty()) {
                            failures.add(where + " allows " + action + " on " + resource + " without an s3:prefix"
                                    + " condition: the whole bucket can be listed");
                            continue;
                        }
                        List<String> keys = new ArrayList<>();
                        if (listing) {
                            prefixes.forEach(p -> keys.add(key(action, resource, p)));
                        } else {
                            keys.add(key(action, resource, null));
                        }
                        for (String key : keys) {
                            granted.add(key);
                            if (!wanted.containsKey(key)) {
                                failures.add("extra grant " + describe(key) + " (" + where + "): the storage"
                                        + " declaration does not give it to the " + role + " role");
                            }
                        }
                    }
                }
            }
        }
        wanted.forEach((key, description) -> {
            if (!granted.contains(key)) {
                failures.add("missing grant " + description);
            }
        });
        return new RoleGrants.Findings(failures, warnings, granted);
    }

    /** IAM action names are case-insensitive; resources and prefixes are not. */
    private static String key(String action, String resource, String prefix) {
        return action.toLowerCase(Locale.ROOT) + " " + resource + (prefix == null ? "" : " prefix " + prefix);
    }

    private static String describe(String key) {
        return key.replaceFirst(" ", " on ").replace(" prefix ", " for s3:prefix ");
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> nodes = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(nodes::add);
        } else if (node.isObject()) {
            nodes.add(node);
        }
        return nodes;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        } else if (node.isTextual()) {
            values.add(node.asText());
        }
        return values;
    }
}
