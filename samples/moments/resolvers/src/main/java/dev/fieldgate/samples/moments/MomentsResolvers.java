package dev.fieldgate.samples.moments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.resolvers.Router;
import dev.fieldgate.resolvers.ValidationException;
import dev.fieldgate.resolvers.dynamodb.OwnedTable;
import dev.fieldgate.resolvers.dynamodb.Page;
import dev.fieldgate.resolvers.storage.PresignedFiles;
import dev.fieldgate.resolvers.storage.PresignedUpload;
import dev.fieldgate.samples.moments.model.CreatePhotoArgs;
import dev.fieldgate.samples.moments.model.CreatePhotoInput;
import dev.fieldgate.samples.moments.model.DeletePhotoArgs;
import dev.fieldgate.samples.moments.model.ListPhotosArgs;
import dev.fieldgate.samples.moments.model.Photo;
import dev.fieldgate.samples.moments.model.PhotoConnection;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/**
 * The three moments operations. Who may call what is not here: the schema's {@code {allow: owner}} rule is enforced
 * by the runtime before each handler runs, the table stamps the caller's {@code sub} on a create and makes deletes
 * conditional on the stored owner, and {@code listOwned} queries only the caller's photos. The photo's object key is
 * chosen by {@link PresignedFiles} under the caller's own prefix ({@code photos/<sub>/}); the client only names the
 * file, its type and its size, which are signed into the upload URL.
 *
 * <p>{@code Photo} and the inputs and arguments are generated from the schema by the Maven plugin's
 * {@code generate-model} goal. {@code Photo} is also the item the {@code Photo} table stores: the presigned URLs are
 * set on the answer only ({@code withUrl}), after the photo is stored, so they are never stored.
 */
public final class MomentsResolvers {

    /**
     * AWSDateTime with exactly three fraction digits: sort keys compare as text, and Instant's own text drops the
     * fraction at a whole second ("…:49Z" would sort before "…:49.005Z").
     */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    static final int MAX_CAPTION = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private MomentsResolvers() {}

    public static Router router(Supplier<OwnedTable<Photo>> table, Supplier<PresignedFiles> files, Clock clock) {
        return Router.create()
                .query("listPhotos", ListPhotosArgs.class, (args, ctx) -> {
                    Page<Photo> page = table.get().listOwned(ctx, "byOwner", limit(args.limit()), args.nextToken());
                    return new PhotoConnection(
                            page.items().stream()
                                    .map(p -> p.withUrl(files.get().download(p.key()).url().toString()))
                                    .toList(),
                            page.nextToken());
                })
                .mutation("createPhoto", CreatePhotoArgs.class, (args, ctx) -> {
                    CreatePhotoInput in = checked(args.input());
                    PresignedUpload upload = files.get().upload(ctx, in.fileName(), in.contentType(), in.size());
                    Photo created = table.get().create(ctx, new Photo(
                            UUID.randomUUID().toString(),
                            null,
                            upload.key(),
                            in.fileName(),
                            in.contentType(),
                            in.caption(),
                            TIMESTAMP.format(clock.instant()),
                            null,
                            null,
                            null));
                    return created.withUploadUrl(upload.url().toString()).withUploadHeaders(json(upload.headers()));
                })
                .mutation("deletePhoto", DeletePhotoArgs.class, (args, ctx) ->
                        table.get().delete(ctx, Key.builder().partitionValue(args.photoId()).build()));
    }

    private static CreatePhotoInput checked(CreatePhotoInput in) {
        if (in.fileName().isBlank()) {
            throw new ValidationException("Argument 'input.fileName' must not be blank");
        }
        if (in.caption() != null && in.caption().length() > MAX_CAPTION) {
            throw new ValidationException("Argument 'input.caption' must be at most " + MAX_CAPTION + " characters");
        }
        return in;
    }

    /** 50 photos a page unless the client asks for another number up to 100. */
    private static int limit(Integer limit) {
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new ValidationException("Argument 'limit' must be between 1 and 100");
        }
        return limit == null ? 50 : limit;
    }

    /** {@code AWSJSON} is JSON text: AppSync hands it to the client as it is. */
    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
