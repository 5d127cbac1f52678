package dev.fieldgate.local.cognito;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The AWS JSON 1.1 wire format as browsers and hand-written clients see it: headers, error shapes, CORS. */
class ProtocolTest extends CognitoTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(String target, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(cognito.endpoint().resolve("/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Origin", "http://localhost:3000")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void errorsCarryTypeAndMessageInBodyAndHeaders() throws Exception {
        HttpResponse<String> response =
                call("AWSCognitoIdentityProviderService.GetUser", "{\"AccessToken\":\"nonsense\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("NotAuthorizedException:");
        assertThat(response.headers().firstValue("x-amzn-ErrorMessage")).hasValue("Invalid Access Token");
        assertThat(response.headers().firstValue("x-amzn-RequestId").orElseThrow())
                .matches("[0-9a-f-]{36}");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(response.headers()
                        .firstValue("Access-Control-Expose-Headers")
                        .orElseThrow())
                .contains("x-amzn-RequestId")
                .contains("x-amzn-ErrorType")
                .contains("x-amzn-ErrorMessage");
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("__type").asText()).isEqualTo("NotAuthorizedException");
        assertThat(body.get("message").asText()).isEqualTo("Invalid Access Token");
    }

    @Test
    void missingMembersMalformedBodiesAndUnknownOperationsAreClientErrors() throws Exception {
        HttpResponse<String> missing = call("AWSCognitoIdentityProviderService.SignUp", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body())
                .contains("InvalidParameterException")
                .contains("Value null at 'clientId' failed to satisfy constraint: Member must not be null");
        HttpResponse<String> empty = call("AWSCognitoIdentityProviderService.GetUser", "");
        assertThat(empty.body()).contains("Value null at 'accessToken'");
        HttpResponse<String> malformed = call("AWSCognitoIdentityProviderService.GetUser", "{\"AccessToken\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("SerializationException");
        HttpResponse<String> wrongType = call("AWSCognitoIdentityProviderService.GetUser", "{\"AccessToken\":5}");
        assertThat(wrongType.body()).contains("SerializationException");
        HttpResponse<String> unknown = call("AWSCognitoIdentityProviderService.CreateUserPool", "{}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("UnknownOperationException");
        HttpResponse<String> otherService = call("DynamoDB_20120810.ListTables", "{}");
        assertThat(otherService.statusCode()).isEqualTo(400);
        assertThat(otherService.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException:");
        HttpResponse<String> huge = call(
                "AWSCognitoIdentityProviderService.GetUser", "{\"AccessToken\":\"" + "a".repeat(1_100_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(http.send(
                                HttpRequest.newBuilder(cognito.endpoint().resolve("/nothing-here"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void corsPreflightAllowsTheHeadersBrowserSdksSend() throws Exception {
        HttpResponse<String> preflight = http.send(
                HttpRequest.newBuilder(cognito.endpoint().resolve("/"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://localhost:3000")
                        .header("Access-Control-Request-Method", "POST")
                        .header(
                                "Access-Control-Request-Headers",
                                "content-type,x-amz-target,x-amz-user-agent,cache-control")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("*");
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Methods")
                        .orElseThrow())
                .contains("POST");
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElseThrow())
                .contains("x-amz-target")
                .contains("content-type");
        HttpResponse<String> ok = call(
                "AWSCognitoIdentityService.GetId",
                "{\"IdentityPoolId\":\"" + cognito.identityPoolId().orElseThrow() + "\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(ok.body()).contains("\"IdentityId\":\"us-east-1:");
    }

    @Test
    void theServerListensOnLoopbackOnly() {
        assertThat(cognito.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(cognito.port()).isPositive();
        assertThat(URI.create(cognito.jwksUri().toString()).getPath())
                .isEqualTo("/" + cognito.userPoolId() + "/.well-known/jwks.json");
    }
}
