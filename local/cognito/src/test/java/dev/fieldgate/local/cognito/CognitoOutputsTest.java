package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.DataOutputs;
import dev.fieldgate.config.OutputsFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Cognito part of the outputs file, in the shape docs/outputs-file.md specifies, with no secrets in it. */
class CognitoOutputsTest extends CognitoTestBase {

    @TempDir
    Path dir;

    @Override
    protected AppConfig config() {
        return AppConfig.read(Path.of("../../samples/pins/fieldgate.json"));
    }

    @Test
    void theCognitoPartMatchesTheDocumentedFormat() throws Exception {
        String base = cognito.endpoint().toString();
        OutputsFile cognitoPart = cognito.outputs();
        OutputsFile file = cognitoPart.toBuilder()
                .data(new DataOutputs("us-east-1", base + "/graphql", "AMAZON_COGNITO_USER_POOLS", List.of("AWS_IAM")))
                .fieldgate(cognitoPart.fieldgate().orElseThrow().toBuilder()
                        .apiId("localapi")
                        .realtimeUrl("ws://127.0.0.1:" + cognito.port() + "/graphql/realtime")
                        .endpoint("appsync", URI.create(base))
                        .build())
                .build();
        Path target = dir.resolve("amplify_outputs.json");
        file.writeTo(target);
        JsonNode root = new ObjectMapper().readTree(Files.readString(target));

        assertThat(root.get("version").asText()).isEqualTo("1.4");
        assertThat(fieldNames(root)).containsExactly("version", "auth", "data", "custom");
        JsonNode auth = root.get("auth");
        assertThat(fieldNames(auth))
                .containsExactly(
                        "aws_region",
                        "user_pool_id",
                        "user_pool_client_id",
                        "identity_pool_id",
                        "unauthenticated_identities_enabled",
                        "username_attributes",
                        "standard_required_attributes",
                        "user_verification_types",
                        "password_policy",
                        "mfa_configuration",
                        "mfa_methods",
                        "groups",
                        "oauth");
        assertThat(auth.get("user_pool_id").asText()).isEqualTo(cognito.userPoolId());
        assertThat(auth.get("user_pool_client_id").asText()).isEqualTo(cognito.clientId("web"));
        assertThat(auth.get("identity_pool_id").asText())
                .isEqualTo(cognito.identityPoolId().orElseThrow());
        assertThat(auth.get("password_policy").toString())
                .isEqualTo("{\"min_length\":8,\"require_numbers\":true,"
                        + "\"require_lowercase\":true,\"require_uppercase\":true,\"require_symbols\":false}");
        assertThat(auth.get("mfa_configuration").asText()).isEqualTo("NONE");
        assertThat(auth.get("groups").toString()).isEqualTo("[{\"Admins\":{\"precedence\":1}}]");
        JsonNode oauth = auth.get("oauth");
        assertThat(oauth.get("domain").asText()).isEqualTo("127.0.0.1:" + cognito.port());
        assertThat(oauth.get("scopes").toString())
                .isEqualTo("[\"openid\",\"email\",\"profile\",\"aws.cognito.signin.user.admin\"]");
        assertThat(oauth.get("redirect_sign_in_uri").toString())
                .isEqualTo("[\"http://localhost:3000/callback\",\"http://127.0.0.1:53682/callback\"]");
        assertThat(oauth.get("response_type").asText()).isEqualTo("code");

        JsonNode custom = root.at("/custom/fieldgate");
        assertThat(fieldNames(custom))
                .containsExactly(
                        "app",
                        "environment",
                        "api_id",
                        "realtime_url",
                        "user_pool_clients",
                        "guest_role_arn",
                        "authenticated_role_arn",
                        "endpoints");
        assertThat(custom.get("environment").asText()).isEqualTo("local");
        assertThat(custom.at("/user_pool_clients/backend").asText()).isEqualTo(cognito.clientId("backend"));
        assertThat(custom.get("guest_role_arn").asText())
                .isEqualTo(cognito.guestRoleArn().orElseThrow());
        assertThat(fieldNames(custom.get("endpoints")))
                .containsExactly("cognito_idp", "cognito_identity", "oauth", "appsync");
        assertThat(custom.at("/endpoints/cognito_idp").asText()).isEqualTo(base);

        String text = Files.readString(target);
        assertThat(text)
                .doesNotContain(cognito.clientSecret("backend").orElseThrow())
                .doesNotContain(cognito.adminCredentials().secretAccessKey())
                .doesNotContain(cognito.adminCredentials().accessKeyId());
        assertThat(OutputsFile.parse(text).toJson())
                .as("what the kit writes, it reads back unchanged")
                .isEqualTo(text);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
