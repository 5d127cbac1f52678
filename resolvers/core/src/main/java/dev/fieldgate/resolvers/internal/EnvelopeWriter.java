package dev.fieldgate.resolvers.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.fieldgate.resolvers.AppSyncError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * Writes the response envelope of {@code docs/resolver-contract.md}: {@code {"data": ...}} for a result,
 * {@code {"data": null, "errorType": ..., "errorMessage": ..., "errorInfo": ...}} for an error, and an array of them
 * for a BatchInvoke. A result Jackson cannot write fails only its own item.
 */
public final class EnvelopeWriter {

    private final ObjectMapper mapper;

    public EnvelopeWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Writes one invocation's envelope.
     *
     * @param unwritable what to answer for an item whose data Jackson cannot write (the caller logs the failure)
     */
    public byte[] single(Outcome outcome, Function<Exception, Outcome> unwritable) {
        try {
            return write(outcome, null);
        } catch (IOException | RuntimeException e) {
            try {
                return write(unwritable.apply(e), null);
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        }
    }

    public byte[] batch(List<Outcome> outcomes, Function<Exception, Outcome> unwritable) {
        try {
            return write(null, outcomes);
        } catch (IOException | RuntimeException e) {
            // Find the items that cannot be written, so that only they fail.
            Outcome[] safe = new Outcome[outcomes.size()];
            for (int i = 0; i < safe.length; i++) {
                Outcome outcome = outcomes.get(i);
                try {
                    TokenBuffer buffer = new TokenBuffer(mapper, false);
                    mapper.writeValue(buffer, outcome.data());
                    safe[i] = outcome;
                } catch (IOException | RuntimeException itemFailure) {
                    safe[i] = unwritable.apply(itemFailure);
                }
            }
            try {
                return write(null, List.of(safe));
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        }
    }

    private byte[] write(Outcome single, List<Outcome> batch) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator generator = mapper.getFactory().createGenerator(bytes)) {
            if (batch == null) {
                envelope(generator, single);
            } else {
                generator.writeStartArray();
                for (Outcome outcome : batch) {
                    envelope(generator, outcome);
                }
                generator.writeEndArray();
            }
        }
        return bytes.toByteArray();
    }

    private void envelope(JsonGenerator generator, Outcome outcome) throws IOException {
        generator.writeStartObject();
        AppSyncError error = outcome.error();
        generator.writeFieldName("data");
        Object data = error == null ? outcome.data() : error.data();
        if (data == null) {
            generator.writeNull();
        } else {
            mapper.writeValue(generator, data);
        }
        if (error != null) {
            generator.writeStringField("errorType", error.errorType());
            generator.writeStringField("errorMessage", error.message());
            generator.writeFieldName("errorInfo");
            if (error.errorInfo() == null) {
                generator.writeNull();
            } else {
                mapper.writeValue(generator, error.errorInfo());
            }
        }
        generator.writeEndObject();
    }
}
