package dev.fieldgate.resolvers.dynamodb;

import dev.fieldgate.policy.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the tables a manifest declares ({@code tables[]}: keys, global secondary indexes with every attribute
 * projected, on-demand billing), e.g. in a DynamoDB Local for tests. Deployments create them with Terraform.
 */
public final class ManifestTables {

    private ManifestTables() {}

    /**
     * Creates every table of the manifest that does not exist yet and waits until each is active.
     *
     * @return the physical names of the manifest's tables
     */
    public static List<String> create(DynamoDbClient client, Manifest manifest, DynamoDbSettings settings) {
        List<String> names = new ArrayList<>();
        for (Manifest.Table table : manifest.tables()) {
            String name = settings.tableName(table.name());
            names.add(name);
            Map<String, ScalarAttributeType> attributes = new LinkedHashMap<>();
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(keySchema(table.partitionKey(), table.sortKey(), attributes));
            List<GlobalSecondaryIndex> indexes = new ArrayList<>();
            for (Manifest.TableIndex index : table.indexes()) {
                indexes.add(GlobalSecondaryIndex.builder()
                        .indexName(index.name())
                        .keySchema(keySchema(index.partitionKey(), index.sortKey(), attributes))
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.ALL)
                                .build())
                        .build());
            }
            if (!indexes.isEmpty()) {
                request.globalSecondaryIndexes(indexes);
            }
            request.attributeDefinitions(attributes.entrySet().stream()
                    .map(attribute -> AttributeDefinition.builder()
                            .attributeName(attribute.getKey())
                            .attributeType(attribute.getValue())
                            .build())
                    .toList());
            try {
                client.createTable(request.build());
            } catch (ResourceInUseException exists) {
                continue;
            }
            client.waiter().waitUntilTableExists(wait -> wait.tableName(name));
        }
        return names;
    }

    private static List<KeySchemaElement> keySchema(
            Manifest.KeyAttribute partition, Manifest.KeyAttribute sort, Map<String, ScalarAttributeType> attributes) {
        List<KeySchemaElement> schema = new ArrayList<>();
        schema.add(KeySchemaElement.builder()
                .attributeName(partition.name())
                .keyType(KeyType.HASH)
                .build());
        attributes.put(partition.name(), ScalarAttributeType.fromValue(partition.type()));
        if (sort != null) {
            schema.add(KeySchemaElement.builder()
                    .attributeName(sort.name())
                    .keyType(KeyType.RANGE)
                    .build());
            attributes.put(sort.name(), ScalarAttributeType.fromValue(sort.type()));
        }
        return schema;
    }
}
