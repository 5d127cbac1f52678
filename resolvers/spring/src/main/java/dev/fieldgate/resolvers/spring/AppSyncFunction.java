package dev.fieldgate.resolvers.spring;

import com.amazonaws.services.lambda.runtime.Context;
import dev.fieldgate.resolvers.AppSyncResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Function;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * The function Spring Cloud Function's AWS adapter invokes: the event's bytes in, the envelope's bytes out.
 *
 * <p>Its input type is an {@link InputStream} on purpose. For that type the adapter hands the Lambda payload over
 * untouched: it neither parses nor logs it (its default path logs every event at INFO, tokens included, and maps
 * JSON case-insensitively, which would merge {@code Owner} into {@code owner}), and a BatchInvoke array is not split
 * or re-typed. The resolver does its own strict Jackson parsing.
 */
public final class AppSyncFunction implements Function<Message<InputStream>, Message<byte[]>> {

    /** The message header under which the AWS adapter passes the Lambda context. */
    static final String AWS_CONTEXT_HEADER = "aws-context";

    private final AppSyncResolver resolver;

    public AppSyncFunction(AppSyncResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public Message<byte[]> apply(Message<InputStream> message) {
        Object header = message.getHeaders().get(AWS_CONTEXT_HEADER);
        Context context = header instanceof Context lambdaContext ? lambdaContext : null;
        byte[] event;
        try (InputStream in = message.getPayload()) {
            event = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the Lambda payload", e);
        }
        return new GenericMessage<>(resolver.handle(event, context));
    }

    public AppSyncResolver resolver() {
        return resolver;
    }
}
