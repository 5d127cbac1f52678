package dev.fieldgate.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldgate.config.AppConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local S3 driven by AWS's JavaScript clients in Node ({@code local/node-clients/storage.js}) over TLS: the AWS
 * SDK for JavaScript v3 S3 client (path-style and virtual-hosted, presigned URLs, a 20 MB multipart upload, forged
 * and skewed signatures) and Amplify JS v6 Storage configured from the outputs file's storage section, as a guest
 * and as two signed-in users.
 */
class StorageNodeIT {

    private static final Path NODE_PROJECT = Path.of("../node-clients");

    @Test
    void theJavaScriptS3ClientAndAmplifyStorageWorkUnchanged(@TempDir Path state) throws Exception {
        if (!Files.isDirectory(NODE_PROJECT.resolve("node_modules/@aws-sdk/client-s3"))) {
            throw new IllegalStateException("This test drives Node.js: @aws-sdk/client-s3 is missing in"
                    + " local/node-clients; run `npm ci` there (./fieldgate test does it for you).");
        }
        AppConfig pins = AppConfig.read(Path.of(
                Files.isDirectory(Path.of("samples/pins")) ? "samples/pins" : "../../samples/pins", "fieldgate.json"));
        try (LocalStack stack = LocalStack.builder()
                .config(pins.toBuilder().storageJson(S3StorageTest.STORAGE).build())
                .withoutFunction()
                .stateDirectory(state)
                .outputsFile(state.resolve("amplify_outputs.json"))
                .tls(true)
                .start()) {
            ProcessBuilder node = new ProcessBuilder("node", "storage.js").directory(NODE_PROJECT.toFile());
            node.environment()
                    .put("OUTPUTS", state.resolve("amplify_outputs.json").toString());
            node.environment().put("OUTBOX", state.resolve("outbox").toString());
            node.environment().put("EMAIL_A", "alice@example.com");
            node.environment().put("EMAIL_B", "bob@example.com");
            node.environment().put("PASSWORD", "Correct-Horse-9");
            node.environment()
                    .put(
                            "NODE_EXTRA_CA_CERTS",
                            stack.caCertificateFile().orElseThrow().toString());
            node.redirectError(state.resolve("node-stderr.txt").toFile());
            Process process = node.start();
            byte[] stdout = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(3, TimeUnit.MINUTES))
                    .as("node storage.js finished")
                    .isTrue();
            assertThat(process.exitValue())
                    .as(
                            "node storage.js failed:%n%s",
                            Files.readString(state.resolve("node-stderr.txt"), StandardCharsets.UTF_8))
                    .isZero();
            JsonNode result = GraphQlClient.JSON.readTree(stdout);
            JsonNode js = result.path("js");
            JsonNode amplify = result.path("amplify");
            String alice = result.path("aliceIdentityId").asText();

            // JavaScript v3, path-style and virtual-hosted: own files, not Bob's; listing limited to the own prefix.
            assertThat(js.at("/get/value/body").asText()).isEqualTo("from js");
            assertThat(js.at("/get/value/contentType").asText()).isEqualTo("text/plain");
            assertThat(js.at("/head/value").asLong()).isEqualTo(7);
            assertRefused(js.path("readBobs"), "AccessDenied", 403);
            assertRefused(js.path("writeBobs"), "AccessDenied", 403);
            assertThat(js.at("/listOwn/value/0").asText()).isEqualTo("private/" + alice + "/js/note.txt");
            assertRefused(js.path("listAll"), "AccessDenied", 403);
            assertRefused(js.path("listBobs"), "AccessDenied", 403);
            assertThat(js.at("/virtualGet/value").asText()).isEqualTo("by host");
            assertThat(js.at("/delete/ok").asBoolean()).isTrue();
            assertRefused(js.path("getDeleted"), "NoSuchKey", 404);

            // Presigned URLs work until they expire; forged and skewed signatures are refused.
            assertThat(js.at("/presignedGet/status").asInt()).isEqualTo(200);
            assertThat(js.at("/presignedGet/body").asText()).isEqualTo("from js");
            assertThat(js.at("/presignedPut/status").asInt()).isEqualTo(200);
            assertThat(js.at("/presignedExpired/status").asInt()).isEqualTo(403);
            assertThat(js.at("/presignedExpired/code").asText()).isEqualTo("AccessDenied");
            assertRefused(js.path("forged"), "SignatureDoesNotMatch", 403);
            assertRefused(js.path("skewed"), "RequestTimeTooSkewed", 403);

            // 20 MB in four parts, back whole.
            assertThat(js.at("/multipart/value/intact").asBoolean()).isTrue();
            assertThat(js.at("/multipart/value/length").asLong()).isEqualTo(20L << 20);
            assertThat(js.at("/multipart/value/etag").asText()).endsWith("-4\"");

            // A guest reads the public path and cannot write it or read a private file.
            assertThat(js.at("/guestRead/value").asText()).isEqualTo("hello, guests");
            assertRefused(js.path("guestWrite"), "AccessDenied", 403);
            assertRefused(js.path("guestReadPrivate"), "AccessDenied", 403);

            // Amplify Storage: uploadData (single and multipart), downloadData, list, remove, and its refusals.
            assertThat(amplify.at("/upload/value").asText()).isEqualTo("private/" + alice + "/amplify/note.txt");
            assertThat(amplify.at("/download/value").asText()).isEqualTo("from amplify");
            assertThat(amplify.at("/uploadBig/value/intact").asBoolean()).isTrue();
            assertThat(amplify.at("/list/value"))
                    .extracting(JsonNode::asText)
                    .containsExactly("private/" + alice + "/amplify/big.bin", "private/" + alice + "/amplify/note.txt");
            assertThat(amplify.at("/downloadBobs/code").asText()).isEqualTo("AccessDenied");
            assertThat(amplify.at("/listBobs/code").asText()).isEqualTo("AccessDenied");
            assertThat(amplify.at("/remove/ok").asBoolean()).isTrue();
            assertThat(amplify.at("/downloadRemoved/code").asText()).isEqualTo("NoSuchKey");
            assertThat(amplify.at("/guestDownload/value").asText()).isEqualTo("hello, guests");
            assertThat(amplify.at("/guestList/value"))
                    .extracting(JsonNode::asText)
                    .contains("public/js-hello.txt");
            assertThat(amplify.at("/guestUpload/code").asText()).isEqualTo("AccessDenied");
        }
    }

    private static void assertRefused(JsonNode outcome, String code, int status) {
        assertThat(outcome.path("ok").asBoolean()).as("%s refused", outcome).isFalse();
        assertThat(outcome.path("code").asText()).as("%s", outcome).isEqualTo(code);
        assertThat(outcome.path("status").asInt()).as("%s", outcome).isEqualTo(status);
    }
}
