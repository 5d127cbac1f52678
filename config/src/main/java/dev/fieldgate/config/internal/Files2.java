package dev.fieldgate.config.internal;

import dev.fieldgate.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reading and atomic writing of the contract files, with errors that say what to do. */
public final class Files2 {

    private Files2() {}

    public static String read(Path file, String what, String howToCreate) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(
                    "The " + what + " " + file.toAbsolutePath() + " does not exist; " + howToCreate + ".", e);
        } catch (IOException e) {
            throw new ConfigException(
                    "Cannot read the " + what + " " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Writes through a temporary file and a rename, so a reader never sees half a file. */
    public static void writeAtomically(Path target, String text) {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ConfigException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
