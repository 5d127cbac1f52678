package dev.fieldgate.resolvers.internal;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.fieldgate.resolvers.ResolverConfigurationException;
import dev.fieldgate.resolvers.ResolverException;
import dev.fieldgate.resolvers.ValidationException;
import java.util.Collection;
import java.util.Map;

/**
 * Binds JSON values (arguments, sources) to handler types with Jackson, and turns every binding failure into a
 * {@link ValidationException} that names the argument and the expected GraphQL-ish type — never the value sent.
 */
public final class Binder {

    private final ObjectMapper mapper;

    public Binder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Binds a JSON value to the handler's parameter type, naming the argument's path when it does not fit.
     *
     * @param value the JSON value (maps, lists, scalars)
     * @param type  the target type
     * @param path  the argument's path for messages, e.g. {@code input}; empty for "the arguments"
     */
    public <T> T bind(Object value, Class<T> type, String path) {
        if (value == null) {
            return null;
        }
        if (type.isInstance(value) && !(value instanceof Map) && !(value instanceof Collection)) {
            return type.cast(value);
        }
        try {
            return mapper.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            throw translate(e.getCause() instanceof DatabindException cause ? cause : e, type, path);
        }
    }

    private static RuntimeException translate(Throwable failure, Class<?> type, String base) {
        if (failure instanceof ValueInstantiationException instantiation) {
            Throwable cause = instantiation.getCause();
            if (cause instanceof ResolverException resolverException) {
                return resolverException;
            }
            String where = where(base, instantiation);
            if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
                return new ValidationException(capitalized(where) + " is not valid: " + cause.getMessage(), cause);
            }
            return new ValidationException(capitalized(where) + " is not valid", cause);
        }
        if (failure instanceof InvalidDefinitionException definition) {
            return new ResolverConfigurationException(
                    "Cannot bind to " + type.getName() + ": " + definition.getOriginalMessage(), definition);
        }
        if (failure instanceof InvalidNullException nullValue) {
            return new ValidationException(capitalized(where(base, nullValue)) + " must not be null", nullValue);
        }
        if (failure instanceof MismatchedInputException mismatch) {
            String original = mismatch.getOriginalMessage();
            if (original != null && original.startsWith("Missing required creator property")) {
                // A non-null argument of a generated record, absent.
                return new ValidationException(capitalized(where(base, mismatch)) + " is required", mismatch);
            }
            if (original != null && original.startsWith("Cannot map `null`")) {
                // FAIL_ON_NULL_FOR_PRIMITIVES: a null for an int, boolean, ...
                return new ValidationException(capitalized(where(base, mismatch)) + " must not be null", mismatch);
            }
            return new ValidationException(
                    capitalized(where(base, mismatch)) + " must be " + describe(mismatch.getTargetType()), mismatch);
        }
        if (failure instanceof JsonMappingException mapping) {
            return new ValidationException(capitalized(where(base, mapping)) + " is not valid", mapping);
        }
        return new ValidationException("The arguments are not valid", failure);
    }

    private static String where(String base, JsonMappingException e) {
        StringBuilder path = new StringBuilder(base == null ? "" : base);
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "the arguments" : "argument '" + path + "'";
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A GraphQL name for the Java type a value had to fit. */
    static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a String";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class
                || type == java.math.BigInteger.class) {
            return "an Int";
        }
        if (type == Double.class
                || type == double.class
                || type == Float.class
                || type == float.class
                || type == java.math.BigDecimal.class) {
            return "a Float";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a Boolean";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date or time";
        }
        return "an object";
    }
}
