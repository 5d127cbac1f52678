package dev.fieldgate.local.appsync.internal;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IAM is checked on the operation's root fields before anything runs: a role without {@code appsync:GraphQL} on
 * a requested root field is refused the whole request ("Permission denied", observed for a policy naming the
 * wrong resource). UNCONFIRMED: the status (401) is what clients report for it.
 */
final class RootFieldIam {

    private final FieldAuthorizer authorizer;
    private final RootTypes roots;

    RootFieldIam(FieldAuthorizer authorizer, RootTypes roots) {
        this.authorizer = authorizer;
        this.roots = roots;
    }

    /** The refusal of the whole request, or empty when the caller is not IAM or may request every root field. */
    Optional<AppSyncRequestException> denial(Caller caller, Document document, OperationDefinition operation) {
        if (!caller.isIam()) {
            return Optional.empty();
        }
        String rootType = switch (operation.getOperation()) {
            case MUTATION -> roots.mutation();
            case SUBSCRIPTION -> roots.subscription();
            default -> roots.query();
        };
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
        Set<String> fields = new LinkedHashSet<>();
        rootFields(operation.getSelectionSet(), fragments, fields, new HashSet<>());
        for (String field : fields) {
            if (!authorizer.iamAllows(caller, rootType, field)) {
                return Optional.of(AppSyncRequestException.unauthorized("Permission denied"));
            }
        }
        return Optional.empty();
    }

    private static void rootFields(
            SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> fields, Set<String> seen) {
        if (set == null) {
            return;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                if (!field.getName().startsWith("__")) {
                    fields.add(field.getName());
                }
            } else if (selection instanceof InlineFragment inline) {
                rootFields(inline.getSelectionSet(), fragments, fields, seen);
            } else if (selection instanceof FragmentSpread spread
                    && seen.add(spread.getName())
                    && fragments.containsKey(spread.getName())) {
                rootFields(fragments.get(spread.getName()).getSelectionSet(), fragments, fields, seen);
            }
        }
    }
}
