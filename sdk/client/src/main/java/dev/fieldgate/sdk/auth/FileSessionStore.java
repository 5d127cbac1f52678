package dev.fieldgate.sdk.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.sdk.FieldgateConfigException;
import dev.fieldgate.sdk.FieldgateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Sessions in one file, for command-line tools that should stay signed in between runs. The file holds refresh
 * tokens, which sign the user in for up to 30 days, so it is protected:
 *
 * <ul>
 *   <li><b>owner-only permissions</b>: the file is created {@code rw-------} (its directory {@code rwx------} when
 *       the store creates it) on POSIX systems, with an owner-only ACL elsewhere; a file that other users can read
 *       is refused rather than used, as ssh does with private keys;</li>
 *   <li><b>atomic writes</b>: a complete temporary file (created with those permissions, so the tokens are never
 *       readable by others, not even briefly) replaces the old one, so a crash never leaves half a file;</li>
 *   <li><b>cross-process locking</b>: two runs of a tool do not interleave their updates;</li>
 *   <li><b>optional encryption at rest</b> with AES-256-GCM under a key the app supplies
 *       ({@link Builder#encryptionKey}), e.g. from the OS keychain, so a copied file (a backup, a synced home
 *       directory) is useless without the key;</li>
 *   <li>sign-out deletes the entry; refresh tokens are also revocable server-side (sign-out revokes them).</li>
 * </ul>
 */
public final class FileSessionStore implements SessionStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] MAGIC = "FGSS1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AAD = "fieldgate-session-store-v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_FILE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_DIR = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final Path file;
    private final SecretKey key;
    private final boolean posix;

    private FileSessionStore(Builder b) {
        this.file = Objects.requireNonNull(b.file, "file").toAbsolutePath();
        this.key = b.key;
        if (key != null && !"AES".equalsIgnoreCase(key.getAlgorithm())) {
            throw new FieldgateConfigException("The session store's encryption key must be an AES key (256 bits).");
        }
        this.posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<String> read(String key) {
        return Optional.ofNullable(locked(false, entries -> entries.get(key)));
    }

    @Override
    public synchronized void write(String key, String value) {
        locked(true, entries -> entries.put(key, value));
    }

    @Override
    public synchronized void delete(String key) {
        locked(true, entries -> entries.remove(key));
    }

    private String locked(boolean modify, java.util.function.Function<Map<String, String>, String> action) {
        try {
            ensureDirectory();
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel channel = openLockFile(lockFile)) {
                channel.lock(); // closing the channel releases the lock
                Map<String, String> entries = load();
                String result = action.apply(entries);
                if (modify) {
                    save(entries);
                }
                return result;
            }
        } catch (IOException e) {
            throw new FieldgateException(
                    "The session file " + file + " cannot be used: " + e.getMessage()
                            + ". Check that its directory is writable by this user.",
                    e);
        }
    }

    private FileChannel openLockFile(Path lockFile) throws IOException {
        if (posix && !Files.exists(lockFile)) {
            try {
                Files.createFile(lockFile, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another process created it first
            }
        }
        return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private void ensureDirectory() throws IOException {
        Path dir = file.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
    }

    private Map<String, String> load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        }
        checkPermissions();
        byte[] plain = key == null ? bytes : decrypt(bytes);
        if (key == null && startsWithMagic(bytes)) {
            throw new FieldgateConfigException("The session file " + file + " is encrypted; configure the store "
                    + "with its encryption key, or delete the file to sign in again.");
        }
        try {
            Map<String, String> entries = JSON.readValue(
                            plain, new TypeReference<Map<String, Map<String, String>>>() {})
                    .get("entries");
            return entries == null ? new LinkedHashMap<>() : new LinkedHashMap<>(entries);
        } catch (IOException e) {
            throw new FieldgateConfigException(
                    "The session file " + file + " is damaged; delete it to sign in " + "again.", e);
        }
    }

    private void save(Map<String, String> entries) throws IOException {
        byte[] plain = JSON.writeValueAsBytes(Map.of("entries", entries));
        byte[] bytes = key == null ? plain : encrypt(plain);
        Path temp = file.resolveSibling("." + file.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        try {
            Files.createFile(temp, ownerOnly());
            restrictAcl(temp);
            Files.write(
                    temp,
                    bytes,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        Arrays.fill(plain, (byte) 0);
    }

    private FileAttribute<?>[] ownerOnly() {
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
    }

    private void restrictAcl(Path path) throws IOException {
        if (posix) {
            return;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl == null) {
            return;
        }
        UserPrincipal owner = Files.getOwner(path);
        AclEntry entry = AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(owner)
                .setPermissions(EnumSet.of(
                        AclEntryPermission.READ_DATA,
                        AclEntryPermission.WRITE_DATA,
                        AclEntryPermission.APPEND_DATA,
                        AclEntryPermission.READ_ATTRIBUTES,
                        AclEntryPermission.WRITE_ATTRIBUTES,
                        AclEntryPermission.READ_ACL,
                        AclEntryPermission.WRITE_ACL,
                        AclEntryPermission.DELETE,
                        AclEntryPermission.SYNCHRONIZE))
                .build();
        acl.setAcl(List.of(entry));
    }

    private void checkPermissions() throws IOException {
        if (!posix) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> others = EnumSet.copyOf(permissions);
        others.removeAll(EnumSet.of(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        if (!others.isEmpty()) {
            throw new FieldgateConfigException("The session file " + file + " is accessible to other users ("
                    + PosixFilePermissions.toString(permissions) + ") and holds refresh tokens; it was not used. "
                    + "Run 'chmod 600 " + file + "', or delete it and sign in again.");
        }
    }

    private byte[] encrypt(byte[] plain) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(AAD);
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(MAGIC.length + iv.length + sealed.length)
                    .put(MAGIC)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new FieldgateConfigException(
                    "Cannot encrypt the session file with the given key: " + e.getMessage(), e);
        }
    }

    private byte[] decrypt(byte[] bytes) {
        if (!startsWithMagic(bytes) || bytes.length < MAGIC.length + 12 + 16) {
            throw new FieldgateConfigException("The session file " + file + " is not encrypted although the store "
                    + "has a key; delete it to sign in again.");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, MAGIC.length, 12));
            cipher.updateAAD(AAD);
            return cipher.doFinal(bytes, MAGIC.length + 12, bytes.length - MAGIC.length - 12);
        } catch (GeneralSecurityException e) {
            throw new FieldgateConfigException(
                    "The session file " + file + " cannot be decrypted with this key "
                            + "(wrong key, or the file was altered); delete it to sign in again.",
                    e);
        }
    }

    private static boolean startsWithMagic(byte[] bytes) {
        return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    @Override
    public String toString() {
        return "FileSessionStore[" + file + (key == null ? "" : ", encrypted") + "]";
    }

    /** Builds a {@link FileSessionStore}. */
    public static final class Builder {
        private Path file;
        private SecretKey key;

        private Builder() {}

        /** The session file, e.g. {@code ~/.config/my-tool/session.json}. Required. */
        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        /** Encrypts the file with AES-256-GCM under this key (keep the key elsewhere, e.g. the OS keychain). */
        public Builder encryptionKey(SecretKey key) {
            this.key = key;
            return this;
        }

        public FileSessionStore build() {
            return new FileSessionStore(this);
        }
    }
}
