package dev.fieldgate.local.internal.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What IAM authorizes for one DynamoDB or DynamoDB Streams request: each IAM action with the resource it acts on, as
 * DynamoDB's service authorization reference lists them. Table operations act on the table
 * ({@code arn:aws:dynamodb:<region>:<account>:table/<name>}, or {@code …/index/<name>} for a Query or Scan of an
 * index); batch operations on every table they name; transactions on every item's own action ({@code GetItem},
 * {@code PutItem}, {@code UpdateItem}, {@code DeleteItem}, {@code ConditionCheckItem}); PartiQL statements as
 * {@code PartiQLSelect}/{@code Insert}/{@code Update}/{@code Delete} on the tables they name; tagging on its
 * {@code ResourceArn}; streams on their {@code StreamArn}. An operation that names no resource is authorized on
 * {@code *}, which only a policy granting every resource matches, so anything this cannot read is denied rather
 * than let through.
 */
final class DynamoDbActions {

    /** One IAM check: {@code dynamodb:<Action>} on a resource ARN (or {@code *}). */
    record Check(String action, String resource) {}

    private static final Map<String, String> TRANSACT_ITEM_ACTIONS = Map.of(
            "Get", "GetItem",
            "Put", "PutItem",
            "Update", "UpdateItem",
            "Delete", "DeleteItem",
            "ConditionCheck", "ConditionCheckItem");
    private static final Pattern PARTIQL_VERB = Pattern.compile("^\\s*([A-Za-z]+)");
    // Every table a statement names: after FROM, INTO or UPDATE, quoted ("A-b"."index") or bare.
    private static final Pattern PARTIQL_TABLE = Pattern.compile(
            "\\b(?:FROM|INTO|UPDATE)\\s+(\"(?:[^\"]|\"\")+\"|[A-Za-z0-9_.-]+)(?:\\s*\\.\\s*(\"(?:[^\"]|\"\")+\"))?",
            Pattern.CASE_INSENSITIVE);

    private final String region;
    private final String accountId;

    DynamoDbActions(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    /** The table's ARN; a name that already is an ARN (DynamoDB accepts both) stays as it is. */
    String tableArn(String table) {
        return table.startsWith("arn:") ? table : "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + table;
    }

    /**
     * The checks a request needs.
     *
     * @param streams   true for {@code DynamoDBStreams_20120810}, false for {@code DynamoDB_20120810}
     * @param operation the operation, e.g. {@code Scan}
     * @param input     the request's JSON object
     */
    List<Check> checks(boolean streams, String operation, JsonNode input) {
        Set<Check> checks = new LinkedHashSet<>();
        if (streams) {
            streamChecks(operation, input, checks);
        } else {
            tableChecks(operation, input, checks);
        }
        if (checks.isEmpty()) {
            checks.add(new Check("dynamodb:" + operation, "*"));
        }
        return List.copyOf(checks);
    }

    private void tableChecks(String operation, JsonNode input, Set<Check> checks) {
        String action = "dynamodb:" + operation;
        switch (operation) {
            case "BatchGetItem", "BatchWriteItem" -> {
                JsonNode items = input.path("RequestItems");
                items.fieldNames().forEachRemaining(table -> checks.add(new Check(action, tableArn(table))));
            }
            case "TransactGetItems", "TransactWriteItems" -> {
                for (JsonNode item : input.path("TransactItems")) {
                    TRANSACT_ITEM_ACTIONS.forEach((member, itemAction) -> {
                        JsonNode table = item.path(member).path("TableName");
                        if (table.isTextual()) {
                            checks.add(new Check("dynamodb:" + itemAction, tableArn(table.asText())));
                        } else if (item.has(member)) {
                            checks.add(new Check("dynamodb:" + itemAction, "*"));
                        }
                    });
                }
            }
            case "ExecuteStatement" -> partiQl(input.path("Statement"), checks);
            case "BatchExecuteStatement" -> input.path("Statements").forEach(s -> partiQl(s.path("Statement"), checks));
            case "ExecuteTransaction" ->
                input.path("TransactStatements").forEach(s -> partiQl(s.path("Statement"), checks));
            default -> {
                JsonNode table = input.path("TableName");
                JsonNode resource = input.path("ResourceArn");
                if (table.isTextual()) {
                    JsonNode index = input.path("IndexName");
                    boolean ofIndex = index.isTextual() && (operation.equals("Query") || operation.equals("Scan"));
                    checks.add(
                            new Check(action, tableArn(table.asText()) + (ofIndex ? "/index/" + index.asText() : "")));
                } else if (resource.isTextual()) {
                    checks.add(new Check(action, resource.asText()));
                }
            }
        }
    }

    private static void streamChecks(String operation, JsonNode input, Set<Check> checks) {
        JsonNode stream = input.path("StreamArn");
        if (stream.isTextual()) {
            checks.add(new Check("dynamodb:" + operation, stream.asText()));
        }
        // ListStreams acts on every stream, GetRecords on the stream its opaque iterator stands for: '*' both.
    }

    /** A PartiQL statement: its verb's action on every table it names; one it cannot read needs every resource. */
    private void partiQl(JsonNode statementNode, Set<Check> checks) {
        String statement = statementNode.isTextual() ? statementNode.asText() : "";
        Matcher verb = PARTIQL_VERB.matcher(statement);
        String action = verb.find()
                ? switch (verb.group(1).toUpperCase(Locale.ROOT)) {
                    case "SELECT" -> "dynamodb:PartiQLSelect";
                    case "INSERT" -> "dynamodb:PartiQLInsert";
                    case "UPDATE" -> "dynamodb:PartiQLUpdate";
                    case "DELETE" -> "dynamodb:PartiQLDelete";
                    default -> null;
                }
                : null;
        if (action == null) {
            checks.add(new Check("dynamodb:PartiQLSelect", "*"));
            return;
        }
        List<String> resources = new ArrayList<>();
        Matcher table = PARTIQL_TABLE.matcher(statement);
        while (table.find()) {
            String arn = tableArn(identifier(table.group(1)));
            resources.add(table.group(2) == null ? arn : arn + "/index/" + identifier(table.group(2)));
        }
        if (resources.isEmpty()) {
            resources.add("*");
        }
        resources.forEach(r -> checks.add(new Check(action, r)));
    }

    private static String identifier(String token) {
        if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
            return token.substring(1, token.length() - 1).replace("\"\"", "\"");
        }
        return token;
    }
}
