package dev.fieldgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** amplify_outputs.json as docs/outputs-file.md specifies it, read and written by its one owner. */
class OutputsFileTest {

    /** The example of docs/outputs-file.md, which Terraform's output is checked against too. */
    static String documentedExample() throws Exception {
        String doc = Files.readString(Path.of("../docs/outputs-file.md"));
        int start = doc.indexOf("```json\n") + "```json\n".length();
        return doc.substring(start, doc.indexOf("```", start));
    }

    @Test
    void readsTheDocumentedExample() throws Exception {
        OutputsFile outputs = OutputsFile.parse(documentedExample());

        assertThat(outputs.version()).isEqualTo("1.4");
        assertThat(outputs.region()).isEqualTo("us-east-1");
        AuthOutputs auth = outputs.auth().orElseThrow();
        assertThat(auth.userPoolId()).isEqualTo("us-east-1_Ab12Cd34E");
        assertThat(auth.unauthenticatedIdentitiesEnabled()).isTrue();
        assertThat(auth.groups()).containsExactly(Map.entry("Admins", 1));
        assertThat(auth.passwordPolicy().requireSymbols()).isFalse();
        assertThat(auth.oauth().domain()).isEqualTo("pins-example.auth.us-east-1.amazoncognito.com");
        assertThat(auth.oauth().responseType()).isEqualTo("code");
        DataOutputs data = outputs.data().orElseThrow();
        assertThat(data.defaultAuthorizationType()).isEqualTo("AMAZON_COGNITO_USER_POOLS");
        assertThat(data.authorizationTypes()).containsExactly("AWS_IAM");
        FieldgateOutputs fieldgate = outputs.fieldgate().orElseThrow();
        assertThat(fieldgate.apiId()).isEqualTo("abcdefghijklmnopqrstuvwxyz");
        assertThat(fieldgate.userPoolClients()).containsExactly(Map.entry("web", "1example23456789abcdefghij"));
        assertThat(fieldgate.guestRole()).contains("arn:aws:iam::123456789012:role/pins-guest");
        assertThat(fieldgate.endpoints()).isEmpty();
        assertThat(fieldgate.isLocal()).isFalse();
    }

    @Test
    void writesWhatItReadsInTheSameShape(@TempDir Path dir) throws Exception {
        OutputsFile outputs = OutputsFile.parse(documentedExample());
        Path file = dir.resolve("amplify_outputs.json");
        outputs.writeTo(file);

        String written = Files.readString(file);
        assertThat(OutputsFile.read(file).toJson()).isEqualTo(written);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(written))
                .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree(documentedExample()));
    }

    @Test
    void keysOfOtherAmplifyCategoriesAreIgnored() {
        OutputsFile outputs = OutputsFile.parse("""
                {"version": "1.3", "analytics": {"amazon_pinpoint": {}}, "geo": {},
                 "data": {"aws_region": "eu-west-1", "url": "https://x.appsync-api.eu-west-1.amazonaws.com/graphql",
                          "default_authorization_type": "AWS_IAM", "authorization_types": [], "api_key": "k"}}
                """);

        assertThat(outputs.region()).isEqualTo("eu-west-1");
        assertThat(outputs.auth()).isEmpty();
        assertThat(outputs.fieldgate()).isEmpty();
    }

    @Test
    void anotherMajorVersionOrABadValueIsRefusedWithTheKey() {
        assertThatThrownBy(() -> OutputsFile.parse("{\"version\": \"2.0\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("version is 2.0; the kit reads version 1.x of the outputs format");
        assertThatThrownBy(() -> OutputsFile.parse("""
                {"custom": {"fieldgate": {"endpoints": {"sts": "not a url"}}}}"""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("custom.fieldgate.endpoints.sts is 'not a url', which is not an absolute URL");
        assertThatThrownBy(() -> OutputsFile.parse("{\"auth\": {\"user_pool_id\": \"p\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.aws_region is required");
        assertThatThrownBy(() -> OutputsFile.parse("[]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not a JSON object; regenerate it with './fieldgate local'");
        assertThatThrownBy(() -> OutputsFile.parse("{}").region())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("neither data.aws_region nor auth.aws_region");
    }

    @Test
    void aBuiltFileHasTheKitsVersionAndNoSectionItWasNotGiven() {
        OutputsFile outputs = OutputsFile.builder()
                .fieldgate(FieldgateOutputs.builder()
                        .app("pins")
                        .environment(FieldgateOutputs.LOCAL)
                        .endpoint("sts", URI.create("http://127.0.0.1:4600"))
                        .build())
                .data(new DataOutputs("us-east-1", "http://127.0.0.1:4600/graphql", "AWS_IAM", List.of()))
                .build();

        assertThat(outputs.version()).isEqualTo(OutputsFile.VERSION);
        assertThat(outputs.toJson()).doesNotContain("\"auth\"").contains("\"environment\" : \"local\"");
        assertThat(OutputsFile.parse(outputs.toJson()).fieldgate().orElseThrow().isLocal())
                .isTrue();
    }

    @Test
    void theStorageSectionIsReadAndWrittenAsAmplifyWritesIt() throws Exception {
        String amplify = """
                {"version": "1.4",
                 "storage": {"aws_region": "us-east-1", "bucket_name": "pins-local-files",
                   "buckets": [{"name": "files", "bucket_name": "pins-local-files", "aws_region": "us-east-1",
                     "paths": {"public/*": {"guest": ["get", "list"], "authenticated": ["get", "list", "write"]},
                               "private/{entity_id}/*": {"entityidentity": ["get", "list", "write", "delete"]}}}]}}
                """;
        OutputsFile outputs = OutputsFile.parse(amplify);

        StorageOutputs storage = outputs.storage().orElseThrow();
        assertThat(storage.bucketName()).isEqualTo("pins-local-files");
        StorageOutputs.Bucket files = storage.bucket("files").orElseThrow();
        assertThat(files.awsRegion()).isEqualTo("us-east-1");
        assertThat(files.paths()).containsOnlyKeys("public/*", "private/{entity_id}/*");
        assertThat(files.paths().get("private/{entity_id}/*"))
                .containsExactly(Map.entry("entityidentity", List.of("get", "list", "write", "delete")));
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(mapper.readTree(outputs.toJson())).isEqualTo(mapper.readTree(amplify));
        assertThatThrownBy(() -> OutputsFile.parse("{\"storage\": {\"bucket_name\": \"b\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("storage.aws_region is required");
    }
}
