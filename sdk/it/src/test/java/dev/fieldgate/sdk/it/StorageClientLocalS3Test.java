package dev.fieldgate.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.IdentityPoolConfig;
import dev.fieldgate.config.UserPoolGroup;
import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.core.LocalAdminCredentials;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.NotAuthenticatedException;
import dev.fieldgate.sdk.NotAuthorizedException;
import dev.fieldgate.sdk.auth.CognitoUserPoolAuth;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import dev.fieldgate.sdk.storage.DownloadResult;
import dev.fieldgate.sdk.storage.ObjectNotFoundException;
import dev.fieldgate.sdk.storage.PresignedUrl;
import dev.fieldgate.sdk.storage.StorageClient;
import dev.fieldgate.sdk.storage.StorageConfig;
import dev.fieldgate.sdk.storage.StorageItem;
import dev.fieldgate.sdk.storage.StoragePath;
import dev.fieldgate.sdk.storage.UploadOptions;
import dev.fieldgate.sdk.storage.UploadResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The storage client against the local stack's S3, with the identity pool's real guest and signed-in credentials
 * and the roles' statements generated from the declaration below: a guest reads the public path and cannot write
 * it; Alice writes and reads her private path and Bob is refused there with the rule named; listing stays within
 * the caller's prefix; presigned URLs work, refuse a forged signature, and expire; a 20 MB file goes up in parts;
 * Erin, in the user-pool group {@code editors}, writes the path only that group may write, and others are refused
 * before any request.
 */
class StorageClientLocalS3Test {

    static final String STORAGE = """
            {"buckets": [{"name": "files", "paths": {
              "public/*": {"guest": ["read"], "authenticated": ["read", "write", "delete"]},
              "protected/{identity}/*": {"authenticated": ["read"], "owner": ["read", "write", "delete"]},
              "private/{identity}/*": {"owner": ["read", "write", "delete"]},
              "shared/*": {"authenticated": ["read"], "groups": {"editors": ["write", "delete"]}}
            }}]}""";

    private static final long MB = 1_000_000;

