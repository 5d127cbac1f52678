package dev.fieldgate.sdk.internal;

/**
 * How an upload of a known length goes to S3: one {@code PutObject} below the threshold, otherwise a multipart
 * upload whose part size is the configured one, grown when the object would need more than S3's 10,000 parts.
 *
 * @param multipart whether to upload in parts
 * @param partSize  the size of every part but the last (the whole length for a single request)
 * @param parts     the number of parts (1 for a single request)
 */
public record MultipartPlan(boolean multipart, long partSize, int parts) {

    /** S3's smallest part but the last. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    /** S3's largest part. */
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    /** S3's most parts in one upload. */
    public static final int MAX_PARTS = 10_000;

    /** S3's largest object. */
    public static final long MAX_OBJECT_SIZE = 5L * 1024 * 1024 * 1024 * 1024;

    /** S3's largest single {@code PutObject}. */
    public static final long MAX_SINGLE_PUT = MAX_PART_SIZE;

    /**
     * Plans an upload of {@code length} bytes.
     *
     * @param threshold objects of at least this many bytes go in parts
     * @param partSize  the preferred part size (at least {@link #MIN_PART_SIZE})
     * @throws IllegalArgumentException for a negative length or one larger than S3 stores
     */
    public static MultipartPlan of(long length, long threshold, long partSize) {
        if (length < 0) {
            throw new IllegalArgumentException("the length must be known to plan an upload: " + length);
        }
        if (length > MAX_OBJECT_SIZE) {
            throw new IllegalArgumentException(
                    "S3 stores objects of at most 5 TiB; this one has " + length + " bytes.");
        }
        if (length < threshold && length <= MAX_SINGLE_PUT) {
            return new MultipartPlan(false, length, 1);
        }
        long size = partSize;
        if (ceilDiv(length, size) > MAX_PARTS) {
            size = ceilDiv(length, MAX_PARTS);
        }
        int parts = (int) Math.max(1, ceilDiv(length, size));
        return new MultipartPlan(true, size, parts);
    }

    /** The length of part {@code number} (from 1) of an object of {@code length} bytes. */
    public long partLength(int number, long length) {
        long offset = (number - 1) * partSize;
        return Math.min(partSize, length - offset);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
