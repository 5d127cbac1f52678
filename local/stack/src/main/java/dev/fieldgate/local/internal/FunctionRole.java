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
import dev.fieldgate.policy.StoragePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The resolver function's execution role as the {@code appsync-api} Terraform module creates it: named like the
 * function ({@code <app>-local-resolvers}), with the inline policy {@code resolvers} whose {@code AppTables} statement
 * allows the function's DynamoDB actions on each of the app's tables and their indexes, and, when {@code fieldgate.json}
 * declares bucket paths for {@code "function"}, the inline policy {@code storage} with exactly the statements the policy
 * module derives from them ({@link StoragePolicy#functionStatements()}, as the Terraform app module attaches them), for
 * the URLs a resolver presigns; nothing else: a bucket path not declared for the function gives it nothing. The function gets a session of this role, as Lambda hands a
 * function its role's credentials, and DynamoDB and S3 on the stack's port decide its requests with this policy.
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
     * @param storage      the app's storage declaration, whose paths declared for the function it may use
     * @param bucketArn    the physical bucket's ARN for a declared bucket name
     */
    FunctionRole(
            String functionName,
            String accountId,
            String region,
            List<Manifest.Table> tables,
            String tablePrefix,
            StoragePolicy storage,
            Function<String, String> bucketArn) {
        this.arn = arnOf(accountId, functionName);
        List<String> resources = new ArrayList<>();
        for (Manifest.Table table : tables) {
            String tableArn = "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tablePrefix + table.name();
            resources.add(tableArn);
            table.indexes().forEach(index -> resources.add(tableArn + "/index/" + index.name()));
        }
        List<RolePolicies.NamedPolicy> named = new ArrayList<>();
        if (!resources.isEmpty()) {
            named.add(new RolePolicies.NamedPolicy(arn, "resolvers", document(resources)));
        }
        storage.functionPolicyJson(bucketArn)
                .ifPresent(json -> named.add(new RolePolicies.NamedPolicy(arn, "storage", PolicyDocument.parse(json))));
        this.policies = List.copyOf(named);
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

    private static PolicyDocument document(List<String> tables) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("Version", "2012-10-17");
        ArrayNode statements = root.putArray("Statement");
        statement(statements, "AppTables", TABLE_ACTIONS, tables);
        try {
            return PolicyDocument.parse(JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a policy document", e);
        }
    }

    private static void statement(ArrayNode statements, String sid, List<String> actions, List<String> resources) {
        ObjectNode statement = statements.addObject();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        ArrayNode actionList = statement.putArray("Action");
        actions.forEach(actionList::add);
        ArrayNode resourceArns = statement.putArray("Resource");
        resources.forEach(resourceArns::add);
    }

    @Override
    public String toString() {
        return "FunctionRole[" + arn + "]";
    }
}
