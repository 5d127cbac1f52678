package dev.fieldgate.resolvers.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.AppSyncEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps from subscription listeners what they may not read (the manifest's {@code subscriptions}).
 *
 * <p>AppSync delivers a mutation's response, as resolved for its caller, to every listener of the subscriptions
 * naming it. So the response of such a mutation carries a mark on each of its objects, {@value #MARK} holding the
 * mutation's name; AppSync hands each object to the resolvers of its fields as their {@code source}, which keeps
 * the mark going down (objects those resolvers return are marked too), and a field redacted for that mutation is
 * answered {@code null}. GraphQL reserves names starting with {@code __}, so the mark never meets a schema field
 * and no listener can select it.
 */
final class Redactions {

    /** The key marking an object of a mutation's response. */
    static final String MARK = "__mutation";

    private static final String MUTATION_TYPE = "Mutation";

    /** Per mutation field name, the {@code Type.field} coordinates answered {@code null} in its response. */
    private final Map<String, Set<String>> redactedByMutation;

    private Redactions(Map<String, Set<String>> redactedByMutation) {
        this.redactedByMutation = redactedByMutation;
    }

    static Redactions of(Manifest manifest) {
        Map<String, Set<String>> byMutation = new HashMap<>();
        for (Manifest.Subscription subscription : manifest.subscriptions()) {
            if (subscription.redacted().isEmpty()) {
                continue;
            }
            for (String mutation : subscription.mutations()) {
                byMutation.computeIfAbsent(mutation, key -> new HashSet<>()).addAll(subscription.redacted());
            }
        }
        byMutation.replaceAll((mutation, coordinates) -> Set.copyOf(coordinates));
        return new Redactions(Map.copyOf(byMutation));
    }

    /**
     * The mutation whose response this field's value becomes part of, when that response feeds listeners who may
     * not read all of it; {@code null} otherwise.
     */
    String origin(AppSyncEvent event) {
        if (redactedByMutation.isEmpty()) {
            return null;
        }
        if (MUTATION_TYPE.equals(event.info().parentTypeName())) {
            String mutation = event.fieldName();
            return redactedByMutation.containsKey(mutation) ? mutation : null;
        }
        Map<String, Object> source = event.source();
        Object mark = source == null ? null : source.get(MARK);
        return mark instanceof String mutation && redactedByMutation.containsKey(mutation) ? mutation : null;
    }

    /** Whether {@code coordinate} is answered {@code null} in the response of {@code mutation}. */
    boolean withholds(String mutation, String coordinate) {
        Set<String> redacted = mutation == null ? null : redactedByMutation.get(mutation);
        return redacted != null && redacted.contains(coordinate);
    }

    /** The result as JSON values, with every object in it marked as part of {@code mutation}'s response. */
    static Object mark(Object result, String mutation, ObjectMapper mapper) {
        if (result == null) {
            return null;
        }
        return marked(mapper.convertValue(result, Object.class), mutation);
    }

    private static Object marked(Object json, String mutation) {
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key), marked(value, mutation)));
            copy.put(MARK, mutation);
            return copy;
        }
        if (json instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(marked(item, mutation)));
            return copy;
        }
        return json;
    }
}