    private static LocalStack stack;
    private static CognitoUserPoolAuth aliceAuth;
    private static CognitoUserPoolAuth bobAuth;
    private static CognitoUserPoolAuth erinAuth;
    private static IdentityPoolCredentialsProvider erinCredentials;
    private static StorageClient erin;
    private static IdentityPoolCredentialsProvider guestCredentials;
    private static IdentityPoolCredentialsProvider aliceCredentials;
    private static IdentityPoolCredentialsProvider bobCredentials;
    private static StorageClient guest;
    private static StorageClient alice;
    private static StorageClient bob;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        AppConfig pins = AppConfig.read(LocalStackSupport.PINS_APP_CONFIG);
        IdentityPoolConfig identityPool = pins.identityPool().orElseThrow();
        stack = LocalStackSupport.start(pins.toBuilder()
                .userPool(pins.userPool().toBuilder()
                        .addGroup(new UserPoolGroup("editors", "Edit the shared files", 5))
                        .build())
                // Without the classic flow, so that only the group's members get the group's role.
                .identityPool(new IdentityPoolConfig(
                        identityPool.name(),
                        identityPool.allowUnauthenticatedIdentities(),
                        identityPool.clients(),
                        false))
                .storageJson(STORAGE)
                .build());
        FieldgateConfig config = LocalStackSupport.config(stack);
        StorageConfig storage = StorageConfig.fromOutputsJson(stack.outputs().toJson());
        aliceAuth = LocalStackSupport.signedInUser(stack, config);
        bobAuth = LocalStackSupport.signedInUser(stack, config);
        erinAuth = CognitoUserPoolAuth.builder().config(config).build();
        String erinEmail = LocalStackSupport.confirmedUser(stack, erinAuth);
        LocalAdminCredentials admin = stack.adminCredentials();
        try (CognitoIdentityProviderClient pool = CognitoIdentityProviderClient.builder()
                .endpointOverride(stack.endpoint())
                .region(Region.of(stack.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(admin.accessKeyId(), admin.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            pool.adminAddUserToGroup(r -> r.userPoolId(config.userPoolId().orElseThrow())
                    .username(erinEmail)
                    .groupName("editors"));
        }
        erinAuth.signIn(erinEmail, LocalStackSupport.PASSWORD);
        erinCredentials = IdentityPoolCredentialsProvider.builder()
                .config(config)
                .user(erinAuth)
                .build();
        erin = StorageClient.builder()
                .config(storage)
                .credentials(erinCredentials)
                .build();
        guestCredentials =
                IdentityPoolCredentialsProvider.builder().config(config).guest().build();
        aliceCredentials = IdentityPoolCredentialsProvider.builder()
                .config(config)
                .user(aliceAuth)
                .build();
        bobCredentials = IdentityPoolCredentialsProvider.builder()
                .config(config)
                .user(bobAuth)
                .build();
        guest = StorageClient.builder()
                .config(storage)
                .credentials(guestCredentials)
                .build();
        alice = StorageClient.builder()
                .config(storage)
                .credentials(aliceCredentials)
                .build();
        bob = StorageClient.builder()
                .config(storage)
                .credentials(bobCredentials)
                .build();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {
            guest,
            alice,
            bob,
            erin,
            guestCredentials,
            aliceCredentials,
            bobCredentials,
            erinCredentials,
            aliceAuth,
            bobAuth,
            erinAuth,
            stack
        }) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // Closing the rest matters more.
            }
        }
    }

    private static UploadResult put(StorageClient client, String key, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return client.upload(
                key,
                new ByteArrayInputStream(bytes),
                bytes.length,
                UploadOptions.builder().contentType("text/plain").build());
    }

    private static String get(StorageClient client, String key) throws Exception {
        try (InputStream in = client.download(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aGuestReadsThePublicPathAndCannotWriteIt() throws Exception {
        String key = StoragePath.publicPath().key("welcome.txt");
        put(alice, key, "hello, everyone");

        assertThat(get(guest, key)).isEqualTo("hello, everyone");
        assertThat(guest.list(StoragePath.publicPath()).items())
                .extracting(StorageItem::key)
                .contains(key);
        assertThatThrownBy(() -> put(guest, StoragePath.publicPath().key("graffiti.txt"), "x"))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("AccessDenied")
                .hasMessageContaining("does not let guests write: sign in first");
    }

    @Test
    void aliceOwnsHerPrivatePathAndBobIsRefusedThereWithTheRuleNamed() throws Exception {
        String key = alice.privatePath().key("diary/2026-12-06.txt");
        assertThat(key).startsWith("private/" + aliceCredentials.identityId() + "/");

        put(alice, key, "dear diary");
        assertThat(get(alice, key)).isEqualTo("dear diary");

        assertThatThrownBy(() -> get(bob, key))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("AccessDenied")
                .hasMessageContaining("The path rule private/{entity_id}/*")
                .hasMessageContaining("which is identity " + aliceCredentials.identityId() + "'s")
                .hasMessageContaining("this caller is identity " + bobCredentials.identityId());
        assertThatThrownBy(() -> put(bob, key, "forged")).isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> bob.delete(key)).isInstanceOf(NotAuthorizedException.class);
        assertThat(get(alice, key)).isEqualTo("dear diary");

        alice.delete(key);
        assertThatThrownBy(() -> get(alice, key)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void aGroupMemberWritesTheGroupsPathAndOthersAreRefusedBeforeAnyRequest() throws Exception {
        String key = StoragePath.of("shared/*").key("agenda.txt");

        put(erin, key, "the agenda");
        assertThat(get(alice, key)).isEqualTo("the agenda");
        assertThat(erin.list(StoragePath.of("shared/*")).items())
                .extracting(StorageItem::key)
                .contains(key);

        assertThatThrownBy(() -> put(bob, key, "mine now"))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("Refused write on '" + key + "' in bucket files.")
                .hasMessageContaining("lets only group editors write there")
                .hasMessageContaining("credentials carry no group's role (its groups: [])");
        assertThatThrownBy(() -> bob.delete(key))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageStartingWith("Refused delete on '" + key + "'");
        assertThatThrownBy(() -> put(guest, key, "x"))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("does not let guests write: sign in first");
        assertThat(get(bob, key)).isEqualTo("the agenda");

        erin.delete(key);
        assertThatThrownBy(() -> get(erin, key)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void listingStaysWithinTheCallersPrefix() {
        put(alice, alice.privatePath().key("a.txt"), "a");
        put(bob, bob.privatePath().key("b.txt"), "b");
        put(bob, bob.protectedPath().key("shared.txt"), "shared");

        assertThat(alice.list(alice.privatePath()).items())
                .extracting(StorageItem::key)
                .allMatch(k -> k.startsWith(alice.privatePath().prefix()))
                .contains(alice.privatePath().key("a.txt"));
        assertThatThrownBy(() -> alice.list(StoragePath.privateFor(bobCredentials.identityId())))
                .isInstanceOf(NotAuthorizedException.class);
        assertThat(alice.list(StoragePath.protectedFor(bobCredentials.identityId()))
                        .items())
                .extracting(StorageItem::key)
                .containsExactly(bob.protectedPath().key("shared.txt"));
    }

    @Test
    void presignedUrlsWorkWithoutCredentialsRefuseAForgedSignatureAndExpire() throws Exception {
        String key = alice.privatePath().key("presigned.txt");
        PresignedUrl upload = alice.presignPut(key, Duration.ofMinutes(5), "text/plain");
        HttpResponse<String> put = HTTP.send(
                HttpRequest.newBuilder(upload.url().toURI())
                        .header("Content-Type", "text/plain")
                        .PUT(HttpRequest.BodyPublishers.ofString("via a presigned PUT"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);

        PresignedUrl download = alice.presignGet(key, Duration.ofMinutes(5));
        HttpResponse<String> get =
                HTTP.send(HttpRequest.newBuilder(download.url().toURI()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("via a presigned PUT");

        String url = download.url().toString();
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        String forged = url.substring(0, at) + (url.charAt(at) == '0' ? '1' : '0') + url.substring(at + 1);
        HttpResponse<String> refused =
                HTTP.send(HttpRequest.newBuilder(URI.create(forged)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("<Code>SignatureDoesNotMatch</Code>");

        PresignedUrl brief = alice.presignGet(key, Duration.ofSeconds(1));
        Poll.until(
                Duration.ofSeconds(10),
                () -> {
                    try {
                        HttpResponse<String> r = HTTP.send(
                                HttpRequest.newBuilder(brief.url().toURI()).build(),
                                HttpResponse.BodyHandlers.ofString());
                        return r.statusCode() == 403
                                && r.body().contains("<Code>AccessDenied</Code>")
                                && r.body().contains("expired");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "a presigned URL valid for one second is refused as expired");
    }

    @Test
    void aTwentyMegabyteFileGoesUpInPartsWithProgressAndComesBackTheSame(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("video.bin");
        byte[] content = new byte[(int) (20 * MB)];
        new Random(15).nextBytes(content);
        Files.write(file, content);
        List<Long> progress = new ArrayList<>();

        UploadResult uploaded = alice.upload(
                alice.privatePath().key("video.bin"),
                file,
                UploadOptions.builder()
                        .contentType("application/octet-stream")
                        .listener((done, total) -> progress.add(done))
                        .build());

        assertThat(uploaded.parts()).isEqualTo(3);
        assertThat(uploaded.size()).isEqualTo(20 * MB);
        assertThat(progress).isSorted().startsWith(0L).endsWith(20 * MB);
        Path copy = dir.resolve("copy.bin");
        DownloadResult downloaded = alice.download(uploaded.key(), copy);
        assertThat(downloaded.size()).isEqualTo(20 * MB);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertThat(sha.digest(Files.readAllBytes(copy))).isEqualTo(sha.digest(content));
    }

    @Test
    void expiredOrForeignCredentialsAreTheSdksNotAuthenticated() {
        StorageClient stranger = StorageClient.builder()
                .config(alice.config())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                "AKIAUNKNOWN000000000", "not-a-secret-of-this-stack")))
                .build();
        try (stranger) {
            assertThatThrownBy(() -> stranger.list(StoragePath.publicPath()))
                    .isInstanceOf(NotAuthenticatedException.class);
        }
    }
}
