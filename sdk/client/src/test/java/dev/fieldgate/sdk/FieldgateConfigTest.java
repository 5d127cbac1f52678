package dev.fieldgate.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.local.cognito.LocalCognito;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outputs file as the docs show it (AWS) and as the local stack writes it. */
class FieldgateConfigTest {

    @TempDir
    Path dir;

    /** The example in docs/outputs-file.md, so the documented format and the parser cannot drift apart. */
    private static String documentedExample() throws Exception {
        String doc = Files.readString(Path.of("../../docs/outputs-file.md"));
        Matcher json = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(json.find()).isTrue();
        return json.group(1);
    }

    @Test
    void readsTheDocumentedAwsOutputs() throws Exception {
        Path file = dir.resolve("amplify_outputs.json");
        Files.writeString(file, documentedExample());
        FieldgateConfig config = FieldgateConfig.fromOutputsFile(file);

        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.graphqlEndpoint())
                .hasValue(URI.create("https://abcdefghijklmnopqrstuvwxyz.appsync-api.us-east-1.amazonaws.com/graphql"));
        assertThat(config.realtimeEndpoint())
                .hasValue(URI.create(
                        "wss://abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.us-east-1.amazonaws.com/graphql"));
        assertThat(config.defaultAuthMode()).hasValue(AuthMode.AMAZON_COGNITO_USER_POOLS);
        assertThat(config.accepts(AuthMode.AWS_IAM)).isTrue();
        assertThat(config.accepts(AuthMode.API_KEY)).isFalse();
        assertThat(config.userPoolId()).hasValue("us-east-1_Ab12Cd34E");
        assertThat(config.userPoolClientId()).hasValue("1example23456789abcdefghij");
        assertThat(config.userPoolClients()).containsEntry("web", "1example23456789abcdefghij");
        assertThat(config.identityPoolId()).hasValue("us-east-1:3f1c2d4e-0000-4000-8000-123456789abc");
        assertThat(config.unauthenticatedIdentitiesEnabled()).isTrue();
        assertThat(config.endpointOverrides())
                .as("AWS uses its regional endpoints")
                .isEmpty();
        assertThat(config.oauth()).hasValueSatisfying(o -> {
            assertThat(o.baseUri()).isEqualTo(URI.create("https://pins-example.auth.us-east-1.amazoncognito.com"));
            assertThat(o.redirectSignIn()).containsExactly(URI.create("http://localhost:3000/callback"));
        });
        assertThat(config.userPoolLoginsKey()).isEqualTo("cognito-idp.us-east-1.amazonaws.com/us-east-1_Ab12Cd34E");
        assertThat(config.environment()).hasValue("aws");
    }

    @Test
    void readsTheLocalStacksOutputsWithItsEndpointOverrides() {
        try (LocalCognito cognito = LocalCognitoSupport.start()) {
            FieldgateConfig config = LocalCognitoSupport.config(cognito);
            assertThat(config.userPoolId()).hasValue(cognito.userPoolId());
            assertThat(config.userPoolClientId()).hasValue(cognito.clientId("web"));
            assertThat(config.endpointOverride(FieldgateConfig.COGNITO_IDP)).hasValue(cognito.endpoint());
            assertThat(config.endpointOverride(FieldgateConfig.COGNITO_IDENTITY))
                    .hasValue(cognito.endpoint());
            assertThat(config.oauth().orElseThrow().baseUri()).isEqualTo(cognito.oauthBaseUri());
            assertThat(config.environment()).hasValue("local");
        }
    }

    @Test
    void secretsAreAddedInCodeAndNeverPrinted() throws Exception {
        FieldgateConfig config = FieldgateConfig.fromOutputsJson(documentedExample())
                .copy(b -> b.userPoolClientSecret("s3cr3t-value-for-the-test"));
        assertThat(config.userPoolClientSecret()).hasValue("s3cr3t-value-for-the-test");
        assertThat(config.toString()).doesNotContain("s3cr3t").contains("<hidden>");
        assertThat(config.withUserPoolClient("web").userPoolClientSecret()).isEmpty();
        assertThatThrownBy(() -> config.withUserPoolClient("nope"))
                .isInstanceOf(FieldgateConfigException.class)
                .hasMessageContaining("web");
    }

    @Test
    void theRealtimeEndpointFollowsAppSyncsNaming() {
        FieldgateConfig custom = FieldgateConfig.builder()
                .region("eu-west-1")
                .graphqlEndpoint(URI.create("https://api.example.com/graphql"))
                .build();
        assertThat(custom.realtimeEndpoint()).hasValue(URI.create("wss://api.example.com/graphql/realtime"));
        FieldgateConfig local = FieldgateConfig.builder()
                .region("us-east-1")
                .graphqlEndpoint(URI.create("http://127.0.0.1:4000/graphql"))
                .build();
        assertThat(local.realtimeEndpoint()).hasValue(URI.create("ws://127.0.0.1:4000/graphql/realtime"));
    }

    @Test
    void badFilesSayWhatToDo() throws Exception {
        assertThatThrownBy(() -> FieldgateConfig.fromOutputsFile(dir.resolve("missing.json")))
                .isInstanceOf(FieldgateConfigException.class)
                .hasMessageContaining("./fieldgate local");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{ not json");
        assertThatThrownBy(() -> FieldgateConfig.fromOutputsFile(broken))
                .isInstanceOf(FieldgateConfigException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> FieldgateConfig.fromOutputsJson("{\"version\":\"1.4\"}"))
                .isInstanceOf(FieldgateConfigException.class)
                .hasMessageContaining("region");
        assertThatThrownBy(
                        () -> FieldgateConfig.fromOutputsJson("{\"version\":\"2.0\",\"auth\":{\"aws_region\":\"x\"}}"))
                .isInstanceOf(FieldgateConfigException.class)
                .hasMessageContaining("version is 2.0");
    }
}
