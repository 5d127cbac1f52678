package dev.fieldgate.resolvers.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.resolvers.Ownership;
import dev.fieldgate.resolvers.dynamodb.internal.OwnerConditions;
import dev.fieldgate.testing.dynamodb.DynamoDbLocalExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/** The owner condition, evaluated by DynamoDB Local itself against single owners, string sets and lists. */
@ExtendWith(DynamoDbLocalExtension.class)
class OwnerConditionsTest {

    final DynamoDbSettings settings = PinsOnDynamoDb.freshSettings();
    final DynamoDbClient client = settings.createClient();
    final String table = settings.tableName("Shared");

    OwnerConditionsTest() {
        client.createTable(r -> r.tableName(table)
                .billingMode("PAY_PER_REQUEST")
                .keySchema(KeySchemaElement.builder()
                        .attributeName("id")
                        .keyType("HASH")
                        .build())
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("id")
                        .attributeType("S")
                        .build()));
    }

    private void put(String id, AttributeValue owner) {
        client.putItem(r -> r.tableName(table).item(Map.of("id", AttributeValue.fromS(id), "owner", owner)));
    }

    private boolean deleteAs(String id, String sub) {
        Expression condition = OwnerConditions.existingAndOwned(
                "id",
                Ownership.of(List.of(new Ownership.Condition(List.of(new Ownership.Match("owner", sub)))), Map.of()));
        try {
            client.deleteItem(DeleteItemRequest.builder()
                    .tableName(table)
                    .key(Map.of("id", AttributeValue.fromS(id)))
                    .conditionExpression(condition.expression())
                    .expressionAttributeNames(condition.expressionNames())
                    .expressionAttributeValues(condition.expressionValues())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Test
    void aSingleOwnerMustBeEqualNotMerelyContained() {
        put("s1", AttributeValue.fromS("sub-bob-the-second"));
        put("s2", AttributeValue.fromS("sub-bob"));

        assertThat(deleteAs("s1", "sub-bob")).isFalse();
        assertThat(deleteAs("s2", "sub-bob")).isTrue();
    }

    @Test
    void aSetOrListOfOwnersAdmitsEachMember() {
        put("m1", AttributeValue.fromSs(List.of("sub-alice", "sub-carol")));
        put("m2", AttributeValue.fromL(List.of(AttributeValue.fromS("sub-carol"))));
        put("m3", AttributeValue.fromSs(List.of("sub-carol-junior")));

        assertThat(deleteAs("m1", "sub-carol")).isTrue();
        assertThat(deleteAs("m2", "sub-carol")).isTrue();
        assertThat(deleteAs("m3", "sub-carol")).isFalse();
    }

    @Test
    void anyMatchOfAConditionSufficesAndEveryConditionMustHold() {
        client.putItem(r -> r.tableName(table)
                .item(Map.of(
                        "id",
                        AttributeValue.fromS("c1"),
                        "owner",
                        AttributeValue.fromS("sub-alice"),
                        "editor",
                        AttributeValue.fromS("sub-bob"))));
        Ownership eitherOwnerOrEditor = Ownership.of(
                List.of(new Ownership.Condition(
                        List.of(new Ownership.Match("owner", "sub-bob"), new Ownership.Match("editor", "sub-bob")))),
                Map.of());
        Ownership ownerAndEditor = Ownership.of(
                List.of(
                        new Ownership.Condition(List.of(new Ownership.Match("owner", "sub-bob"))),
                        new Ownership.Condition(List.of(new Ownership.Match("editor", "sub-bob")))),
                Map.of());

        assertThat(conditionHolds("c1", ownerAndEditor)).isFalse();
        assertThat(conditionHolds("c1", eitherOwnerOrEditor)).isTrue();
        assertThat(conditionHolds("missing", Ownership.none())).isFalse();
    }

    private boolean conditionHolds(String id, Ownership ownership) {
        Expression condition = OwnerConditions.existingAndOwned("id", ownership);
        try {
            Map<String, String> names = new java.util.HashMap<>(condition.expressionNames());
            names.put("#touched", "touched");
            Map<String, AttributeValue> values = new java.util.HashMap<>(condition.expressionValues());
            values.put(":touched", AttributeValue.fromBool(true));
            client.updateItem(r -> r.tableName(table)
                    .key(Map.of("id", AttributeValue.fromS(id)))
                    .updateExpression("SET #touched = :touched")
                    .conditionExpression(condition.expression())
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
