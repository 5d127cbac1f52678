package dev.fieldgate.resolvers.dynamodb.internal;

import dev.fieldgate.resolvers.Ownership;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB condition expressions for owner rules: the record must exist and, for each condition, name the caller in
 * one of its owner attributes — equal to it, or containing it when the attribute is a string set or a list (never a
 * substring match on a plain string).
 */
public final class OwnerConditions {

    private OwnerConditions() {}

    /** {@code attribute_not_exists(key)}: a create never replaces an existing record. */
    public static Expression absent(String partitionKey) {
        return Expression.builder()
                .expression("attribute_not_exists(#fgKey)")
                .putExpressionName("#fgKey", partitionKey)
                .build();
    }

    /** {@code attribute_exists(key) AND (owner matches...)}. */
    public static Expression existingAndOwned(String partitionKey, Ownership ownership) {
        StringBuilder expression = new StringBuilder("attribute_exists(#fgKey)");
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#fgKey", partitionKey);
        int index = 0;
        for (Ownership.Condition condition : ownership.conditions()) {
            List<String> matches = new ArrayList<>();
            for (Ownership.Match match : condition.anyOf()) {
                String name = "#fgOwner" + index;
                String value = ":fgOwner" + index;
                index++;
                names.put(name, match.field());
                values.put(value, AttributeValue.fromS(match.value()));
                matches.add(name + " = " + value
                        + " OR (attribute_type(" + name + ", :fgSetType) AND contains(" + name + ", " + value + "))"
                        + " OR (attribute_type(" + name + ", :fgListType) AND contains(" + name + ", " + value + "))");
            }
            // DynamoDB refuses redundant parentheses, so each level gets exactly one pair.
            expression.append(" AND (").append(String.join(" OR ", matches)).append(')');
        }
        if (index > 0) {
            values.put(":fgSetType", AttributeValue.fromS("SS"));
            values.put(":fgListType", AttributeValue.fromS("L"));
        }
        return Expression.builder()
                .expression(expression.toString())
                .expressionNames(names)
                .expressionValues(values)
                .build();
    }
}
