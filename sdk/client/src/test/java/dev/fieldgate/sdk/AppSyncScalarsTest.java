package dev.fieldgate.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.sdk.internal.Json;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The AppSync scalar declarations and type mapping the SDK ships for code generators, and the JSON mapping that
 * reads and writes those Java types.
 */
class AppSyncScalarsTest {

    private static String resource(String name) throws Exception {
        try (InputStream in = AppSyncScalarsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDeclarationsMakeTheDeployableSchemaParseable() throws Exception {
        String scalars = resource("/META-INF/schema/appsync-scalars.graphqls");
        TypeDefinitionRegistry registry = new SchemaParser().parse(scalars);
        Properties mapping = new Properties();
        mapping.load(new java.io.StringReader(resource("/META-INF/fieldgate/appsync-type-mapping.properties")));
        assertThat(registry.scalars().keySet()).containsAll(mapping.stringPropertyNames());
        assertThat(registry.getDirectiveDefinition("aws_cognito_user_pools")).isPresent();

        // The Maven plugin's copy (generate-client adds it to schemas that do not declare AppSync's built-ins) is
        // the same file.
        assertThat(Files.readString(Path.of(
                        "../../maven-plugin/src/main/resources/dev/fieldgate/maven/internal/appsync-scalars.graphqls")))
                .isEqualTo(scalars);
        // Every mapped Java type exists.
        for (String type : mapping.stringPropertyNames()) {
            assertThat(Class.forName(mapping.getProperty(type))).isNotNull();
        }
    }

    @Test
    void theJsonMappingReadsAppSyncsFormatsIncludingOptionalOffsets() throws Exception {
        ObjectMapper json = Json.newMapper();
        assertThat(json.readValue("\"2024-03-05\"", LocalDate.class)).isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(json.readValue("\"2024-03-05Z\"", LocalDate.class)).isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(json.readValue("\"2024-03-05+01:00\"", LocalDate.class)).isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(json.readValue("\"09:03:07.123\"", LocalTime.class)).isEqualTo(LocalTime.of(9, 3, 7, 123_000_000));
        assertThat(json.readValue("\"09:03Z\"", LocalTime.class)).isEqualTo(LocalTime.of(9, 3));
        assertThat(json.readValue("\"09:03:07-07:00\"", LocalTime.class)).isEqualTo(LocalTime.of(9, 3, 7));
        OffsetDateTime dateTime = json.readValue("\"2024-03-05T09:03:07.5-07:00\"", OffsetDateTime.class);
        assertThat(dateTime.getOffset().getTotalSeconds()).isEqualTo(-7 * 3600);
        assertThat(json.writeValueAsString(dateTime)).isEqualTo("\"2024-03-05T09:03:07.5-07:00\"");
        assertThat(json.writeValueAsString(LocalDate.of(2024, 3, 5))).isEqualTo("\"2024-03-05\"");
        assertThat(json.readValue("1709625787", Long.class)).isEqualTo(1709625787L);
    }
}
