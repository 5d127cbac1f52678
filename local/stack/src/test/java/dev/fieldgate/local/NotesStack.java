package dev.fieldgate.local;

import dev.fieldgate.local.cognito.TestConfigs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The test app (src/test/resources/appsync/notes.graphql with the NotesFunction) on a local stack. */
final class NotesStack {

    private NotesStack() {}

    static String schema() {
        try (InputStream in = NotesStack.class.getResourceAsStream("/appsync/notes.graphql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The notes app in memory, with an API key and a query depth limit of 4. */
    static LocalStack.Builder builder() {
        return LocalStack.builder()
                .config(TestConfigs.pins())
                .schema(schema())
                .function(TestFunctions.notes())
                .apiKey(true)
                .queryDepthLimit(4)
                .inMemory();
    }
}
