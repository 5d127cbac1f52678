package dev.fieldgate.resolvers.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.testing.dynamodb.DynamoDbLocal;
import dev.fieldgate.testing.dynamodb.DynamoDbLocalExtension;
import dev.fieldgate.testing.dynamodb.LocalTables;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/**
 * Records as the Maven plugin's generate-model goal writes them are items as they are, also when a component is
 * another schema type (a field resolved by its own resolver, such as {@code Pin.author}), a list of them (also of
 * its own type), or an enum:
 * nested records are stored as maps, enums by name, and absent values not at all.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class NestedRecordsTest {

    static final Manifest MANIFEST =
            SchemaCompiler.create().compile("""
                    schema @api(defaultAuthMode: AWS_IAM) { query: Query }
                    enum Mood { CALM STORMY }
                    type Profile { owner: ID! displayName: String! }
                    type Spot @table(partitionKey: "spotId") @auth(rules: [{allow: authenticated, provider: identityPool}]) {
                      spotId: ID!
                      mood: Mood
                      author: Profile
                      visitors: [Profile!]
                      tags: [String!]
                      rating: Int
                      related: [Spot!]
                    }
                    type Query { getSpot(spotId: ID!): Spot }
                    """, "spots.graphql").manifest();

    public enum Mood {
        CALM,
        STORMY
    }

    public record Profile(String owner, String displayName) {}

    public record Spot(
            String spotId,
            Mood mood,
            Profile author,
            List<Profile> visitors,
            List<String> tags,
            Integer rating,
            List<Spot> related) {}

    final LocalTables tables = DynamoDbLocal.shared().createTables(MANIFEST);
    final DynamoDbSettings settings = DynamoDbSettings.fromEnvironment(tables.environment()::get);
    final DynamoDbEnhancedClient enhanced = settings.createEnhancedClient(settings.createClient());

    @Test
    void nestedRecordsListsAndEnumsAreStoredAndReadBack() {
        OwnedTable<Spot> spots = OwnedTable.of(enhanced, settings, MANIFEST, Spot.class);
        Spot full = new Spot(
                "s-1",
                Mood.STORMY,
                new Profile("u-1", "Ann"),
                List.of(new Profile("u-2", "Bob"), new Profile("u-3", "Cy")),
                List.of("dunes", "wind"),
                4,
                List.of(new Spot("s-0", Mood.CALM, null, null, null, null, null)));
        spots.table().putItem(full);
        spots.table().putItem(new Spot("s-2", null, null, null, null, null, null));

        assertThat(spots.get(key("s-1"))).contains(full);
        assertThat(spots.get(key("s-2"))).contains(new Spot("s-2", null, null, null, null, null, null));
        assertThat(spots.table().tableSchema().itemToMap(full, true).get("mood").s())
                .isEqualTo("STORMY");
        assertThat(spots.table()
                        .tableSchema()
                        .itemToMap(full, true)
                        .get("author")
                        .m())
                .containsKeys("owner", "displayName");
    }

    static Key key(String id) {
        return Key.builder().partitionValue(id).build();
    }
}
