package dev.fieldgate.local.internal.stack;

import dev.fieldgate.local.core.LocalStateException;
import dev.fieldgate.local.core.internal.iam.RolePolicies;
import dev.fieldgate.local.core.internal.state.StateJson;
import dev.fieldgate.local.core.internal.state.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The stack's own state documents, and emptying a state directory for {@code --fresh}. */
public final class StackFiles {

    private static final String API_DOC = "appsync/api.json";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** What a state directory the stack wrote contains; anything else is not emptied. */
    private static final Set<String> STATE_ENTRIES = Set.of(
            "cognito",
            "cognito-identity",
            "iam",
            "outbox",
            "appsync",
            "dynamodb",
            "s3",
            "amplify_outputs.json",
            "admin-credentials",
            ".lock");

    private StackFiles() {}

    /** The API's id and key, generated on first start and kept. */
    public static final class ApiDocument {
        public String apiId;
        public String apiKey;
    }

    /**
     * Reads (or creates) the API document. AppSync API ids are 26 lower-case letters and digits; API keys are
     * {@code da2-} and 26 more.
     *
     * @param withKey whether the API has a key (one is created if missing, and dropped when the API has none)
     */
    public static ApiDocument apiDocument(StateStore store, boolean withKey) {
        SecureRandom random = new SecureRandom();
        ApiDocument document = StateJson.read(store, API_DOC, ApiDocument.class).orElseGet(ApiDocument::new);
        boolean changed = false;
        if (document.apiId == null) {
            document.apiId = random(random, 26);
            changed = true;
        }
        if (withKey && document.apiKey == null) {
            document.apiKey = "da2-" + random(random, 26);
            changed = true;
        }
        if (!withKey && document.apiKey != null) {
            document.apiKey = null;
            changed = true;
        }
        if (changed) {
            StateJson.write(store, API_DOC, document);
        }
        return document;
    }

    private static String random(SecureRandom random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /** Keeps the roles' policy documents in the state: role ARN → policy name → document. */
    public static void writeRolePolicies(StateStore store, String name, RolePolicies policies) {
        Map<String, Map<String, Object>> byRole = new LinkedHashMap<>();
        policies.byRole().forEach((role, list) -> {
            Map<String, Object> named = new LinkedHashMap<>();
            list.forEach(p -> {
                try {
                    named.put(
                            p.policyName(),
                            StateJson.mapper().readTree(p.document().json()));
                } catch (IOException e) {
                    throw new IllegalStateException("a generated policy is not JSON", e);
                }
            });
            byRole.put(role, named);
        });
        Holder holder = new Holder();
        holder.roles = byRole;
        StateJson.write(store, name, holder);
    }

    private static final class Holder {
        @SuppressWarnings("unused")
        Map<String, Map<String, Object>> roles;
    }

    /**
     * Deletes everything in a state directory, after checking it holds only what a stack writes there (so a
     * mistyped {@code --state} never empties an unrelated folder).
     */
    public static void emptyStateDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(directory)) {
            list.forEach(entries::add);
        } catch (IOException e) {
            throw new LocalStateException("Cannot read the state directory " + directory + ": " + e.getMessage(), e);
        }
        for (Path entry : entries) {
            if (!STATE_ENTRIES.contains(entry.getFileName().toString())) {
                throw new LocalStateException("Not emptying " + directory + ": it holds " + entry.getFileName()
                        + ", which the local stack does not write. Point --state at the stack's own directory.");
            }
        }
        for (Path entry : entries) {
            if (entry.getFileName().toString().equals(".lock")) {
                continue;
            }
            try (Stream<Path> tree = Files.walk(entry)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                throw new LocalStateException(
                        "Cannot empty the state directory " + directory + ": " + e.getMessage(), e);
            }
        }
    }
}
