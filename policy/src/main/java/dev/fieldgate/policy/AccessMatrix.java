package dev.fieldgate.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who can do what: every {@code Type.field} and operation against the kinds of caller — anonymous, guest,
 * signed-in user, the record's owner, each group, the identity pool's authenticated users — as the policy decides
 * it (AppSync's directives and the kit's rules together). It is what a reviewer reads.
 */
public final class AccessMatrix {

    /** A kind of caller; {@code owner} callers own the record in question, the others do not. */
    public record Column(String id, String description) {}

    /**
     * One {@code Type.field} and operation.
     *
     * @param operation the operation's wire name, or {@code call} for a root field with its own rules
     * @param allowed   per column id, whether that caller is allowed
     */
    public record Row(String type, String field, String operation, Map<String, Boolean> allowed) {}

    private static final String OWNER_SUB = "matrix-owner";
    private static final String OTHER_SUB = "matrix-other-user";
    private static final String OWNER_IDENTITY = "us-east-1:00000000-0000-4000-8000-00000000000a";

    private final List<Column> columns;
    private final List<Row> rows;
    private final List<String> valueTypes;
    /** Per redacted {@code Type.field}, the subscriptions whose events carry it as {@code null}. */
    private final Map<String, List<String>> redactions;

    private AccessMatrix(
            List<Column> columns, List<Row> rows, List<String> valueTypes, Map<String, List<String>> redactions) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
        this.valueTypes = List.copyOf(valueTypes);
        this.redactions = redactions;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Types without rules of their own; they inherit the decision of the field that returned them. */
    public List<String> valueTypes() {
        return valueTypes;
    }

    /** The row for a field and operation, if the matrix has one. */
    public java.util.Optional<Row> row(String type, String field, String operation) {
        return rows.stream()
                .filter(r -> r.type.equals(type) && r.field.equals(field) && r.operation.equals(operation))
                .findFirst();
    }

    public static AccessMatrix of(AccessPolicy policy) {
        return of(policy, List.of());
    }

