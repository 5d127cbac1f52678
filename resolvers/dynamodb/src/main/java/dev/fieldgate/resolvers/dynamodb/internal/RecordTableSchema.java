package dev.fieldgate.resolvers.dynamodb.internal;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.ResolverConfigurationException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.EnumAttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
        List<String> names = new ArrayList<>();
        for (RecordComponent component : components) {
            names.add(component.getName());
        }
        for (String keyAttribute : tags.keySet()) {
            if (!names.contains(keyAttribute)) {
                throw new ResolverConfigurationException("The " + table.type() + " table's key attribute '"
                        + keyAttribute + "' is not a component of " + type.getName() + "; add it to the record");
            }
        }
        return build(type, tags, new HashMap<>());
    }

    /**
     * The schema of a record, its components that are records themselves mapped as nested documents (a list of
     * them as a list of documents), enums by name. {@code building} holds the schemas under construction, so a
     * record that refers to itself ({@code replies: [Comment]}) refers to its own schema.
     */
    private static <R> StaticImmutableTableSchema<R, Slots> build(
            Class<R> type, Map<String, List<StaticAttributeTag>> tags, Map<Class<?>, TableSchema<?>> building) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            parameterTypes[i] = components[i].getType();
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
        Deferred<R> self = new Deferred<>(type);
        building.put(type, self);
        int count = components.length;
        StaticImmutableTableSchema.Builder<R, Slots> builder = StaticImmutableTableSchema.builder(type, Slots.class)
                .newItemBuilder(() -> new Slots(count), slots -> slots.build(type, constructor, parameterTypes));
        for (int i = 0; i < count; i++) {
            addAttribute(
                    builder,
                    components[i],
                    i,
                    accessors.get(i),
                    tags.getOrDefault(components[i].getName(), List.of()),
                    building);
        }
        StaticImmutableTableSchema<R, Slots> schema = builder.build();
        self.resolve(schema);
        building.remove(type);
        return schema;
    }

    /** The enhanced client's type of a component: nested records as documents, lists of them as lists. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static EnhancedType<?> enhancedType(Type generic, Map<Class<?>, TableSchema<?>> building) {
        if (generic instanceof Class<?> raw) {
            if (raw.isPrimitive()) {
                return EnhancedType.of(boxed(raw));
            }
            if (raw.isRecord()) {
                TableSchema nested = building.get(raw);
                if (nested == null) {
                    nested = build(raw, Map.of(), building);
                }
                return EnhancedType.documentOf(
                        (Class) raw,
                        nested,
                        document -> document.ignoreNulls(true).preserveEmptyObject(false));
            }
        }
        if (generic instanceof ParameterizedType parameterized
                && parameterized.getRawType() == List.class
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element
                && element.isRecord()) {
            return EnhancedType.listOf(enhancedType(element, building));
        }
        return EnhancedType.of(generic);
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
            List<StaticAttributeTag> tags,
            Map<Class<?>, TableSchema<?>> building) {
        EnhancedType attributeType = enhancedType(component.getGenericType(), building);
        Class<?> raw = component.getType();
        builder.addAttribute(attributeType, attribute -> {
            attribute
                    .name(component.getName())
                    .getter(item -> get(accessor, item))
                    .setter((slots, value) -> slots.values[index] = value)
                    .tags(tags.toArray(new StaticAttributeTag[0]));
            if (raw.isEnum()) {
                attribute.attributeConverter(EnumAttributeConverter.createWithNameAsKeys((Class) raw));
            }
        });
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

    /**
     * The schema of a record while it is built, for the records nested in it that refer back to it; every call
     * goes to the finished schema.
     */
    private static final class Deferred<T> implements TableSchema<T> {

        private final Class<T> type;
        private TableSchema<T> schema;

        Deferred(Class<T> type) {
            this.type = type;
        }

        void resolve(TableSchema<T> built) {
            this.schema = built;
        }

        private TableSchema<T> schema() {
            if (schema == null) {
                throw new IllegalStateException("the schema of " + type.getName() + " is not built yet");
            }
            return schema;
        }

        @Override
        public T mapToItem(Map<String, AttributeValue> attributeMap) {
            return schema().mapToItem(attributeMap);
        }

        @Override
        public T mapToItem(Map<String, AttributeValue> attributeMap, boolean preserveEmptyObject) {
            return schema().mapToItem(attributeMap, preserveEmptyObject);
        }

        @Override
        public Map<String, AttributeValue> itemToMap(T item, boolean ignoreNulls) {
            return schema().itemToMap(item, ignoreNulls);
        }

        @Override
        public Map<String, AttributeValue> itemToMap(T item, Collection<String> attributes) {
            return schema().itemToMap(item, attributes);
        }

        @Override
        public AttributeValue attributeValue(T item, String attributeName) {
            return schema().attributeValue(item, attributeName);
        }

        @Override
        public TableMetadata tableMetadata() {
            return schema().tableMetadata();
        }

        @Override
        public EnhancedType<T> itemType() {
            return EnhancedType.of(type);
        }

        @Override
        public List<String> attributeNames() {
            return schema().attributeNames();
        }

        @Override
        public boolean isAbstract() {
            return false;
        }

        @Override
        public AttributeConverter<T> converterForAttribute(Object key) {
            return schema().converterForAttribute(key);
        }
    }
}
