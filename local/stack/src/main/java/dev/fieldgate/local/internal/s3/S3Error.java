package dev.fieldgate.local.internal.s3;

import dev.fieldgate.local.core.LocalStackException;

/** An answer in S3's error vocabulary: the HTTP status, the {@code <Code>} and the {@code <Message>}. */
final class S3Error extends LocalStackException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    S3Error(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static S3Error accessDenied() {
        return new S3Error(403, "AccessDenied", "Access Denied");
    }

    static S3Error noSuchKey() {
        return new S3Error(404, "NoSuchKey", "The specified key does not exist.");
    }

    static S3Error noSuchUpload() {
        return new S3Error(
                404,
                "NoSuchUpload",
                "The specified upload does not exist. The upload ID may be invalid, or the upload may have been"
                        + " aborted or completed.");
    }

    static S3Error badDigest() {
        return new S3Error(
                400,
                "XAmzContentSHA256Mismatch",
                "The provided 'x-amz-content-sha256' header does not match what" + " was computed.");
    }

    static S3Error incompleteBody() {
        return new S3Error(
                400,
                "IncompleteBody",
                "You did not provide the number of bytes specified by the Content-Length" + " HTTP header.");
    }
}
