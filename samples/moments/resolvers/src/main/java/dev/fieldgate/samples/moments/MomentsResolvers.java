package dev.fieldgate.samples.moments;

import dev.fieldgate.resolvers.Router;
import dev.fieldgate.resolvers.dynamodb.OwnedTable;
import dev.fieldgate.resolvers.dynamodb.Page;
import dev.fieldgate.resolvers.storage.PresignedFiles;
import dev.fieldgate.resolvers.storage.PresignedUpload;
import dev.fieldgate.samples.moments.Moments.CreateArgs;
import dev.fieldgate.samples.moments.Moments.IdArgs;
import dev.fieldgate.samples.moments.Moments.ListArgs;
import dev.fieldgate.samples.moments.Moments.Photo;
import dev.fieldgate.samples.moments.Moments.PhotoConnection;
import dev.fieldgate.samples.moments.Moments.PhotoView;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/**
 * The three moments operations. Who may call what is not here: the schema's {@code {allow: owner}} rule is enforced
 * by the runtime before each handler runs, the table stamps the caller's {@code sub} on a create and makes deletes
 * conditional on the stored owner, and {@code listOwned} queries only the caller's photos. The photo's object key is
 * chosen by {@link PresignedFiles} under the caller's own prefix ({@code photos/<sub>/}); the client only names the
 * file, its type and its size, which are signed into the upload URL.
 */
public final class MomentsResolvers {

    private MomentsResolvers() {}

    public static Router router(Supplier<OwnedTable<Photo>> table, Supplier<PresignedFiles> files, Clock clock) {
        return Router.create()
                .query("listPhotos", ListArgs.class, (args, ctx) -> {
                    Page<Photo> page = table.get().listOwned(ctx, "byOwner", args.limit(), args.nextToken());
                    return new PhotoConnection(
                            page.items().stream()
                                    .map(p -> PhotoView.of(
                                            p,
                                            files.get().download(p.key()).url().toString(),
                                            null,
                                            null))
                                    .toList(),
                            page.nextToken());
                })
                .mutation("createPhoto", CreateArgs.class, (args, ctx) -> {
                    var in = args.input();
                    PresignedUpload upload = files.get().upload(ctx, in.fileName(), in.contentType(), in.size());
                    Photo created = table.get().create(ctx, new Photo(
                            UUID.randomUUID().toString(),
                            null,
                            upload.key(),
                            in.fileName(),
                            in.contentType(),
                            in.caption(),
                            clock.instant().truncatedTo(ChronoUnit.MILLIS).toString()));
                    return PhotoView.of(created, null, upload.url().toString(), upload.headers());
                })
                .mutation("deletePhoto", IdArgs.class, (args, ctx) -> {
                    Photo deleted = table.get().delete(ctx, Key.builder().partitionValue(args.photoId()).build());
                    return deleted == null ? null : PhotoView.of(deleted, null, null, null);
                });
    }
}
