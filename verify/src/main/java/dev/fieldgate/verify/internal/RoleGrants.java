package dev.fieldgate.verify.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Compares the {@code appsync:GraphQL} permissions a role's IAM policies give with the manifest's grants for that
 * role. Allow statements add field ARNs, Deny statements take them away (a Deny always wins in IAM); anything allowed
 * beyond the grants, any wildcard that reaches a field outside them (or a field the schema does not have yet, or
 * another API), and any {@code NotResource}/{@code NotAction} allow that reaches AppSync is a failure; so is a grant
 * the policies do not give. Permission boundaries and organisation policies can only narrow this further and are not
 * read.
 */
public final class RoleGrants {

    static final String ACTION = "appsync:GraphQL";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One policy of a role: its name ({@code inline:name} or a managed policy ARN) and its JSON document. */
    public record PolicySource(String name, String document) {}

    /**
     * What was found for one role.
     *
     * @param failures lines that make the check fail
     * @param warnings lines worth a look
     * @param granted  the field ARNs the role effectively may call
     */
    public record Findings(List<String> failures, List<String> warnings, Set<String> granted) {
        public Findings {
            failures = List.copyOf(failures);
            warnings = List.copyOf(warnings);
            granted = Set.copyOf(granted);
        }
    }

    private RoleGrants() {}

    /**
     * Compares a role's policies with the grants the manifest expects for it.
     *
     * @param apiArn       the API's ARN, {@code arn:aws:appsync:<region>:<account>:apis/<id>}
     * @param expected     the manifest's grant suffixes for the role ({@code types/Pin/fields/id})
     * @param schemaFields every {@code Type.field} suffix of the schema, to see what a wildcard reaches
     * @param policies     the role's policies
     */
    public static Findings compare(
            String apiArn, Collection<String> expected, Collection<String> schemaFields, List<PolicySource> policies) {
        return compare(apiArn, expected, schemaFields, policies, false);
    }

    /**
     * As {@link #compare(String, Collection, Collection, List)}; with {@code storageCheckedElsewhere}, statements that
     * allow S3 actions only are left to the storage check, which compares them with the storage declaration.
     */
    public static Findings compare(
            String apiArn,
            Collection<String> expected,
            Collection<String> schemaFields,
            List<PolicySource> policies,
            boolean storageCheckedElsewhere) {
        Set<String> expectedArns = new TreeSet<>();
        expected.forEach(suffix -> expectedArns.add(apiArn + "/" + suffix));
        Set<String> universe = new TreeSet<>();
        schemaFields.forEach(suffix -> universe.add(apiArn + "/" + suffix));
        universe.addAll(expectedArns);
        List<String> probes = probes(apiArn, schemaFields);

        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> allowed = new TreeSet<>();
        List<Statement> denies = new ArrayList<>();

        for (PolicySource policy : policies) {
            List<Statement> statements;
            try {
                statements = statements(policy.document());
            } catch (IllegalArgumentException e) {
                failures.add(policy.name() + ": " + e.getMessage());
                continue;
            }
            for (Statement statement : statements) {
                String where = policy.name() + (statement.sid().isEmpty() ? "" : " (" + statement.sid() + ")");
                if (!statement.appliesToAppSync()) {
                    if (statement.allow() && !(storageCheckedElsewhere && statement.s3Only())) {
                        warnings.add(where + " also allows " + statement.describeActions() + " on "
                                + statement.describeResources() + "; the kit's roles need appsync:GraphQL only");
                    }
                    continue;
                }
                if (!statement.allow()) {
                    denies.add(statement);
                    continue;
                }
                if (statement.notAction()) {
                    failures.add(where + " allows every action except " + statement.describeActions()
                            + ", which includes appsync:GraphQL: list appsync:GraphQL and exact field ARNs instead");
                }
                if (statement.notResource()) {
                    failures.add(where + " allows appsync:GraphQL on everything except " + statement.describeResources()
                            + ": list exact field ARNs instead");
                    continue;
                }
                if (statement.conditional()) {
                    warnings.add(where + " grants appsync:GraphQL under a condition; counted as granted");
                }
                for (String resource : statement.resources()) {
                    if (!hasWildcard(resource)) {
                        if (!isAppSyncArn(resource)) {
                            continue;
                        }
                        allowed.add(resource);
                        if (!expectedArns.contains(resource)) {
                            failures.add("extra grant " + resource + " (" + where + "): the manifest does not grant "
                                    + "it to this role");
                        }
                        continue;
                    }
                    Pattern pattern = glob(resource, false);
                    Set<String> reached = new TreeSet<>();
                    universe.stream()
                            .filter(arn -> pattern.matcher(arn).matches())
                            .forEach(reached::add);
                    allowed.addAll(reached);
                    Set<String> beyond = new TreeSet<>(reached);
                    beyond.removeAll(expectedArns);
                    boolean reachesUnknown =
                            probes.stream().anyMatch(p -> pattern.matcher(p).matches());
                    if (!beyond.isEmpty() || reachesUnknown) {
                        StringBuilder line = new StringBuilder("wildcard ")
                                .append(resource)
                                .append(" (")
                                .append(where)
                                .append(") widens the grant");
                        if (!beyond.isEmpty()) {
                            line.append(" to ").append(shortList(beyond, apiArn));
                        }
                        if (reachesUnknown) {
                            line.append(beyond.isEmpty() ? " to" : ",")
                                    .append(" fields the schema does not have")
                                    .append(" or other APIs");
                        }
                        failures.add(line.toString());
                    } else if (!reached.isEmpty()) {
                        warnings.add("wildcard " + resource + " (" + where + ") matches only granted fields today;"
                                + " exact field ARNs are safer");
                    }
                }
            }
        }

        Set<String> granted = new TreeSet<>(allowed);
        for (Statement deny : denies) {
            for (String arn : new ArrayList<>(granted)) {
                if (deny.matchesResource(arn)) {
                    granted.remove(arn);
                }
            }
        }
        for (String arn : expectedArns) {
            if (!granted.contains(arn)) {
                failures.add("missing grant " + arn
                        + (allowed.contains(arn) ? " (allowed, but a Deny statement " + "removes it)" : ""));
            }
        }
        return new Findings(failures, warnings, granted);
    }