    /**
     * The matrix with what subscriptions deliver: a {@code listen} row for each field redacted from the events of
     * {@code subscriptions} (the manifest's), where no caller receives the value.
     */
    public static AccessMatrix of(AccessPolicy policy, List<Manifest.Subscription> subscriptions) {
        Map<String, List<String>> redactions = new LinkedHashMap<>();
        for (Manifest.Subscription subscription : subscriptions) {
            for (String coordinate : subscription.redacted()) {
                redactions.computeIfAbsent(coordinate, key -> new ArrayList<>()).add(subscription.field());
            }
        }
        redactions.replaceAll((coordinate, names) -> List.copyOf(names));
        Map<String, TypeAccess> types = policy.types();
        Set<String> groups = new LinkedHashSet<>();
        Set<String> ownerClaims = new LinkedHashSet<>();
        boolean iamRules = false;
        boolean identityPoolOwners = false;
        for (TypeAccess type : types.values()) {
            List<List<AuthRule>> ruleLists = new ArrayList<>();
            ruleLists.add(type.rules());
            type.fields().values().forEach(f -> {
                ruleLists.add(f.rules());
                f.appsync().forEach(g -> {
                    if (g.groups() != null) {
                        groups.addAll(g.groups());
                    }
                });
            });
            for (List<AuthRule> rules : ruleLists) {
                if (rules == null) {
                    continue;
                }
                for (AuthRule rule : rules) {
                    if (rule.groups() != null) {
                        groups.addAll(rule.groups());
                    }
                    if (rule.allow() == AuthRule.Strategy.OWNER) {
                        if (rule.ownerKind() == Principal.Kind.IAM_AUTHENTICATED) {
                            identityPoolOwners = true;
                        } else {
                            ownerClaims.add(rule.identityClaim());
                        }
                    }
                    iamRules |= rule.allow() == AuthRule.Strategy.IAM;
                }
            }
        }

        Map<String, Principal> callers = new LinkedHashMap<>();
        List<Column> columns = new ArrayList<>();
        add(columns, callers, "anonymous", "no credentials (AppSync answers 401)", Principal.anonymous());
        if (policy.api().isEnabled(AuthMode.API_KEY)) {
            add(columns, callers, "apiKey", "a caller with the API key", Principal.apiKey());
        }
        if (policy.api().isEnabled(AuthMode.AWS_IAM)) {
            add(
                    columns,
                    callers,
                    "guest",
                    "identity-pool guest (IAM, unauthenticated role)",
                    Principal.iamGuest("matrix-guest"));
        }
        if (policy.api().isEnabled(AuthMode.AMAZON_COGNITO_USER_POOLS)) {
            add(
                    columns,
                    callers,
                    "user",
                    "signed-in user-pool user, not the record's owner, in no group",
                    Principal.userPool(OTHER_SUB, "other", List.of(), claims("other", ownerClaims)));
            add(
                    columns,
                    callers,
                    "owner",
                    "signed-in user-pool user who owns the record",
                    Principal.userPool(OWNER_SUB, "owner", List.of(), claims("owner", ownerClaims)));
            for (String group : groups) {
                add(
                        columns,
                        callers,
                        "group:" + group,
                        "user in group " + group + ", not the owner",
                        Principal.userPool(
                                "matrix-group-" + group,
                                "member-" + group,
                                List.of(group),
                                claims("member-" + group, ownerClaims)));
            }
        }
        if (policy.api().isEnabled(AuthMode.AWS_IAM)) {
            add(
                    columns,
                    callers,
                    "identityPoolUser",
                    "identity-pool authenticated user (IAM, authenticated role)",
                    Principal.iamAuthenticated("matrix-identity", OTHER_SUB));
            if (identityPoolOwners) {
                add(
                        columns,
                        callers,
                        "identityPoolOwner",
                        "identity-pool authenticated user who owns the record (IAM, by identity id)",
                        Principal.iamAuthenticated(OWNER_IDENTITY, OWNER_SUB));
            }
            if (iamRules) {
                add(
                        columns,
                        callers,
                        "iamRole",
                        "another IAM role (not the identity pool's)",
                        Principal.iam("arn:aws:sts::123456789012:assumed-role/backend/session"));
            }
        }

        List<Row> rows = new ArrayList<>();
        List<String> valueTypes = new ArrayList<>();
        List<Principal> owner = new ArrayList<>();
        for (String id : List.of("owner", "identityPoolOwner")) {
            if (callers.containsKey(id)) {
                owner.add(callers.get(id));
            }
        }
        List<Map.Entry<String, TypeAccess>> ordered = new ArrayList<>(types.entrySet());
        // Operations first (root types in their order), then the types they return.
        ordered.sort(java.util.Comparator.comparing(e -> e.getValue().kind() != TypeAccess.Kind.ROOT));
        for (Map.Entry<String, TypeAccess> entry : ordered) {
            String typeName = entry.getKey();
            TypeAccess type = entry.getValue();
            // Without kit rules, AppSync's directives decide each field of every type: no type inherits.
            if (type.kind() == TypeAccess.Kind.VALUE && policy.hasKitRules()) {
                valueTypes.add(typeName);
                continue;
            }
            for (Map.Entry<String, FieldAccess> fieldEntry : type.fields().entrySet()) {
                String fieldName = fieldEntry.getKey();
                FieldAccess field = fieldEntry.getValue();
                if (type.kind() == TypeAccess.Kind.ROOT) {
                    RootTarget target = field.target();
                    Operation operation = target != null ? target.operation() : Operation.GET;
                    String label = target != null ? operation.wireName() : "call";
                    String recordType = target != null ? target.type() : typeName;
                    rows.add(row(policy, callers, owner, typeName, fieldName, operation, label, recordType));
                } else {
                    for (Operation operation : fieldOperations(field)) {
                        rows.add(row(
                                policy,
                                callers,
                                owner,
                                typeName,
                                fieldName,
                                operation,
                                operation.wireName(),
                                typeName));
                    }
                    if (redactions.containsKey(typeName + "." + fieldName)) {
                        Map<String, Boolean> nobody = new LinkedHashMap<>();
                        callers.keySet().forEach(id -> nobody.put(id, false));
                        rows.add(new Row(typeName, fieldName, Operation.LISTEN.wireName(), nobody));
                    }
                }
            }
        }
        return new AccessMatrix(columns, rows, valueTypes, Collections.unmodifiableMap(redactions));
    }

    private static List<Operation> fieldOperations(FieldAccess field) {
        List<Operation> operations = new ArrayList<>();
        operations.add(Operation.READ);
        if (field.rules() != null) {
            for (Operation write : List.of(Operation.CREATE, Operation.UPDATE)) {
                if (field.rules().stream().anyMatch(r -> r.operations().contains(write))) {
                    operations.add(write);
                }
            }
        }
        return operations;
    }

    private static Row row(
            AccessPolicy policy,
            Map<String, Principal> callers,
            List<Principal> owner,
            String type,
            String field,
            Operation operation,
            String label,
            String recordType) {
        Map<String, Boolean> allowed = new LinkedHashMap<>();
        callers.forEach((id, caller) -> {
            // A create resolver stamps the caller as the new record's owner, so every creator owns its record.
            List<Principal> recordOwner = operation == Operation.CREATE
                            && (caller.kind() == Principal.Kind.USER_POOL
                                    || caller.kind() == Principal.Kind.IAM_AUTHENTICATED)
                    ? List.of(caller)
                    : owner;
            Map<String, Object> record = record(policy, recordType, recordOwner);
            allowed.put(
                    id, policy.decide(caller, type, field, operation, record).isAllowed());
        });
        return new Row(type, field, label, allowed);
    }

