package dev.fieldgate.local.internal.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The payload of an {@code aws-chunked} upload: {@code <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n}, ended by a
 * zero-size chunk and optional trailers ({@code x-amz-checksum-crc32:…}, {@code x-amz-trailer-signature:…}). With
 * signed chunks each chunk's signature is checked against the previous one, from the request's seed signature, as
 * SigV4's streaming mode defines it; a wrong one ends the stream with {@link S3Error} {@code SignatureDoesNotMatch}.
 * One chunk at a time is held in memory (S3 clients send 64 KB to 8 MB chunks; more than 16 MB is refused).
 */
final class AwsChunkedInputStream extends InputStream {

    private static final int MAX_CHUNK = 16 << 20;
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final InputStream in;
    private final boolean signed;
    private final byte[] signingKey;
    private final String amzDate;
    private final String scope;
    private String previousSignature;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean done;

    AwsChunkedInputStream(
            InputStream in, boolean signed, byte[] signingKey, String seedSignature, String amzDate, String scope) {
        this.in = in;
        this.signed = signed;
        this.signingKey = signingKey;
        this.previousSignature = seedSignature;
        this.amzDate = amzDate;
        this.scope = scope;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (position >= chunk.length) {
            if (done || !nextChunk()) {
                return -1;
            }
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, n);
        position += n;
        return n;
    }

    private boolean nextChunk() throws IOException {
        String header = line();
        if (header == null) {
            throw S3Error.incompleteBody();
        }
        String sizeText = header;
        String signature = null;
        int semicolon = header.indexOf(';');
        if (semicolon >= 0) {
            sizeText = header.substring(0, semicolon);
            String extension = header.substring(semicolon + 1);
            if (extension.startsWith("chunk-signature=")) {
                signature = extension.substring("chunk-signature=".length());
            }
        }
        int size;
        try {
            size = Integer.parseInt(sizeText.trim(), 16);
        } catch (NumberFormatException e) {
            throw new S3Error(400, "InvalidRequest", "The aws-chunked body is malformed.");
        }
        if (size < 0 || size > MAX_CHUNK) {
            throw new S3Error(400, "InvalidRequest", "An aws-chunked chunk is larger than 16 MB.");
        }
        byte[] data = in.readNBytes(size);
        if (data.length != size) {
            throw S3Error.incompleteBody();
        }
        if (signed) {
            verify(signature, "AWS4-HMAC-SHA256-PAYLOAD", EMPTY_SHA256 + "\n" + sha256(data));
        }
        if (size == 0) {
            trailers();
            done = true;
            return false;
        }
        String end = line();
        if (end == null || !end.isEmpty()) {
            throw new S3Error(400, "InvalidRequest", "The aws-chunked body is malformed.");
        }
        chunk = data;
        position = 0;
        return true;
    }

    private void trailers() throws IOException {
        StringBuilder canonical = new StringBuilder();
        String trailerSignature = null;
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new S3Error(400, "InvalidRequest", "A trailer of the aws-chunked body is malformed.");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("x-amz-trailer-signature")) {
                trailerSignature = value;
            } else {
                canonical.append(name).append(':').append(value).append('\n');
            }
        }
        if (signed && canonical.length() > 0) {
            verify(
                    trailerSignature,
                    "AWS4-HMAC-SHA256-TRAILER",
                    sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void verify(String presented, String algorithm, String hashes) {
        String stringToSign = algorithm + "\n" + amzDate + "\n" + scope + "\n" + previousSignature + "\n" + hashes;
        String expected = HexFormat.of().formatHex(hmac(stringToSign));
        if (presented == null
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII))) {
            throw new S3Error(
                    403,
                    "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key"
                            + " and signing method.");
        }
        previousSignature = expected;
    }

    private byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** One CRLF-ended line without its CRLF; null at the end of the stream. At most 4 KB. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.US_ASCII);
            }
            if (line.size() > 4096) {
                throw new S3Error(400, "InvalidRequest", "The aws-chunked body is malformed.");
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }
}
