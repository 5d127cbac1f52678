package dev.fieldgate.local.core.internal.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.core.LocalConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An IAM policy document (version 2012-10-17) and the part of IAM's evaluation logic an identity-based policy needs:
 * an explicit {@code Deny} wins, then any {@code Allow}, otherwise the request is implicitly denied. Actions match
 * case-insensitively, resources case-sensitively, both with {@code *} and {@code ?} wildcards; {@code NotAction} and
 * {@code NotResource} are honoured.
 *
 * <p>Conditions are not evaluated. An {@code Allow} with a condition never applies and a {@code Deny} with a condition
 * always does, so a policy this evaluator cannot fully read errs towards refusing.
 */
public final class PolicyDocument {

    /** What IAM decided for one request. */
    public enum Decision {
        ALLOW,
        /** No statement allowed it. */
        IMPLICIT_DENY,
        /** A statement denied it; nothing can allow it any more. */
        EXPLICIT_DENY;

        public boolean isAllowed() {
            return this == ALLOW;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String json;
    private final List<Statement> statements;

    private PolicyDocument(String json, List<Statement> statements) {
        this.json = json;
        this.statements = List.copyOf(statements);
    }

    /** One statement, flattened. */
    record Statement(
            String sid,
            boolean allow,
            List<String> actions,
            boolean notAction,
            List<String> resources,
            boolean notResource,
            boolean conditional) {

        boolean matches(String action, String resource) {
            boolean actionMatch = anyMatches(actions, action.toLowerCase(Locale.ROOT), true);
            if (actionMatch == notAction) {
                return false;
            }
            boolean resourceMatch = anyMatches(resources, resource, false);
            return resourceMatch != notResource;
        }

        private static boolean anyMatches(List<String> patterns, String value, boolean action) {
            for (String pattern : patterns) {
                if (action
                        ? Wildcards.matches(pattern.toLowerCase(Locale.ROOT), value)
                        : Wildcards.matchesArn(pattern, value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Reads a policy document.
     *
     * @throws LocalConfigException if it is not a policy document IAM would accept
     */
    public static PolicyDocument parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new LocalConfigException("The IAM policy is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new LocalConfigException("An IAM policy must be a JSON object.");
        }
        JsonNode version = root.get("Version");
        if (version != null && !"2012-10-17".equals(version.asText()) && !"2008-10-17".equals(version.asText())) {
            throw new LocalConfigException("The IAM policy's Version must be 2012-10-17, not " + version + ".");
        }
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null) {
            throw new LocalConfigException("An IAM policy needs a Statement.");
        }
        List<JsonNode> statementNodes = new ArrayList<>();
        if (statementNode.isArray()) {
            statementNode.forEach(statementNodes::add);
        } else {
            statementNodes.add(statementNode);
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode s : statementNodes) {
            statements.add(statement(s));
        }
        return new PolicyDocument(json, statements);
    }

    private static Statement statement(JsonNode node) {
        if (!node.isObject()) {
            throw new LocalConfigException("Each IAM policy statement must be a JSON object.");
        }
        String effect = text(node.get("Effect"), "Effect");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new LocalConfigException("A statement's Effect must be Allow or Deny, not '" + effect + "'.");
        }
        boolean notAction = node.has("NotAction");
        if (notAction == node.has("Action")) {
            throw new LocalConfigException("A statement needs exactly one of Action and NotAction.");
        }
        boolean notResource = node.has("NotResource");
        if (notResource == node.has("Resource")) {
            throw new LocalConfigException("A statement needs exactly one of Resource and NotResource.");
        }
        if (node.has("Principal") || node.has("NotPrincipal")) {
            throw new LocalConfigException(
                    "An identity-based policy has no Principal; this looks like a resource or " + "trust policy.");
        }
        JsonNode sid = node.get("Sid");
        return new Statement(
                sid == null ? null : sid.asText(),
                effect.equals("Allow"),
                strings(node.get(notAction ? "NotAction" : "Action"), "Action"),
                notAction,
                strings(node.get(notResource ? "NotResource" : "Resource"), "Resource"),
                notResource,
                node.has("Condition") && node.get("Condition").size() > 0);
    }

    private static String text(JsonNode node, String name) {
        if (node == null || !node.isTextual()) {
            throw new LocalConfigException("A statement's " + name + " must be a string.");
        }
        return node.asText();
    }

    private static List<String> strings(JsonNode node, String name) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                values.add(text(item, name));
            }
        } else {
            throw new LocalConfigException("A statement's " + name + " must be a string or a list of strings.");
        }
        return values;
    }

    /**
     * The policy Terraform attaches for a list of {@code appsync:GraphQL} resource ARNs: one {@code Allow} statement,
     * rendered as {@code aws_iam_policy_document} renders it (a lone action as a string, resources as a list).
     */
    public static PolicyDocument allowAppSyncFields(List<String> resourceArns) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("Version", "2012-10-17");
        ObjectNode statement = root.putArray("Statement").addObject();
        statement.put("Sid", "AppSyncFields");
        statement.put("Effect", "Allow");
        statement.put("Action", "appsync:GraphQL");
        ArrayNode resources = statement.putArray("Resource");
        resourceArns.forEach(resources::add);
        try {
            return parse(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a policy document", e);
        }
    }

    /** Evaluates this policy alone for one action on one resource. */
    public Decision evaluate(String action, String resource) {
        return evaluate(List.of(this), action, resource);
    }

    /** Evaluates several policies of one principal together: any explicit Deny wins, then any Allow. */
    public static Decision evaluate(List<PolicyDocument> policies, String action, String resource) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        boolean allowed = false;
        for (PolicyDocument policy : policies) {
            for (Statement statement : policy.statements) {
                if (!statement.allow()) {
                    // A condition we cannot evaluate might hold: a Deny applies whenever its action and resource match.
                    if (statement.matches(action, resource)) {
                        return Decision.EXPLICIT_DENY;
                    }
                } else if (!allowed && !statement.conditional() && statement.matches(action, resource)) {
                    allowed = true;
                }
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    /** The document as JSON, exactly as written. */
    public String json() {
        return json;
    }

    /** The number of statements. */
    public int size() {
        return statements.size();
    }

    @Override
    public String toString() {
        return "PolicyDocument[" + statements.size() + " statements]";
    }
}
