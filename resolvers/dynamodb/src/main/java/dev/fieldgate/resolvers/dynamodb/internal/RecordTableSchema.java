package dev.fieldgate.resolvers.dynamodb.internal;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.ResolverConfigurationException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A table schema for a Java record, with its keys and indexes from the manifest's {@code tables[]} entry instead of
 * annotations: each record component is an attribute of the same name. The record is both the GraphQL type the
 * resolvers return and the item the table stores, so an app writes one record per type and no bean.
 */
public final class RecordTableSchema {

    private RecordTableSchema() {}

    /**
     * The schema of a record stored in a table of the manifest.
     *
     * @throws ResolverConfigurationException when a key or index attribute of the table is not a component
     */
    public static <R extends Record> StaticImmutableTableSchema<R, Slots> of(Class<R> type, Manifest.Table table) {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            throw new ResolverConfigurationException(type.getName() + " is not a record");
        }
        Map<String, List<StaticAttributeTag>> tags = new LinkedHashMap<>();
        tag(tags, table.partitionKey().name(), StaticAttributeTags.primaryPartitionKey());
        if (table.sortKey() != null) {
            tag(tags, table.sortKey().name(), StaticAttributeTags.primarySortKey());
        }
        for (Manifest.TableIndex index : table.indexes()) {
            tag(tags, index.partitionKey().name(), StaticAttributeTags.secondaryPartitionKey(index.name()));
            if (index.sortKey() != null) {
                tag(tags, index.sortKey().name(), StaticAttributeTags.secondarySortKey(index.name()));
            }
        }
        Class<?>[] parameterTypes = new Class<?>[components.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
            names.add(components[i].getName());
        }
        for (String keyAttribute : tags.keySet()) {
            if (!names.contains(keyAttribute)) {
                throw new ResolverConfigurationException("The " + table.type() + " table's key attribute '"
                        + keyAttribute + "' is not a component of " + type.getName() + "; add it to the record");
            }
        }
        MethodHandle constructor;
        List<MethodHandle> accessors = new ArrayList<>();
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(parameterTypes));
            for (RecordComponent component : components) {
                accessors.add(lookup.unreflect(component.getAccessor()));
            }
        } catch (ReflectiveOperationException e) {
            throw new ResolverConfigurationException(
                    type.getName() + " must be a public record with a public canonical constructor", e);
        }
        int count = components.length;
        StaticImmutableTableSchema.Builder<R, Slots> builder = StaticImmutableTableSchema.builder(type, Slots.class)
                .newItemBuilder(() -> new Slots(count), slots -> slots.build(type, constructor, parameterTypes));
        for (int i = 0; i < count; i++) {
            addAttribute(builder, components[i], i, accessors.get(i), tags.getOrDefault(names.get(i), List.of()));
        }
        return builder.build();
    }

    private static void tag(Map<String, List<StaticAttributeTag>> tags, String attribute, StaticAttributeTag tag) {
        tags.computeIfAbsent(attribute, a -> new ArrayList<>()).add(tag);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <R> void addAttribute(
            StaticImmutableTableSchema.Builder<R, Slots> builder,
            RecordComponent component,
            int index,
            MethodHandle accessor,
            List<StaticAttributeTag> tags) {
        Type generic = component.getGenericType();
        EnhancedType attributeType = component.getType().isPrimitive()
                ? EnhancedType.of(boxed(component.getType()))
                : EnhancedType.of(generic);
        builder.addAttribute(
                attributeType,
                attribute -> attribute
                        .name(component.getName())
                        .getter(item -> get(accessor, item))
                        .setter((slots, value) -> slots.values[index] = value)
                        .tags(tags.toArray(new StaticAttributeTag[0])));
    }

    private static Object get(MethodHandle accessor, Object item) {
        try {
            return accessor.invoke(item);
        } catch (Throwable e) {
            throw new IllegalStateException("could not read a record component", e);
        }
    }

    private static Class<?> boxed(Class<?> primitive) {
        return MethodType.methodType(primitive).wrap().returnType();
    }

    /** The values of a record under construction, by component position. */
    public static final class Slots {

        final Object[] values;

        Slots(int count) {
            this.values = new Object[count];
        }

        <R> R build(Class<R> type, MethodHandle constructor, Class<?>[] parameterTypes) {
            Object[] arguments = values.clone();
            for (int i = 0; i < arguments.length; i++) {
                if (arguments[i] == null && parameterTypes[i].isPrimitive()) {
                    arguments[i] = defaultValue(parameterTypes[i]);
                }
            }
            try {
                return type.cast(constructor.invokeWithArguments(arguments));
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("could not make a " + type.getSimpleName(), e);
            }
        }

        private static Object defaultValue(Class<?> primitive) {
            return Array.get(Array.newInstance(primitive, 1), 0);
        }
    }
}
