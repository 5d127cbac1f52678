package dev.fieldgate.local.bench;

import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.OutputsFile;
import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.cognito.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Throughput of the local S3 next to a plain file copy on the same disk: a 20 MB object uploaded (one PUT from a file)
 * and downloaded (one GET to a file) by a signed-in user with the AWS SDK for Java v2 over HTTP, each request signed,
 * verified and authorized by the caller's role policy, the object kept in the stack's state directory; the baseline
 * is {@link Files#copy} of the same file within the same directory. Prints the median MB/s of each and the ratio.
 *
 * <pre>
 * java -cp &lt;local test class path&gt; dev.fieldgate.local.bench.StorageThroughput [--dir D] [--runs N] [--mb M]
 * </pre>
 * Run it from the repository root (it reads samples/pins/fieldgate.json). The directory defaults to a new one under
 * the system's temporary directory; give one on the disk you care about.
 */
public final class StorageThroughput {

    private static final String STORAGE = """
            {"buckets": [{"name": "files", "paths": {
               "public/*": {"guest": ["read"], "authenticated": ["read", "write", "delete"]}}}]}""";

    private StorageThroughput() {}

    public static void main(String[] args) throws Exception {
        Path dir = null;
        int runs = 10;
        int megabytes = 20;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--mb" -> megabytes = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: StorageThroughput [--dir D] [--runs N] [--mb M]");
                    System.exit(2);
                }
            }
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        dir = dir == null ? Files.createTempDirectory("storage-bench") : Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, "run");
        Path source = work.resolve("source.bin");
        byte[] bytes = new byte[megabytes << 20];
        new Random(20).nextBytes(bytes);
        Files.write(source, bytes);
        byte[] digest = sha256(bytes);
        bytes = null;

        AppConfig pins = AppConfig.read(Path.of("samples/pins", "fieldgate.json"));
        Path state = work.resolve("state");
        try (LocalStack stack = LocalStack.builder()
                .config(pins.toBuilder().storageJson(STORAGE).build())
                .withoutFunction()
                .stateDirectory(state)
                .outputsFile(work.resolve("amplify_outputs.json"))
                .start()) {
            String bucket = OutputsFile.read(work.resolve("amplify_outputs.json"))
                    .storage()
                    .orElseThrow()
                    .bucketName();
            TestUsers users = new TestUsers(stack.cognito());
            AwsSessionCredentialsIdentity user = users.identityPoolUser(users.create("bench@example.com"));
            try (S3Client s3 = S3Client.builder()
                    .endpointOverride(stack.endpoint())
                    .forcePathStyle(true)
                    .region(Region.of(stack.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            user.accessKeyId(), user.secretAccessKey(), user.sessionToken())))
                    .httpClient(ApacheHttpClient.create())
                    .build()) {
                String key = "public/bench/object.bin";
                Path downloaded = work.resolve("downloaded.bin");
                Path copied = work.resolve("copied.bin");
                List<Long> uploads = new ArrayList<>();
                List<Long> downloads = new ArrayList<>();
                List<Long> copies = new ArrayList<>();
                int warmUp = 3;
                for (int run = 0; run < warmUp + runs; run++) {
                    long start = System.nanoTime();
                    s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(source));
                    long uploaded = System.nanoTime();
                    Files.deleteIfExists(downloaded);
                    s3.getObject(r -> r.bucket(bucket).key(key), ResponseTransformer.toFile(downloaded));
                    long fetched = System.nanoTime();
                    Files.copy(source, copied, StandardCopyOption.REPLACE_EXISTING);
                    long done = System.nanoTime();
                    if (run >= warmUp) {
                        uploads.add(uploaded - start);
                        downloads.add(fetched - uploaded);
                        copies.add(done - fetched);
                    }
                }
                if (!Arrays.equals(sha256(Files.readAllBytes(downloaded)), digest)) {
                    System.out.println("FAILED: the downloaded object differs from the uploaded file");
                    System.exit(1);
                }
                double copy = megabytesPerSecond(megabytes, median(copies));
                double up = megabytesPerSecond(megabytes, median(uploads));
                double down = megabytesPerSecond(megabytes, median(downloads));
                System.out.printf(
                        "%d MB object, median of %d runs after %d warm-up runs, directory %s%n",
                        megabytes, runs, warmUp, dir);
                System.out.printf("  plain file copy        %8.1f MB/s%n", copy);
                System.out.printf("  S3 upload (PUT)        %8.1f MB/s  (%.2f of the copy)%n", up, up / copy);
                System.out.printf("  S3 download (GET)      %8.1f MB/s  (%.2f of the copy)%n", down, down / copy);
            }
        } finally {
            deleteTree(work);
        }
        // DynamoDB Local leaves a non-daemon thread behind after close().
        System.exit(0);
    }

    private static long median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static double megabytesPerSecond(int megabytes, long nanos) {
        return megabytes / (nanos / 1e9);
    }

    private static byte[] sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            for (Path path :
                    paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
