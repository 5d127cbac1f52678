package dev.fieldgate.sdk.auth;

import static dev.fieldgate.sdk.LocalCognitoSupport.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.FieldgateConfigException;
import dev.fieldgate.sdk.LocalCognitoSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line session file: owner-only, atomic, optionally encrypted, and a real sign-in survives a restart. */
class FileSessionStoreTest {

    @TempDir
    Path dir;

    @Test
    void theFileAndItsDirectoryAreOwnerOnly() throws Exception {
        Path file = dir.resolve("tool/session.json");
        FileSessionStore store = SessionStore.file(file);
        store.write("k", "refresh-token-value");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(store.read("k")).hasValue("refresh-token-value");
        store.delete("k");
        assertThat(store.read("k")).isEmpty();
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers.map(p -> p.getFileName().toString()))
                    .as("no temporary files left behind")
                    .allMatch(n -> !n.endsWith(".tmp"));
        }
    }

    @Test
    void aFileOthersCanReadIsRefusedNotUsed() throws Exception {
        Path file = dir.resolve("session.json");
        FileSessionStore store = SessionStore.file(file);
        store.write("k", "v");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> store.read("k"))
                .isInstanceOf(FieldgateConfigException.class)
                .hasMessageContaining("chmod 600")
                .hasMessageNotContaining("\"v\"");
    }

    @Test
    void anEncryptedFileHoldsNoTokenInClearAndNeedsItsKey() throws Exception {
        SecretKey key = aesKey();
        Path file = dir.resolve("session.bin");
        FileSessionStore store =
                FileSessionStore.builder().file(file).encryptionKey(key).build();
        store.write("session", "eyJraWQiOiJ0b2tlbi12YWx1ZSJ9");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                .doesNotContain("eyJraWQiOiJ0b2tlbi12YWx1ZSJ9")
                .doesNotContain("session");
        assertThat(FileSessionStore.builder()
                        .file(file)
                        .encryptionKey(key)
                        .build()
                        .read("session"))
                .hasValue("eyJraWQiOiJ0b2tlbi12YWx1ZSJ9");

        assertThatThrownBy(() -> FileSessionStore.builder()
                        .file(file)
                        .encryptionKey(aesKey())
                        .build()
                        .read("session"))
                .isInstanceOf(FieldgateConfigException.class)
                .hasMessageContaining("cannot be decrypted");
        assertThatThrownBy(() -> SessionStore.file(file).read("session"))
                .isInstanceOf(FieldgateConfigException.class)
                .hasMessageContaining("encrypted");

        byte[] altered = Files.readAllBytes(file);
        altered[altered.length - 1] ^= 1;
        Files.write(file, altered);
        assertThatThrownBy(() -> FileSessionStore.builder()
                        .file(file)
                        .encryptionKey(key)
                        .build()
                        .read("session"))
                .isInstanceOf(FieldgateConfigException.class)
                .hasMessageContaining("altered");
    }

    @Test
    void aCommandLineToolStaysSignedInAcrossRuns() {
        Path file = dir.resolve("cli/session.json");
        try (LocalCognito cognito = LocalCognitoSupport.start()) {
            FieldgateConfig config = LocalCognitoSupport.config(cognito);
            String email = LocalCognitoSupport.newEmail();
            UserPoolSession first;
            try (CognitoUserPoolAuth run1 = CognitoUserPoolAuth.builder()
                    .config(config)
                    .sessionStore(SessionStore.file(file))
                    .build()) {
                run1.signUp(email, PASSWORD, Map.of("email", email));
                run1.confirmSignUp(email, LocalCognitoSupport.signUpCode(cognito, email));
                first = run1.signIn(email, PASSWORD).sessionOrThrow();
            }
            try (CognitoUserPoolAuth run2 = CognitoUserPoolAuth.builder()
                    .config(config)
                    .sessionStore(SessionStore.file(file))
                    .build()) {
                assertThat(run2.isSignedIn()).isTrue();
                assertThat(run2.currentSession()).isEqualTo(first);
                assertThat(run2.refresh().sub()).isEqualTo(first.sub());
                run2.signOut();
            }
            try (CognitoUserPoolAuth run3 = CognitoUserPoolAuth.builder()
                    .config(config)
                    .sessionStore(SessionStore.file(file))
                    .build()) {
                assertThat(run3.isSignedIn()).isFalse();
            }
        }
    }

    private static SecretKey aesKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return generator.generateKey();
    }
}
