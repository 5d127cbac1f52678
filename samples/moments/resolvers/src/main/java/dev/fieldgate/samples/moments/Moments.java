package dev.fieldgate.samples.moments;

import dev.fieldgate.resolvers.ValidationException;
import java.util.List;
import java.util.Map;

/**
 * The moments API's types. {@code Photo} is what the {@code Photo} table stores (its keys and the {@code byOwner}
 * index come from the schema's {@code @table}); {@code PhotoView} is what the resolvers answer: the stored photo with
 * its presigned URLs, which are never stored.
 */
public final class Moments {

    static final int MAX_CAPTION = 500;

    private Moments() {}

    /** The stored photo; {@code owner} is the uploader's user-pool {@code sub}, stamped by the runtime. */
    public record Photo(
            String photoId,
            String owner,
            String key,
            String fileName,
            String contentType,
            String caption,
            String createdAt) {}

    /** The GraphQL {@code Photo}: the stored fields and the presigned URLs of this answer. */
    public record PhotoView(
            String photoId,
            String owner,
            String key,
            String fileName,
            String contentType,
            String caption,
            String createdAt,
            String url,
            String uploadUrl,
            Map<String, String> uploadHeaders) {

        static PhotoView of(Photo photo, String url, String uploadUrl, Map<String, String> uploadHeaders) {
            return new PhotoView(
                    photo.photoId(),
                    photo.owner(),
                    photo.key(),
                    photo.fileName(),
                    photo.contentType(),
                    photo.caption(),
                    photo.createdAt(),
                    url,
                    uploadUrl,
                    uploadHeaders);
        }
    }

    /** The GraphQL {@code PhotoConnection}: one page of the caller's photos, newest first. */
    public record PhotoConnection(List<PhotoView> items, String nextToken) {}

    /** {@code CreatePhotoInput}. There is no owner and no key: the runtime stamps the caller, the resolver the key. */
    public record CreatePhotoInput(String fileName, String contentType, Long size, String caption) {
        public CreatePhotoInput {
            if (fileName == null || fileName.isBlank()) {
                throw new ValidationException("Argument 'input.fileName' must not be blank");
            }
            if (size == null) {
                throw new ValidationException("Argument 'input.size' is required: the file's size in bytes");
            }
            if (caption != null && caption.length() > MAX_CAPTION) {
                throw new ValidationException(
                        "Argument 'input.caption' must be at most " + MAX_CAPTION + " characters");
            }
        }
    }

    public record CreateArgs(CreatePhotoInput input) {}

    public record IdArgs(String photoId) {}

    public record ListArgs(Integer limit, String nextToken) {
        public ListArgs {
            limit = limit == null ? 50 : limit;
            if (limit < 1 || limit > 100) {
                throw new ValidationException("Argument 'limit' must be between 1 and 100");
            }
        }
    }
}
