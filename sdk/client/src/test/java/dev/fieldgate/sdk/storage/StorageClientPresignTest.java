package dev.fieldgate.sdk.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.sdk.NotAuthorizedException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Presigned URLs from the AWS SDK's own presigner, checked for their shape (no request is sent): the bucket and key
 * in the path on the local endpoint and in the host name on AWS, the expiry, the credential scope and the signed
 * headers; and keys outside every declared path refused before any request.
 */
class StorageClientPresignTest {

    private static final String ALICE = "us-east-1:1b7c6a52-0000-4000-8000-00000000a11c";
    private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsSessionCredentials.create("ASIAEXAMPLEKEY", "secret-example", "session-token-example"));

    private StorageClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&", -1)) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    @Test
    void aGetUrlOnTheLocalEndpointIsPathStyleAndExpiresWhenAsked() throws Exception {
        client = StorageClient.builder()
                .config(StorageConfig.fromOutputsJson(StorageConfigTest.OUTPUTS))
                .credentialsProvider(CREDENTIALS)
                .build();
        String key = StoragePath.privateFor(ALICE).key("photos/cat 1.jpg");
        Instant before = Instant.now();

        PresignedUrl url = client.presignGet(key, Duration.ofMinutes(10));

        URI uri = url.url().toURI();
        assertThat(uri.getScheme() + "://" + uri.getAuthority()).isEqualTo("http://127.0.0.1:4566");
        assertThat(uri.getPath()).isEqualTo("/pins-local-files/" + key);
        Map<String, String> query = query(uri);
        assertThat(query).containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        assertThat(query).containsEntry("X-Amz-Expires", "600");
        assertThat(query).containsEntry("X-Amz-SignedHeaders", "host");
        assertThat(query).containsEntry("X-Amz-Security-Token", "session-token-example");
        assertThat(query.get("X-Amz-Credential")).matches("ASIAEXAMPLEKEY/\\d{8}/us-east-1/s3/aws4_request");
        assertThat(query.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
        assertThat(url.method()).isEqualTo("GET");
        assertThat(url.expiration())
                .isBetween(before.plusSeconds(599), Instant.now().plusSeconds(601));
        assertThat(url.headers()).isEmpty();
        assertThat(url.toString()).doesNotContain("X-Amz-Signature").doesNotContain("session-token-example");
    }

    @Test
    void aPutUrlSignsItsContentTypeAndOnAwsNamesTheBucketInTheHost() throws Exception {
        client = StorageClient.builder()
                .config(StorageConfig.fromOutputsJson(StorageConfigTest.OUTPUTS)
                        .copy(b -> b.endpoint(null).pathStyle(false)))
                .bucket("archive")
                .credentialsProvider(CREDENTIALS)
                .build();

        PresignedUrl url = client.presignPut("public/report.pdf", Duration.ofHours(1), "application/pdf");

        URI uri = url.url().toURI();
        assertThat(uri.getHost()).isEqualTo("pins-local-archive.s3.eu-west-1.amazonaws.com");
        assertThat(uri.getPath()).isEqualTo("/public/report.pdf");
        assertThat(query(uri)).containsEntry("X-Amz-SignedHeaders", "content-type;host");
        assertThat(query(uri).get("X-Amz-Credential")).contains("/eu-west-1/s3/aws4_request");
        assertThat(url.method()).isEqualTo("PUT");
        assertThat(url.headers()).containsEntry("content-type", java.util.List.of("application/pdf"));
    }

    @Test
    void aKeyNoDeclaredPathHoldsIsRefusedBeforeAnyRequestNamingTheDeclaredPaths() {
        client = StorageClient.builder()
                .config(StorageConfig.fromOutputsJson(StorageConfigTest.OUTPUTS))
                .credentialsProvider(CREDENTIALS)
                .build();

        assertThatThrownBy(() -> client.presignGet("secrets/keys.txt", Duration.ofMinutes(1)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("No declared path of bucket files holds it")
                .hasMessageContaining("[public/*, protected/{entity_id}/*, private/{entity_id}/*]")
                .satisfies(e ->
                        assertThat(((NotAuthorizedException) e).errorType()).contains("AccessDenied"));
        assertThatThrownBy(() -> client.delete("private/no-identity.txt")).isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> client.presignGet("public/x", Duration.ofDays(8)))
                .hasMessageContaining("at most 7 days");
        assertThatThrownBy(() -> client.identityId()).hasMessageContaining("not an identity pool's");
    }

    @Test
    void partSizesOutsideWhatS3TakesAreRefusedWhenBuilding() {
        StorageClient.Builder builder = StorageClient.builder()
                .config(StorageConfig.fromOutputsJson(StorageConfigTest.OUTPUTS))
                .credentialsProvider(CREDENTIALS);

        assertThatThrownBy(() -> builder.partSize(1024 * 1024).build())
                .isInstanceOf(StorageConfigException.class)
                .hasMessageContaining("at least 5 MiB");
        assertThatThrownBy(() -> StorageClient.builder()
                        .config(StorageConfig.fromOutputsJson(StorageConfigTest.OUTPUTS))
                        .build())
                .hasMessageContaining("Give the builder credentials");
    }
}
