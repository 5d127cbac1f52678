package dev.fieldgate.resolvers.spring.internal;

import dev.fieldgate.resolvers.spring.AppSyncFunction;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.function.context.FunctionRegistration;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry;
import org.springframework.cloud.function.context.config.SmartCompositeMessageConverter;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.messaging.converter.ByteArrayMessageConverter;

/**
 * The function catalog of a resolver function. Spring Cloud Function's default catalog comes with two full
 * conversion services and JSON, string and primitive message converters, because it converts payloads to whatever
 * a function declares; the resolver takes the payload's bytes as they are and returns bytes, so it needs none of
 * that. Providing the catalog ourselves (Spring Cloud Function then creates none) keeps both the cold start and
 * every invocation free of that machinery: the resolver's wrapper skips input and output conversion.
 *
 * <p>Every {@link FunctionRegistration} bean of the context is registered, as with the default catalog.
 */
public final class AppSyncFunctionCatalog extends SimpleFunctionRegistry {

    public AppSyncFunctionCatalog(
            JsonMapper jsonMapper, @SuppressWarnings("rawtypes") ObjectProvider<FunctionRegistration> registrations) {
        super(
                new GenericConversionService(),
                new SmartCompositeMessageConverter(List.of(new ByteArrayMessageConverter())),
                jsonMapper);
        for (FunctionRegistration<?> registration : registrations) {
            register(registration);
        }
    }

    @Override
    @SuppressWarnings("TypeParameterUnusedInFormals") // Spring's FunctionCatalog declares this signature
    public <T> T lookup(Class<?> type, String functionDefinition, String... expectedOutputMimeTypes) {
        T function = super.lookup(type, functionDefinition, expectedOutputMimeTypes);
        if (function instanceof FunctionInvocationWrapper wrapper && wrapper.getTarget() instanceof AppSyncFunction) {
            // Bytes in, bytes out: the resolver parses the event itself.
            wrapper.setSkipInputConversion(true);
            wrapper.setSkipOutputConversion(true);
        }
        return function;
    }
}
