package dev.fieldgate.sdk.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** The SDK's Jackson set-up: AppSync's scalars as java.time types, unknown fields ignored. */
public final class Json {

    private Json() {}

    /**
     * A mapper that reads and writes AppSync's scalars: {@code AWSDateTime} as {@code OffsetDateTime} (offset
     * kept), {@code AWSDate} as {@code LocalDate} and {@code AWSTime} as {@code LocalTime} (AppSync allows an
     * optional offset on both, which is accepted and dropped), {@code AWSTimestamp} as {@code Long},
     * {@code AWSURL} as {@code URI}, the string scalars as {@code String}.
     */
    public static ObjectMapper newMapper() {
        SimpleModule appSync = new SimpleModule("fieldgate-appsync-scalars");
        appSync.addDeserializer(LocalDate.class, new LenientLocalDate());
        appSync.addDeserializer(LocalTime.class, new LenientLocalTime());
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(appSync)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** {@code AWSDate}: {@code 2024-03-05}, also with an offset ({@code 2024-03-05Z}, {@code 2024-03-05+01:00}). */
    static final class LenientLocalDate extends StdScalarDeserializer<LocalDate> {
        private static final long serialVersionUID = 1L;

        LenientLocalDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getText().trim();
            try {
                return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
            } catch (DateTimeParseException e) {
                return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text, "not an AWSDate");
            }
        }
    }

    /** {@code AWSTime}: {@code 09:03:07.123}, also with an offset ({@code 09:03Z}, {@code 09:03:07+01:00}). */
    static final class LenientLocalTime extends StdScalarDeserializer<LocalTime> {
        private static final long serialVersionUID = 1L;

        LenientLocalTime() {
            super(LocalTime.class);
        }

        @Override
        public LocalTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalTime) ctxt.handleUnexpectedToken(LocalTime.class, p);
            }
            String text = p.getText().trim();
            int offset = offsetStart(text);
            try {
                return LocalTime.parse(offset < 0 ? text : text.substring(0, offset));
            } catch (DateTimeParseException e) {
                return (LocalTime) ctxt.handleWeirdStringValue(LocalTime.class, text, "not an AWSTime");
            }
        }

        private static int offsetStart(String text) {
            for (int i = 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == 'Z' || c == '+' || c == '-') {
                    return i;
                }
            }
            return -1;
        }
    }
}
