package dev.fieldgate.local.appsync.internal;

import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.SelectedField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the Direct Lambda event of a field exactly in the shape AppSync sends (docs/resolver-contract.md):
 * {@code arguments}, {@code identity}, {@code source}, {@code request} (lower-case {@code headers},
 * {@code domainName}), {@code prev}, {@code info} ({@code selectionSetList} with {@code /}-joined nested paths,
 * {@code selectionSetGraphQL}, {@code parentTypeName}, {@code fieldName}, {@code variables}) and {@code stash}.
 */
final class EventFactory {

    private EventFactory() {}

    static Map<String, Object> event(DataFetchingEnvironment env, RequestScope scope) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("arguments", env.getArguments());
        event.put("identity", scope.caller.identity());
        Object source = env.getSource();
        event.put("source", source instanceof Map ? source : null);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("headers", scope.headers);
        request.put("domainName", null);
        event.put("request", request);
        event.put("prev", null);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("selectionSetList", selectionSetList(env));
        info.put("selectionSetGraphQL", selectionSetGraphQl(env));
        info.put("parentTypeName", env.getExecutionStepInfo().getObjectType().getName());
        info.put("fieldName", env.getField().getName());
        info.put("variables", scope.variables);
        event.put("info", info);
        event.put("stash", new LinkedHashMap<>());
        return event;
    }

    /** Every selected field below this one, by field name, nested paths joined with {@code /}, in query order. */
    static List<String> selectionSetList(DataFetchingEnvironment env) {
        Set<String> paths = new LinkedHashSet<>();
        for (SelectedField field : env.getSelectionSet().getFields()) {
            if (!field.getName().startsWith("__") && !field.getQualifiedName().contains("/__")) {
                paths.add(field.getQualifiedName());
            }
        }
        return new ArrayList<>(paths);
    }

    /**
     * The field's selection set as GraphQL text, followed by the definitions of the fragments it spreads (empty for
     * a field without a selection set).
     */
    static String selectionSetGraphQl(DataFetchingEnvironment env) {
        SelectionSet selectionSet = null;
        for (Field field : env.getMergedField().getFields()) {
            if (field.getSelectionSet() != null) {
                selectionSet = field.getSelectionSet();
                break;
            }
        }
        if (selectionSet == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(AstPrinter.printAst(selectionSet));
        Map<String, FragmentDefinition> fragments = env.getFragmentsByName();
        Set<String> used = new LinkedHashSet<>();
        collectSpreads(selectionSet, fragments, used);
        for (String name : used) {
            text.append("\n\n").append(AstPrinter.printAst(fragments.get(name)));
        }
        return text.toString();
    }

    private static void collectSpreads(SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> used) {
        if (set == null) {
            return;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                collectSpreads(field.getSelectionSet(), fragments, used);
            } else if (selection instanceof InlineFragment inline) {
                collectSpreads(inline.getSelectionSet(), fragments, used);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition definition = fragments.get(spread.getName());
                if (definition != null && used.add(spread.getName())) {
                    collectSpreads(definition.getSelectionSet(), fragments, used);
                }
            }
        }
    }
}
