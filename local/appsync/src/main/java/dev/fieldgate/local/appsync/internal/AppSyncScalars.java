package dev.fieldgate.local.appsync.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * AppSync's built-in scalars with the input checks AppSync applies: {@code AWSDate}, {@code AWSTime},
 * {@code AWSDateTime} (extended ISO 8601; the date-time needs a zone offset), {@code AWSTimestamp} (seconds since
 * the epoch), {@code AWSEmail}, {@code AWSJSON} (valid JSON text), {@code AWSURL} (a scheme, and no {@code //} in
 * the path), {@code AWSPhone} and {@code AWSIPAddress} (IPv4 or IPv6, optionally with a prefix length). Values pass
 * through unchanged to resolvers and to the client; an {@code AWSJSON} value a resolver returns as an object is
 * written as JSON text, as AppSync does.
 */
final class AppSyncScalars {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OFFSET = "(Z|[+-]\\d{2}:\\d{2}(:\\d{2})?)";
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}" + OFFSET + "?");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?" + OFFSET + "?");
    private static final Pattern DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?" + OFFSET);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()\\-.]{3,30}");

    private AppSyncScalars() {}

    static List<GraphQLScalarType> all() {
        return List.of(
                text(
                        "AWSDate",
                        "An extended ISO 8601 date: YYYY-MM-DD, optionally with a zone offset.",
                        v -> DATE.matcher(v).matches() && validCalendar(v)),
                text(
                        "AWSTime",
                        "An extended ISO 8601 time: hh:mm[:ss[.sss]], optionally with a zone offset.",
                        v -> TIME.matcher(v).matches()),
                text(
                        "AWSDateTime",
                        "An extended ISO 8601 date and time with a zone offset.",
                        v -> DATE_TIME.matcher(v).matches() && validCalendar(v)),
                timestamp(),
                text(
                        "AWSEmail",
                        "An email address as RFC 822 defines it.",
                        v -> EMAIL.matcher(v).matches()),
                json(),
                text(
                        "AWSURL",
                        "A URL with a scheme, such as https://example.com or mailto:ann@example.com.",
                        AppSyncScalars::isUrl),
                text(
                        "AWSPhone",
                        "A phone number, optionally starting with + and the country code.",
                        v -> PHONE.matcher(v).matches()),
                text(
                        "AWSIPAddress",
                        "An IPv4 or IPv6 address, optionally with a prefix length.",
                        AppSyncScalars::isIpAddress));
    }

    private static boolean validCalendar(String value) {
        try {
            java.time.LocalDate.parse(value.substring(0, 10));
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isUrl(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null) {
                return false;
            }
            String path = uri.getRawPath();
            return path == null || !path.contains("//");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isIpAddress(String value) {
        String address = value;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            address = value.substring(0, slash);
            String prefix = value.substring(slash + 1);
            if (!prefix.matches("\\d{1,3}")) {
                return false;
            }
        }
        // Literal addresses only: a host name would make InetAddress resolve it.
        if (!address.matches("[0-9.]+") && !address.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        if (address.matches("[0-9.]+") && !address.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
            return false;
        }
        try {
            InetAddress.getByName(address);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static String invalid(String scalar, Object value) {
        return "Invalid " + scalar + " value: '" + value + "'";
    }

    private static GraphQLScalarType text(String name, String description, Predicate<String> valid) {
        return GraphQLScalarType.newScalar()
                .name(name)
                .description(description)
                .coercing(new Coercing<String, Object>() {
                    @Override
                    public Object serialize(Object value, GraphQLContext context, Locale locale) {
                        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                            return value.toString();
                        }
                        throw new CoercingSerializeException("Can not serialize " + name + " from "
                                + value.getClass().getSimpleName());
                    }

                    @Override
                    public String parseValue(Object value, GraphQLContext context, Locale locale) {
                        if (value instanceof String text && valid.test(text)) {
                            return text;
                        }
                        throw new CoercingParseValueException(invalid(name, value));
                    }

                    @Override
                    public String parseLiteral(
                            Value<?> value, CoercedVariables variables, GraphQLContext context, Locale locale) {
                        if (value instanceof StringValue text && valid.test(text.getValue())) {
                            return text.getValue();
                        }
                        throw new CoercingParseLiteralException(
                                invalid(name, value instanceof StringValue s ? s.getValue() : value));
                    }

                    @Override
                    public Value<?> valueToLiteral(Object value, GraphQLContext context, Locale locale) {
                        return StringValue.of(String.valueOf(value));
                    }
                })
                .build();
    }

    private static GraphQLScalarType timestamp() {
        return GraphQLScalarType.newScalar()
                .name("AWSTimestamp")
                .description("Seconds since 1970-01-01T00:00Z.")
                .coercing(new Coercing<Long, Long>() {
                    @Override
                    public Long serialize(Object value, GraphQLContext context, Locale locale) {
                        if (value instanceof Number number) {
                            return number.longValue();
                        }
                        if (value instanceof String text && text.matches("-?\\d{1,19}")) {
                            return Long.parseLong(text);
                        }
                        throw new CoercingSerializeException("Can not serialize AWSTimestamp from " + value);
                    }

                    @Override
                    public Long parseValue(Object value, GraphQLContext context, Locale locale) {
                        if (value instanceof Integer || value instanceof Long) {
                            return ((Number) value).longValue();
                        }
                        if (value instanceof BigInteger big && big.bitLength() < 64) {
                            return big.longValue();
                        }
                        throw new CoercingParseValueException(invalid("AWSTimestamp", value));
                    }

                    @Override
                    public Long parseLiteral(
                            Value<?> value, CoercedVariables variables, GraphQLContext context, Locale locale) {
                        if (value instanceof IntValue number
                                && number.getValue().bitLength() < 64) {
                            return number.getValue().longValue();
                        }
                        throw new CoercingParseLiteralException(invalid("AWSTimestamp", value));
                    }

                    @Override
                    public Value<?> valueToLiteral(Object value, GraphQLContext context, Locale locale) {
                        return IntValue.of(((Number) value).intValue());
                    }
                })
                .build();
    }

    private static GraphQLScalarType json() {
        return GraphQLScalarType.newScalar()
                .name("AWSJSON")
                .description("A JSON document, as text.")
                .coercing(new Coercing<String, String>() {
                    @Override
                    public String serialize(Object value, GraphQLContext context, Locale locale) {
                        if (value instanceof String text) {
                            return text;
                        }
                        try {
                            return JSON.writeValueAsString(value);
                        } catch (JsonProcessingException e) {
                            throw new CoercingSerializeException("Can not serialize AWSJSON", e);
                        }
                    }

                    @Override
                    public String parseValue(Object value, GraphQLContext context, Locale locale) {
                        if (value instanceof String text && isJson(text)) {
                            return text;
                        }
                        throw new CoercingParseValueException(invalid("AWSJSON", value));
                    }

                    @Override
                    public String parseLiteral(
                            Value<?> value, CoercedVariables variables, GraphQLContext context, Locale locale) {
                        if (value instanceof StringValue text && isJson(text.getValue())) {
                            return text.getValue();
                        }
                        throw new CoercingParseLiteralException(invalid("AWSJSON", value));
                    }

                    @Override
                    public Value<?> valueToLiteral(Object value, GraphQLContext context, Locale locale) {
                        return StringValue.of(String.valueOf(value));
                    }
                })
                .build();
    }

    private static boolean isJson(String text) {
        try {
            JSON.readTree(text);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
