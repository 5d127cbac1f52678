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
import java.util.Map;
import java.util.Objects;

/**
 * An IAM policy document (version 2012-10-17) and the part of IAM's evaluation logic an identity-based policy needs:
 * an explicit {@code Deny} wins, then any {@code Allow}, otherwise the request is implicitly denied. Actions match
 * case-insensitively, resources case-sensitively, both with {@code *} and {@code ?} wildcards; {@code NotAction} and
 * {@code NotResource} are honoured.
 *
 * <p>With a {@link RequestContext} (S3 passes one), policy variables such as
 * {@code ${cognito-identity.amazonaws.com:sub}} are replaced in resources and condition values, and the string
 * condition operators ({@code StringEquals}, {@code StringNotEquals}, {@code StringLike}, {@code StringNotLike}, each
 * also with {@code IfExists}) are evaluated: every operator and key of a statement must hold, any one value of a key
 * may match, and a key the request does not have fails a positive operator and satisfies a negated one. Without a
 * context, or with an operator this evaluator does not know, an {@code Allow} with a condition never applies and a
 * {@code Deny} with a condition always does, so a policy it cannot fully read errs towards refusing. A variable the
 * request has no value for makes its statement's {@code Allow} not apply.
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

    /**
     * What a request brings to the evaluation besides its action and resource: the values of policy variables
     * (without {@code ${}}, e.g. {@code cognito-identity.amazonaws.com:sub}) and of condition keys (e.g.
     * {@code s3:prefix}).
     */
    public record RequestContext(Map<String, String> variables, Map<String, String> conditionKeys) {

        public static final RequestContext NONE = new RequestContext(Map.of(), Map.of());

        public RequestContext {
            variables = Map.copyOf(variables);
            conditionKeys = Map.copyOf(conditionKeys);
        }
    }

    /** One condition: operator (e.g. {@code StringLike}), key, the values any of which may match. */
    record Condition(String operator, String key, List<String> values) {}

    /** One statement, flattened. */
    record Statement(
            String sid,
            boolean allow,
            List<String> actions,
            boolean notAction,
            List<String> resources,
            boolean notResource,
            boolean conditional,
            List<Condition> conditions) {

        boolean matches(String action, String resource) {
            return matches(action, resource, null);
        }

        /** With a context, variables are substituted; a missing variable: no match (Boolean null: unreadable). */
        boolean matches(String action, String resource, RequestContext context) {
            boolean actionMatch = anyMatches(actions, action.toLowerCase(Locale.ROOT), true);
            if (actionMatch == notAction) {
                return false;
            }
            List<String> patterns = resources;
            if (context != null) {
                patterns = new ArrayList<>();
                for (String pattern : resources) {
                    String substituted = substitute(pattern, context);
                    if (substituted != null) {
                        patterns.add(substituted);
                    }
                }
            }
            boolean resourceMatch = anyMatches(patterns, resource, false);
            return resourceMatch != notResource;
        }

        /** Whether the conditions hold; null when one cannot be evaluated. */
        Boolean conditionsHold(RequestContext context) {
            for (Condition condition : conditions) {
                String operator = condition.operator();
                boolean ifExists = operator.endsWith("IfExists");
                String base = ifExists ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
                boolean negated;
                boolean like;
                switch (base) {
                    case "StringEquals" -> {
                        negated = false;
                        like = false;
                    }
                    case "StringNotEquals" -> {
                        negated = true;
                        like = false;
                    }
                    case "StringLike" -> {
                        negated = false;
                        like = true;
                    }
                    case "StringNotLike" -> {
                        negated = true;
                        like = true;
                    }
                    default -> {
                        return null;
                    }
                }
                String value = context.conditionKeys().get(condition.key());
                if (value == null) {
                    if (!(negated || ifExists)) {
                        return false;
                    }
                    continue;
                }
                boolean any = false;
                for (String expected : condition.values()) {
                    String pattern = substitute(expected, context);
                    if (pattern != null && (like ? Wildcards.matches(pattern, value) : pattern.equals(value))) {
                        any = true;
                        break;
                    }
                }
                if (any == negated) {
                    return false;
                }
            }
            return true;
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
                node.has("Condition") && node.get("Condition").size() > 0,
                conditions(node.get("Condition")));
    }

    private static List<Condition> conditions(JsonNode node) {
        List<Condition> conditions = new ArrayList<>();
        if (node == null) {
            return conditions;
        }
        if (!node.isObject()) {
            throw new LocalConfigException("A statement's Condition must be an object.");
        }
        for (Map.Entry<String, JsonNode> operator : node.properties()) {
            if (!operator.getValue().isObject()) {
                throw new LocalConfigException("Condition " + operator.getKey() + " must map keys to values.");
            }
            for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                conditions.add(new Condition(operator.getKey(), key.getKey(), strings(key.getValue(), "Condition")));
            }
        }
        return conditions;
    }

    /**
     * Replaces IAM policy variables ({@code ${key}}, and the escapes {@code ${*}}, {@code ${?}}, {@code ${$}}) with
     * the context's values; null when a variable has none.
     */
    static String substitute(String text, RequestContext context) {
        int start = text.indexOf("${");
        if (start < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (start >= 0) {
            int end = text.indexOf('}', start);
            if (end < 0) {
                break;
            }
            out.append(text, from, start);
            String name = text.substring(start + 2, end);
            String value = switch (name) {
                case "*", "?", "$" -> name;
                default -> context.variables().get(name);
            };
            if (value == null) {
                return null;
            }
            out.append(value);
            from = end + 1;
            start = text.indexOf("${", from);
        }
        out.append(text.substring(from));
        return out.toString();
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

    /**
     * Evaluates several policies of one principal together for a request with a context: policy variables are
     * substituted and string conditions evaluated (see the class comment).
     */
    public static Decision evaluate(
            List<PolicyDocument> policies, String action, String resource, RequestContext context) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(context, "context");
        boolean allowed = false;
        for (PolicyDocument policy : policies) {
            for (Statement statement : policy.statements) {
                if (!statement.allow()) {
                    if (statement.resources().stream().anyMatch(r -> substitute(r, context) == null)) {
                        // A variable the request has no value for: the Deny is read as applying, to err on refusing.
                        if (statement.matches(action, resource)) {
                            return Decision.EXPLICIT_DENY;
                        }
                        continue;
                    }
                    if (statement.matches(action, resource, context)
                            && !Boolean.FALSE.equals(statement.conditionsHold(context))) {
                        return Decision.EXPLICIT_DENY;
                    }
                } else if (!allowed
                        && statement.matches(action, resource, context)
                        && Boolean.TRUE.equals(statement.conditionsHold(context))) {
                    allowed = true;
                }
            }
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
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