    /** A record of the type, owned (in every owner field) by the matrix's owner caller. */
    private static Map<String, Object> record(AccessPolicy policy, String type, List<Principal> owners) {
        Map<String, Object> record = new HashMap<>();
        TypeAccess access = policy.types().get(type);
        if (access == null) {
            return record;
        }
        List<AuthRule> rules = new ArrayList<>();
        if (access.rules() != null) {
            rules.addAll(access.rules());
        }
        access.fields().values().forEach(f -> {
            if (f.rules() != null) {
                rules.addAll(f.rules());
            }
        });
        for (AuthRule rule : rules) {
            if (rule.allow() != AuthRule.Strategy.OWNER) {
                continue;
            }
            for (Principal owner : owners) {
                if (owner.kind() == rule.ownerKind()) {
                    Object value = owner.claim(rule.identityClaim());
                    if (value != null) {
                        @SuppressWarnings("unchecked")
                        List<String> named =
                                (List<String>) record.computeIfAbsent(rule.ownerField(), f -> new ArrayList<String>());
                        if (!named.contains(value.toString())) {
                            named.add(value.toString());
                        }
                    }
                }
            }
        }
        return record;
    }

    private static Map<String, Object> claims(String name, Set<String> ownerClaims) {
        Map<String, Object> claims = new HashMap<>();
        for (String claim : ownerClaims) {
            if (!claim.equals("sub") && !claim.equals("username") && !claim.equals("cognito:username")) {
                claims.put(claim, name + "-" + claim);
            }
        }
        return claims;
    }

    private static void add(
            List<Column> columns, Map<String, Principal> callers, String id, String description, Principal principal) {
        columns.add(new Column(id, description));
        callers.put(id, principal);
    }

    /** A table for a terminal, with ✓ and ✗. */
    public String toText() {
        List<String> header = new ArrayList<>(List.of("field", "operation"));
        columns.forEach(c -> header.add(c.id()));
        List<List<String>> lines = new ArrayList<>();
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.type() + "." + row.field(), row.operation()));
            columns.forEach(c -> cells.add(row.allowed().get(c.id()) ? "✓" : "✗"));
            lines.add(cells);
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
            for (List<String> line : lines) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        appendLine(text, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append("-".repeat(width)).append("  ");
        }
        text.append(rule.toString().stripTrailing()).append('\n');
        lines.forEach(line -> appendLine(text, line, widths));
        text.append('\n').append(legend("  "));
        return text.toString();
    }

    private static void appendLine(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell).append(" ".repeat(widths[i] - cell.length() + 2));
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    /** A Markdown table for the docs. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder("# Access matrix\n\n");
        md.append("| Field | Operation |");
        columns.forEach(c -> md.append(' ').append(c.id()).append(" |"));
        md.append("\n|---|---|");
        columns.forEach(c -> md.append(":---:|"));
        md.append('\n');
        for (Row row : rows) {
            md.append("| `")
                    .append(row.type())
                    .append('.')
                    .append(row.field())
                    .append("` | ")
                    .append(row.operation())
                    .append(" |");
            columns.forEach(c ->
                    md.append(' ').append(row.allowed().get(c.id()) ? "✓" : "✗").append(" |"));
            md.append('\n');
        }
        md.append('\n').append(legend("- "));
        return md.toString();
    }

    private String legend(String bullet) {
        StringBuilder text = new StringBuilder();
        columns.forEach(c -> text.append(bullet)
                .append(c.id())
                .append(": ")
                .append(c.description())
                .append('\n'));
        text.append(bullet).append("call: a root field with rules of its own (no model operation)\n");
        redactions.forEach((coordinate, subscriptions) -> text.append(bullet)
                .append("listen ")
                .append(coordinate)
                .append(": null in every ")
                .append(String.join(", ", subscriptions))
                .append(" event, since some who may listen may not read it; query the record to read it\n"));
        if (!valueTypes.isEmpty()) {
            text.append(bullet)
                    .append("not listed, they inherit the decision of the field that returns them: ")
                    .append(String.join(", ", valueTypes))
                    .append('\n');
        }
        return text.toString();
    }

    /** The matrix as JSON: {@code {columns: [...], rows: [...], valueTypes: [...]}}. */
    public String toJson() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("columns", columns);
        document.put("rows", rows);
        document.put("valueTypes", valueTypes);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new PolicyException("could not write the access matrix as JSON", e);
        }
    }
}
