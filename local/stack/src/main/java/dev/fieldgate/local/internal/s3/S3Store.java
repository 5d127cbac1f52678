package dev.fieldgate.local.internal.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * The objects of the local buckets on disk, under the state directory: {@code s3/<bucket>/objects/<sha256 of key>}
 * holds the bytes and {@code ….json} beside it the key, size, ETag, content type, user metadata and time; multipart
 * uploads collect their parts under {@code s3/<bucket>/uploads/<uploadId>/}. Directories are {@code rwx------} and
 * files {@code rw-------}. Bodies stream through a temporary file and are moved into place once complete, so a
 * reader never sees half an object; an in-memory index of the keys (metadata only) answers listings in key order.
 */
final class S3Store {

    /** What S3 remembers of an object. */
    record ObjectInfo(
            String key,
            long size,
            String etag,
            String contentType,
            Instant lastModified,
            Map<String, String> metadata) {}

    /** A part of a multipart upload. */
    record Part(int number, String etag, long size, Path file) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path root;
    private final Map<String, NavigableMap<String, ObjectInfo>> index = new LinkedHashMap<>();

    S3Store(Path root, List<String> buckets) {
        this.root = root;
        try {
            directory(root);
            for (String bucket : buckets) {
                Path objects = directory(directory(root.resolve(bucket)).resolve("objects"));
                directory(root.resolve(bucket).resolve("uploads"));
                directory(root.resolve(bucket).resolve("tmp"));
                NavigableMap<String, ObjectInfo> keys = new ConcurrentSkipListMap<>();
                try (Stream<Path> files = Files.list(objects)) {
                    for (Path meta :
                            files.filter(f -> f.toString().endsWith(".json")).toList()) {
                        ObjectInfo info = readInfo(meta);
                        keys.put(info.key(), info);
                    }
                }
                index.put(bucket, keys);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the local S3 store " + root, e);
        }
    }

    private static Path directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (POSIX) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (POSIX) {
            Files.setPosixFilePermissions(dir, DIR);
        }
        return dir;
    }

    private static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    boolean hasBucket(String bucket) {
        return index.containsKey(bucket);
    }

    /** A new temporary file in the bucket, owner-only. */
    Path temporary(String bucket) throws IOException {
        return Files.createTempFile(root.resolve(bucket).resolve("tmp"), "upload-", ".part", fileAttributes());
    }

