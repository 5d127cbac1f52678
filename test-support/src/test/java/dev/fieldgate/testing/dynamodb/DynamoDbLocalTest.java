package dev.fieldgate.testing.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.SchemaCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** DynamoDB Local in the test JVM: the manifest's tables under the class's own prefix, and no telemetry. */
class DynamoDbLocalTest {

    static final Manifest PINS = SchemaCompiler.create()
            .compile(Path.of("../samples/pins/schema.graphql"))
            .manifest();

    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = DynamoDbLocalExtension.withTablesOf(PINS);

    @Test
    void theManifestsTablesExistWithTheirKeysAndIndexes() {
        LocalTables tables = DYNAMODB.tables();
        assertThat(tables.prefix()).matches("DynamoDbLocalTest-\\d+-");
        assertThat(tables.tableNames()).containsExactlyInAnyOrder(tables.prefix() + "Pin", tables.prefix() + "Profile");

        TableDescription pin = DYNAMODB.client()
                .describeTable(r -> r.tableName(tables.tableName("Pin")))
                .table();
        assertThat(pin.keySchema()).singleElement().satisfies(key -> {
            assertThat(key.attributeName()).isEqualTo("id");
            assertThat(key.keyType()).isEqualTo(KeyType.HASH);
        });
        assertThat(pin.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        GlobalSecondaryIndexDescription byOwner = pin.globalSecondaryIndexes().get(0);
        assertThat(byOwner.indexName()).isEqualTo("byOwner");
        assertThat(byOwner.keySchema())
                .extracting(key -> key.attributeName() + " " + key.keyType())
                .containsExactly("owner HASH", "createdAt RANGE");
        assertThat(byOwner.projection().projectionType()).isEqualTo(ProjectionType.ALL);

        DYNAMODB.client()
                .putItem(r -> r.tableName(tables.tableName("Profile"))
                        .item(Map.of(
                                "owner", AttributeValue.fromS("alice"), "displayName", AttributeValue.fromS("A"))));
        assertThat(DYNAMODB.client()
                        .getItem(r -> r.tableName(tables.tableName("Profile"))
                                .key(Map.of("owner", AttributeValue.fromS("alice"))))
                        .item())
                .containsKey("displayName");
    }

    @Test
    void eachCallGetsItsOwnPrefixAndTheEnvironmentPointsAFunctionAtIt(LocalTables injected, DynamoDbLocal server) {
        LocalTables other = server.createTables(PINS);

        assertThat(injected).isSameAs(DYNAMODB.tables());
        assertThat(other.prefix()).startsWith("test-").isNotEqualTo(injected.prefix());
        assertThat(other.environment())
                .containsExactly(
                        Map.entry("FIELDGATE_TABLE_PREFIX", other.prefix()),
                        Map.entry(
                                "FIELDGATE_DYNAMODB_ENDPOINT", server.endpoint().toString()),
                        Map.entry("AWS_REGION", "us-east-1"));
        assertThat(server.endpoint().toString()).startsWith("http://localhost:");
        assertThat(server.newTablePrefix("Odd name$1")).matches("Oddname1-\\d+-");
        assertThatThrownBy(() -> other.tableName("Comment"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Pin");
    }

    @Test
    void telemetryIsOffSoNoMetadataFileIsWritten() {
        DYNAMODB.client().listTables();

        assertThat(Files.exists(Path.of(System.getProperty("user.dir"), "dynamodb-local-metadata.json")))
                .isFalse();
    }
}
