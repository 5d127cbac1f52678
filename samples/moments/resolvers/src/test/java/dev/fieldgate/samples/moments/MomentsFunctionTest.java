package dev.fieldgate.samples.moments;

import static dev.fieldgate.testing.AppSyncEvents.mutation;
import static dev.fieldgate.testing.AppSyncEvents.query;
import static dev.fieldgate.testing.Callers.iamGuest;
import static dev.fieldgate.testing.Callers.userPool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.testing.EventBuilder;
import dev.fieldgate.testing.dynamodb.DynamoDbLocal;
import dev.fieldgate.testing.dynamodb.LocalTables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * The moments function as Lambda runs it ({@code FunctionInvoker} with {@code MAIN_CLASS}) over the manifest's table
 * in DynamoDB Local, with a real S3 presigner: an upload URL lands under the caller's own prefix with the content
 * type and size signed in, a photo is its uploader's alone, and a listed photo carries a download URL.
 */
class MomentsFunctionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ANN = "0a000000-0000-4000-8000-000000000a00";
    static final String BOB = "0b000000-0000-4000-8000-000000000b00";
    static FunctionInvoker invoker;

    @BeforeAll
    static void start() {
        Manifest manifest = Manifest.fromClasspath(AppSyncResolver.MANIFEST_RESOURCE);
        LocalTables tables = DynamoDbLocal.shared().createTables(manifest, "moments-test-");
        System.setProperty("MAIN_CLASS", MomentsApplication.class.getName());
        System.setProperty(MomentsApplication.PHOTOS_BUCKET, "moments-test-photos");
        System.setProperty(MomentsApplication.S3_ENDPOINT, "http://127.0.0.1:4600");
        tables.environment().forEach(System::setProperty);
        // What Lambda hands every function: its region and its role's credentials (the presigner signs with them).
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "AKIAMOMENTSTEST00001");
        System.setProperty("aws.secretAccessKey", "moments-test-secret-key");
        invoker = new FunctionInvoker();
    }

    static Map<String, Object> invoke(EventBuilder event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            invoker.handleRequest(new ByteArrayInputStream(event.toJson()), out, null);
            return JSON.readValue(out.toByteArray(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> response) {
        assertThat(response).as(response.toString()).containsKey("data");
        return (Map<String, Object>) response.get("data");
    }

    static Map<String, Object> photo(String fileName, String contentType, long size) {
        return Map.of("fileName", fileName, "contentType", contentType, "size", size, "caption", "beach");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUploadLandsUnderTheCallersOwnPrefixAndThePhotoIsTheirsAlone() throws IOException {
        Map<String, Object> created = data(invoke(
                mutation("createPhoto").caller(userPool(ANN)).input(photo("../../day one.jpg", "image/jpeg", 2048))));
        String id = (String) created.get("photoId");
        String key = (String) created.get("key");
        assertThat(created).containsEntry("owner", ANN).containsEntry("fileName", "../../day one.jpg");
        assertThat(key).startsWith("photos/" + ANN + "/").endsWith("-day_one.jpg");
        URI upload = URI.create((String) created.get("uploadUrl"));
        assertThat(upload.getPath()).isEqualTo("/moments-test-photos/" + key);
        assertThat(upload.getQuery()).contains("X-Amz-Signature=").contains("X-Amz-SignedHeaders=content-length;content-type;host");
        // AWSJSON is JSON text, which AppSync hands to the client as it is.
        assertThat(JSON.readValue((String) created.get("uploadHeaders"), new TypeReference<Map<String, Object>>() {}))
                .containsEntry("content-type", "image/jpeg")
                .containsEntry("content-length", "2048");

        List<Map<String, Object>> anns =
                (List<Map<String, Object>>) data(invoke(query("listPhotos").caller(userPool(ANN)))).get("items");
        assertThat(anns).singleElement().satisfies(p -> {
            assertThat(p).containsEntry("photoId", id).containsEntry("uploadUrl", null);
            assertThat(URI.create((String) p.get("url")).getPath()).isEqualTo("/moments-test-photos/" + key);
        });
        assertThat((List<?>) data(invoke(query("listPhotos").caller(userPool(BOB)))).get("items"))
                .isEmpty();
        assertThat(invoke(query("listPhotos").caller(iamGuest()))).containsEntry("errorType", "Unauthorized");

        assertThat(invoke(mutation("deletePhoto").caller(userPool(BOB)).argument("photoId", id)))
                .containsEntry("errorType", "Unauthorized");
        assertThat(data(invoke(mutation("deletePhoto").caller(userPool(ANN)).argument("photoId", id))))
                .containsEntry("photoId", id);
    }

    @Test
    void anUploadOfAnotherTypeOrTooLargeIsRefused() {
        assertThat(invoke(mutation("createPhoto").caller(userPool(ANN)).input(photo("a.gif", "image/gif", 10))))
                .containsEntry("errorType", "ValidationException");
        assertThat(invoke(mutation("createPhoto")
                        .caller(userPool(ANN))
                        .input(photo("a.jpg", "image/jpeg", 11L * 1024 * 1024))))
                .containsEntry("errorType", "ValidationException");
    }
}