    /**
     * Copies {@code in} into {@code file}; returns the byte count, MD5 and, when asked for (a body signed by its
     * hash), SHA-256 (hex; empty otherwise).
     */
    static String[] write(InputStream in, Path file, boolean sha256Wanted) throws IOException {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha256 = sha256Wanted ? digest("SHA-256") : null;
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                md5.update(buffer, 0, n);
                if (sha256 != null) {
                    sha256.update(buffer, 0, n);
                }
                total += n;
            }
        }
        return new String[] {
            Long.toString(total),
            HexFormat.of().formatHex(md5.digest()),
            sha256 == null ? "" : HexFormat.of().formatHex(sha256.digest())
        };
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }

    /** Moves a complete body into place as {@code key}. */
    synchronized ObjectInfo commit(String bucket, Path body, ObjectInfo info) throws IOException {
        Path objects = root.resolve(bucket).resolve("objects");
        String name = name(info.key());
        move(body, objects.resolve(name));
        ObjectNode node = JSON.createObjectNode();
        node.put("key", info.key());
        node.put("size", info.size());
        node.put("etag", info.etag());
        node.put("contentType", info.contentType());
        node.put("lastModified", info.lastModified().toString());
        ObjectNode metadata = node.putObject("metadata");
        info.metadata().forEach(metadata::put);
        Path meta = Files.createTempFile(root.resolve(bucket).resolve("tmp"), "meta-", ".json", fileAttributes());
        Files.writeString(meta, JSON.writeValueAsString(node), StandardCharsets.UTF_8);
        move(meta, objects.resolve(name + ".json"));
        index.get(bucket).put(info.key(), info);
        return info;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static ObjectInfo readInfo(Path meta) throws IOException {
        var node = JSON.readTree(meta.toFile());
        Map<String, String> metadata = new LinkedHashMap<>();
        node.path("metadata")
                .properties()
                .forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
        return new ObjectInfo(
                node.get("key").asText(),
                node.get("size").asLong(),
                node.get("etag").asText(),
                node.get("contentType").asText(),
                Instant.parse(node.get("lastModified").asText()),
                Map.copyOf(metadata));
    }

    ObjectInfo info(String bucket, String key) {
        ObjectInfo info = index.get(bucket).get(key);
        if (info == null) {
            throw S3Error.noSuchKey();
        }
        return info;
    }

    Path data(String bucket, String key) {
        return root.resolve(bucket).resolve("objects").resolve(name(key));
    }

    synchronized void delete(String bucket, String key) throws IOException {
        if (index.get(bucket).remove(key) != null) {
            Path objects = root.resolve(bucket).resolve("objects");
            Files.deleteIfExists(objects.resolve(name(key) + ".json"));
            Files.deleteIfExists(objects.resolve(name(key)));
        }
    }

    /** The keys from {@code after} (exclusive, or from the start when null) that begin with {@code prefix}. */
    NavigableMap<String, ObjectInfo> keys(String bucket, String prefix, String after) {
        NavigableMap<String, ObjectInfo> keys = index.get(bucket);
        NavigableMap<String, ObjectInfo> tail =
                after == null || after.compareTo(prefix) < 0 ? keys.tailMap(prefix, true) : keys.tailMap(after, false);
        return tail;
    }

    // Multipart uploads.

    String createUpload(String bucket, String key, String contentType, Map<String, String> metadata)
            throws IOException {
        String uploadId = UUID.randomUUID().toString().replace("-", "");
        Path dir = directory(root.resolve(bucket).resolve("uploads").resolve(uploadId));
        ObjectNode node = JSON.createObjectNode();
        node.put("key", key);
        node.put("contentType", contentType);
        ObjectNode meta = node.putObject("metadata");
        metadata.forEach(meta::put);
        Path file = Files.createFile(dir.resolve("upload.json"), fileAttributes());
        Files.writeString(file, JSON.writeValueAsString(node), StandardCharsets.UTF_8);
        return uploadId;
    }

    /** The upload's key, content type and metadata; {@code NoSuchUpload} when unknown or for another key. */
    ObjectInfo upload(String bucket, String key, String uploadId) throws IOException {
        if (!uploadId.matches("[0-9a-f]{32}")) {
            throw S3Error.noSuchUpload();
        }
        Path file = root.resolve(bucket).resolve("uploads").resolve(uploadId).resolve("upload.json");
        if (!Files.isRegularFile(file)) {
            throw S3Error.noSuchUpload();
        }
        var node = JSON.readTree(file.toFile());
        if (!node.get("key").asText().equals(key)) {
            throw S3Error.noSuchUpload();
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        node.path("metadata")
                .properties()
                .forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
        return new ObjectInfo(key, 0, "", node.get("contentType").asText(), Instant.EPOCH, Map.copyOf(metadata));
    }

    Path partFile(String bucket, String uploadId, int number) {
        return root.resolve(bucket).resolve("uploads").resolve(uploadId).resolve("part-" + number);
    }

    void putPart(String bucket, String uploadId, int number, Path body, String md5) throws IOException {
        move(body, partFile(bucket, uploadId, number));
        Path etag = root.resolve(bucket).resolve("uploads").resolve(uploadId).resolve("part-" + number + ".md5");
        Files.writeString(etag, md5, StandardCharsets.US_ASCII);
    }

    Part part(String bucket, String uploadId, int number) throws IOException {
        Path file = partFile(bucket, uploadId, number);
        Path etag = root.resolve(bucket).resolve("uploads").resolve(uploadId).resolve("part-" + number + ".md5");
        if (!Files.isRegularFile(file) || !Files.isRegularFile(etag)) {
            return null;
        }
        return new Part(number, Files.readString(etag, StandardCharsets.US_ASCII), Files.size(file), file);
    }

    void removeUpload(String bucket, String uploadId) throws IOException {
        Path dir = root.resolve(bucket).resolve("uploads").resolve(uploadId);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Every file under the store, deleted (for a stack without a state directory, on stop). */
    void deleteAll() throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> paths = new ArrayList<>(all.toList());
            java.util.Collections.reverse(paths);
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String name(String key) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
