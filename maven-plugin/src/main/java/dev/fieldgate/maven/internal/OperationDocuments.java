package dev.fieldgate.maven.internal;

import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.SDLDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.MultiSourceReader;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The app's own operations: every {@code .graphql} file parsed, checked against the API's schema as AppSync would
 * check them, and cut into one document per operation holding the fragments it uses (AppSync refuses unused ones).
 */
public final class OperationDocuments {

    /** One named operation, ready to send. */
    public record Operation(String name, OperationDefinition definition, String document, String source) {}

    private OperationDocuments() {}

    /**
     * Parses and validates.
     *
     * @param files source name to text; files that hold only type definitions (a schema kept beside the operations)
     *              are skipped
     * @throws ClientGenerationException listing every syntax or validation error with its file and line
     */
    public static List<Operation> read(Map<String, String> files, AppSyncSchema schema) {
        List<String> problems = new ArrayList<>();
        List<Definition<?>> definitions = new ArrayList<>();
        Map<Definition<?>, String> sources = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Document document;
            try {
                document = Parser.parse(ParserEnvironment.newParserEnvironment()
                        .document(MultiSourceReader.newMultiSourceReader()
                                .string(file.getValue(), file.getKey())
                                .build())
                        .build());
            } catch (InvalidSyntaxException e) {
                problems.add(file.getKey() + ": " + e.getMessage());
                continue;
            }
            boolean executable = document.getDefinitions().stream()
                    .anyMatch(d -> d instanceof OperationDefinition || d instanceof FragmentDefinition);
            boolean typeSystem = document.getDefinitions().stream().anyMatch(d -> d instanceof SDLDefinition);
            if (!executable) {
                continue;
            }
            if (typeSystem) {
                problems.add(file.getKey() + ": mixes type definitions with operations; keep the schema in a file of "
                        + "its own");
                continue;
            }
            for (Definition<?> d : document.getDefinitions()) {
                definitions.add(d);
                sources.put(d, file.getKey());
            }
        }
        if (!problems.isEmpty()) {
            throw new ClientGenerationException(problems.size() + " operation file(s) do not parse", problems);
        }
        Document.Builder builder = Document.newDocument();
        definitions.forEach(builder::definition);
        Document all = builder.build();
        for (ValidationError error : new Validator().validateDocument(schema.graphQLSchema(), all, Locale.ENGLISH)) {
            var at = error.getLocations() == null || error.getLocations().isEmpty()
                    ? null
                    : error.getLocations().get(0);
            problems.add((at == null ? "" : at.getSourceName() + ":" + at.getLine() + ": ") + error.getDescription());
        }
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        List<OperationDefinition> operations = new ArrayList<>();
        for (Definition<?> d : definitions) {
            if (d instanceof FragmentDefinition f) {
                fragments.put(f.getName(), f);
            } else if (d instanceof OperationDefinition o) {
                if (o.getName() == null || o.getName().isBlank()) {
                    problems.add(where(o, sources) + ": an operation without a name; name it (the name becomes "
                            + "its method)");
                } else {
                    operations.add(o);
                }
            }
        }
        for (OperationDefinition o : operations) {
            nestedAliases(o.getSelectionSet(), true, o.getName(), fragments, problems);
        }
        if (!problems.isEmpty()) {
            throw new ClientGenerationException(
                    problems.size() + " problem(s) in the operations against the API's schema", problems);
        }
        List<Operation> result = new ArrayList<>();
        for (OperationDefinition o : operations) {
            StringBuilder text = new StringBuilder(AstPrinter.printAst(o));
            for (String fragment : usedFragments(o.getSelectionSet(), fragments, new LinkedHashSet<>())) {
                text.append("\n\n").append(AstPrinter.printAst(fragments.get(fragment)));
            }
            result.add(new Operation(o.getName(), o, text.toString(), sources.get(o)));
        }
        return result;
    }

    private static String where(Node<?> node, Map<Definition<?>, String> sources) {
        String file = node instanceof Definition<?> d ? sources.get(d) : null;
        var location = node.getSourceLocation();
        return (file == null ? "" : file) + (location == null ? "" : ":" + location.getLine());
    }

    /**
     * The generated types are keyed by field name, so aliases work only on root fields (they become the result's
     * property names); below the root an alias would leave its value undecoded.
     */
    private static void nestedAliases(
            SelectionSet set,
            boolean root,
            String operation,
            Map<String, FragmentDefinition> fragments,
            List<String> problems) {
        if (set == null) {
            return;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                if (!root && field.getAlias() != null) {
                    problems.add(operation + ": alias '" + field.getAlias() + "' on " + field.getName() + " below the "
                            + "root field; the generated types are keyed by field name, so remove it (or split the "
                            + "operation)");
                }
                nestedAliases(field.getSelectionSet(), false, operation, fragments, problems);
            } else if (selection instanceof InlineFragment inline) {
                nestedAliases(inline.getSelectionSet(), root, operation, fragments, problems);
            } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                nestedAliases(fragments.get(spread.getName()).getSelectionSet(), root, operation, fragments, problems);
            }
        }
    }

    private static Set<String> usedFragments(
            SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> used) {
        if (set == null) {
            return used;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                usedFragments(field.getSelectionSet(), fragments, used);
            } else if (selection instanceof InlineFragment inline) {
                usedFragments(inline.getSelectionSet(), fragments, used);
            } else if (selection instanceof FragmentSpread spread && used.add(spread.getName())) {
                usedFragments(fragments.get(spread.getName()).getSelectionSet(), fragments, used);
            }
        }
        return used;
    }
}
