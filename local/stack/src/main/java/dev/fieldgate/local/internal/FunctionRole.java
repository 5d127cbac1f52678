package dev.fieldgate.local.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldgate.local.core.internal.iam.PolicyDocument;
import dev.fieldgate.local.core.internal.iam.RolePolicies;
import dev.fieldgate.local.core.internal.sigv4.CredentialsRegistry;
import dev.fieldgate.policy.Manifest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The resolver function's execution role as the {@code appsync-api} Terraform module creates it: named like the
 * function ({@code <app>-local-resolvers}), with the inline policy {@code resolvers} whose {@code AppTables} statement
 * allows the function's DynamoDB actions on each of the app's tables and their indexes, and nothing else. The
 * function gets a session of this role, as Lambda hands a function its role's credentials, and DynamoDB on the
 * stack's port decides its requests with this policy.
 */
final class FunctionRole {

    /** The actions the Terraform module grants the function on the app's tables. */
    static final List<String> TABLE_ACTIONS = List.of(
            "dynamodb:BatchGetItem",
            "dynamodb:BatchWriteItem",
            "dynamodb:ConditionCheckItem",
            "dynamodb:DeleteItem",
            "dynamodb:DescribeTable",
            "dynamodb:GetItem",
            "dynamodb:PutItem",
            "dynamodb:Query",
            "dynamodb:Scan",
            "dynamodb:UpdateItem");

    /**
     * How long the function's credentials last. Lambda renews them with each new execution environment; the stack
     * runs one environment for as long as it runs, so they outlast any session of work.
     */
    static final Duration SESSION_LENGTH = Duration.ofDays(365);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String arn;
    private final List<RolePolicies.NamedPolicy> policies;

    /**
     * @param functionName the function's name, which the role shares
     * @param tablePrefix  the prefix of the app's physical table names
     */
    FunctionRole(
            String functionName, String accountId, String region, List<Manifest.Table> tables, String tablePrefix) {
        this.arn = arnOf(accountId, functionName);
        List<String> resources = new ArrayList<>();
        for (Manifest.Table table : tables) {
            String tableArn = "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tablePrefix + table.name();
            resources.add(tableArn);
            table.indexes().forEach(index -> resources.add(tableArn + "/index/" + index.name()));
        }
        this.policies = resources.isEmpty()
                ? List.of()
                : List.of(new RolePolicies.NamedPolicy(arn, "resolvers", appTables(resources)));
    }

    String arn() {
        return arn;
    }

    List<RolePolicies.NamedPolicy> policies() {
        return policies;
    }

    /**
     * A new session of the role for the function (session name: the function's, as Lambda names it). Needs only
     * the role's name, so the function can start before the schema (and so the role's policy) is compiled.
     */
    static CredentialsRegistry.Issued startSession(
            CredentialsRegistry registry, String accountId, String functionName, Instant now) {
        return registry.issueServiceRoleSession(
                arnOf(accountId, functionName), registry.newRoleId(), functionName, now.plus(SESSION_LENGTH));
    }

    private static String arnOf(String accountId, String functionName) {
        return "arn:aws:iam::" + accountId + ":role/" + functionName;
    }

    private static PolicyDocument appTables(List<String> resources) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("Version", "2012-10-17");
        ObjectNode statement = root.putArray("Statement").addObject();
        statement.put("Sid", "AppTables");
        statement.put("Effect", "Allow");
        ArrayNode actions = statement.putArray("Action");
        TABLE_ACTIONS.forEach(actions::add);
        ArrayNode resourceArns = statement.putArray("Resource");
        resources.forEach(resourceArns::add);
        try {
            return PolicyDocument.parse(JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a policy document", e);
        }
    }

    @Override
    public String toString() {
        return "FunctionRole[" + arn + "]";
    }
}
