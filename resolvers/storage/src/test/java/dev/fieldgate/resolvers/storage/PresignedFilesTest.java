package dev.fieldgate.resolvers.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.resolvers.ErrorTypes;
import dev.fieldgate.resolvers.IamIdentity;
import dev.fieldgate.resolvers.ResolverConfigurationException;
import dev.fieldgate.resolvers.ResolverException;
import dev.fieldgate.resolvers.ValidationException;
import dev.fieldgate.testing.Callers;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * URLs from the AWS SDK's own S3Presigner (with fixed role credentials; nothing is sent), checked for the key they
 * sign, their expiry and the headers S3 will hold the upload to.
 */
class PresignedFilesTest {

    private static final long MIB = 1024 * 1024;

    private S3Presigner presigner;
    private PresignedFiles photos;

    @BeforeEach
    void build() {
        presigner = S3Presigner.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create("ASIAFUNCTIONROLE", "role-secret", "role-session")))
                .build();
        photos = PresignedFiles.builder()
                .presigner(presigner)
                .bucket("moments-prod-photos")
                .keyPrefix("photos/{sub}/")
                .contentTypes("image/jpeg", "image/png")
                .maxSize(10 * MIB)
                .uploadExpiry(Duration.ofMinutes(5))
                .downloadExpiry(Duration.ofMinutes(15))
                .build();
    }

    @AfterEach
    void close() {
        photos.close();
        presigner.close();
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
    void anUploadLandsUnderTheCallersSubWithItsTypeAndSizeSignedAndExpiresInFiveMinutes() throws Exception {
        Instant before = Instant.now();

        PresignedUpload upload = photos.upload(
                Callers.userPool("alice-sub").identity(), "../../bob-sub/holiday photo.JPG", "image/jpeg", 2 * MIB);

        assertThat(upload.key()).matches("photos/alice-sub/[0-9a-f-]{36}-holiday_photo\\.JPG");
        URI uri = upload.url().toURI();
        assertThat(uri.getHost()).isEqualTo("moments-prod-photos.s3.amazonaws.com");
        assertThat(uri.getPath()).isEqualTo("/" + upload.key());
        Map<String, String> query = query(uri);
        assertThat(query).containsEntry("X-Amz-Expires", "300");
        assertThat(query).containsEntry("X-Amz-SignedHeaders", "content-length;content-type;host");
        assertThat(query.get("X-Amz-Credential")).matches("ASIAFUNCTIONROLE/\\d{8}/us-east-1/s3/aws4_request");
        assertThat(upload.headers())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("content-type", "image/jpeg", "content-length", String.valueOf(2 * MIB)));
        assertThat(upload.method()).isEqualTo("PUT");
        assertThat(upload.expiresAt())
                .isBetween(before.plusSeconds(299), Instant.now().plusSeconds(301));
        assertThat(upload.toString()).doesNotContain("X-Amz-Signature").doesNotContain("role-session");
    }

    @Test
    void anIdentityPoolUserUploadsUnderTheirIdentityIdWhenThePrefixSaysSo() {
        IamIdentity user = Callers.iamUser("alice-sub").identity();
        try (PresignedFiles attachments = PresignedFiles.builder()
                .presigner(presigner)
                .bucket("notes-prod-files")
                .keyPrefix("private/{identity}/attachments/")
                .contentTypes("application/pdf")
                .build()) {

            PresignedUpload upload = attachments.upload(user, "scan.pdf", "application/pdf", 1000);

            assertThat(upload.key()).startsWith("private/" + user.cognitoIdentityId() + "/attachments/");
            assertThat(attachments.prefixOf(Callers.userPool("alice-sub").identity()))
                    .as("a user-pool caller has no identity id")
                    .isEmpty();
        }
    }

    @Test
    void callersWithoutAnIdAndRequestsOutsideTheLimitsAreRefused() {
        assertThatThrownBy(() -> photos.upload(Callers.iamGuest().identity(), "a.jpg", "image/jpeg", 10))
                .isInstanceOfSatisfying(
                        ResolverException.class, e -> assertThat(e.errorType()).isEqualTo(ErrorTypes.UNAUTHORIZED));
        assertThatThrownBy(() -> photos.upload(Callers.apiKey().identity(), "a.jpg", "image/jpeg", 10))
                .isInstanceOf(ResolverException.class);
        assertThatThrownBy(() -> photos.upload(Callers.userPool("alice-sub").identity(), "a.gif", "image/gif", 10))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("send one of [image/jpeg, image/png]");
        assertThatThrownBy(() ->
                        photos.upload(Callers.userPool("alice-sub").identity(), "a.jpg", "image/jpeg", 10 * MIB + 1))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("size must be 1 to 10485760 bytes");
    }

    @Test
    void aDownloadOfTheCallersOwnObjectIsSignedForFifteenMinutesAndAnotherCallersIsRefused() throws Exception {
        PresignedUpload mine = photos.upload(Callers.userPool("alice-sub").identity(), "cat.png", "image/png", 1234);

        PresignedDownload download =
                photos.download(Callers.userPool("alice-sub").identity(), mine.key());

        Map<String, String> query = query(download.url().toURI());
        assertThat(query).containsEntry("X-Amz-Expires", "900");
        assertThat(query).containsEntry("X-Amz-SignedHeaders", "host");
        assertThat(download.url().toURI().getPath()).isEqualTo("/" + mine.key());
        assertThatThrownBy(() -> photos.download(Callers.userPool("bob-sub").identity(), mine.key()))
                .isInstanceOfSatisfying(
                        ResolverException.class, e -> assertThat(e.errorType()).isEqualTo(ErrorTypes.UNAUTHORIZED));
        assertThatThrownBy(() ->
                        photos.download(Callers.userPool("bob-sub").identity(), "photos/bob-sub/../alice-sub/x.png"))
                .isInstanceOf(ResolverException.class);
    }

    @Test
    void aPrefixThatNamesNoCallerIsAConfigurationError() {
        assertThatThrownBy(() -> PresignedFiles.builder()
                        .presigner(presigner)
                        .bucket("b")
                        .keyPrefix("uploads/")
                        .contentTypes("image/png")
                        .build())
                .isInstanceOf(ResolverConfigurationException.class)
                .hasMessageContaining("names no caller");
        assertThatThrownBy(() -> PresignedFiles.builder()
                        .presigner(presigner)
                        .bucket("b")
                        .keyPrefix("u/{sub}/")
                        .contentTypes("image/png")
                        .uploadExpiry(Duration.ofDays(8))
                        .build())
                .hasMessageContaining("at most 7 days");
    }

    @Test
    void fileNamesAreReducedToOneSafeSegment() {
        assertThat(PresignedFiles.safeName("..\\..\\etc/passwd")).isEqualTo("passwd");
        assertThat(PresignedFiles.safeName("résumé 2026.pdf")).isEqualTo("r_sum__2026.pdf");
        assertThat(PresignedFiles.safeName("...hidden")).isEqualTo("hidden");
        assertThat(PresignedFiles.safeName(null)).isEqualTo("file");
        assertThat(PresignedFiles.safeName("x".repeat(300))).hasSize(100);
    }
}