    /**
     * ARNs no wildcard may reach: a new field on each type, new fields whose names start or end like an existing
     * one ({@code list*}, {@code *Pins}), a new type, and another API.
     */
    private static List<String> probes(String apiArn, Collection<String> schemaFields) {
        Set<String> probes = new LinkedHashSet<>();
        for (String suffix : schemaFields) {
            String[] parts = suffix.split("/", -1);
            if (parts.length == 4) {
                String type = apiArn + "/types/" + parts[1] + "/fields/";
                probes.add(type + "fieldgateVerifyProbe");
                probes.add(type + parts[3] + "FieldgateVerifyProbe");
                probes.add(type + "fieldgateVerifyProbe" + parts[3]);
            }
        }
        probes.add(apiArn + "/types/FieldgateVerifyProbe/fields/fieldgateVerifyProbe");
        int slash = apiArn.lastIndexOf('/');
        probes.add(apiArn.substring(0, slash + 1) + "fieldgateverifyprobeapi/types/Query/fields/fieldgateVerifyProbe");
        return List.copyOf(probes);
    }

    private static String shortList(Set<String> arns, String apiArn) {
        List<String> names = new ArrayList<>();
        for (String arn : arns) {
            names.add(
                    arn.startsWith(apiArn + "/types/")
                            ? arn.substring(apiArn.length() + 7).replace("/fields/", ".")
                            : arn);
        }
        if (names.size() > 8) {
            return String.join(", ", names.subList(0, 8)) + " and " + (names.size() - 8) + " more";
        }
        return String.join(", ", names);
    }

    private static boolean isAppSyncArn(String resource) {
        String[] parts = resource.split(":", 6);
        return parts.length == 6 && parts[0].equals("arn") && parts[2].equals("appsync");
    }

    static boolean hasWildcard(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} one character. */
    static Pattern glob(String text, boolean caseInsensitive) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return caseInsensitive
                ? Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE)
                : Pattern.compile(regex.toString());
    }

    /** One statement, reduced to what decides appsync:GraphQL. */
    record Statement(
            String sid,
            boolean allow,
            boolean notAction,
            List<String> actions,
            boolean notResource,
            List<String> resources,
            boolean conditional) {

        /** Whether the statement's actions include appsync:GraphQL. */
        boolean appliesToAppSync() {
            boolean listed =
                    actions.stream().anyMatch(a -> glob(a, true).matcher(ACTION).matches());
            return notAction != listed;
        }

        boolean matchesResource(String arn) {
            boolean listed =
                    resources.stream().anyMatch(r -> glob(r, false).matcher(arn).matches());
            return notResource != listed;
        }

        /** Whether every action (not a NotAction) is an S3 one. */
        boolean s3Only() {
            return !notAction
                    && !actions.isEmpty()
                    && actions.stream()
                            .allMatch(a -> a.toLowerCase(java.util.Locale.ROOT).startsWith("s3:"));
        }

        String describeActions() {
            return String.join(", ", actions);
        }

        String describeResources() {
            return String.join(", ", resources);
        }
    }

    static List<Statement> statements(String document) {
        JsonNode root;
        try {
            root = MAPPER.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the policy document is not valid JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the policy document is not a JSON object");
        }
        JsonNode node = root.get("Statement");
        List<JsonNode> nodes = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(nodes::add);
        } else if (node != null && node.isObject()) {
            nodes.add(node);
        } else {
            throw new IllegalArgumentException("the policy document has no Statement");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode s : nodes) {
            String effect = s.path("Effect").asText("");
            boolean allow = effect.equals("Allow");
            if (!allow && !effect.equals("Deny")) {
                throw new IllegalArgumentException("a statement has Effect '" + effect + "', not Allow or Deny");
            }
            boolean notAction = s.has("NotAction");
            boolean notResource = s.has("NotResource");
            statements.add(new Statement(
                    s.path("Sid").asText(""),
                    allow,
                    notAction,
                    strings(s.get(notAction ? "NotAction" : "Action")),
                    notResource,
                    strings(s.get(notResource ? "NotResource" : "Resource")),
                    s.has("Condition") && s.get("Condition").size() > 0));
        }
        return statements;
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(v -> values.add(v.asText()));
            return values;
        }
        return List.of(node.asText());
    }

    /** IAM returns policy documents URL-encoded (RFC 3986); this gives the JSON either way. */
    public static String decodeDocument(String document) {
        if (document == null) {
            return "";
        }
        String trimmed = document.strip();
        if (trimmed.startsWith("{")) {
            return trimmed;
        }
        return java.net.URLDecoder.decode(trimmed, java.nio.charset.StandardCharsets.UTF_8);
    }
}
