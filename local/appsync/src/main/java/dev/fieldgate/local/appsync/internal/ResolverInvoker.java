package dev.fieldgate.local.appsync.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.appsync.LambdaErrorStyle;
import dev.fieldgate.local.appsync.internal.lambda.LambdaError;
import dev.fieldgate.local.appsync.internal.lambda.LambdaFunction;
import dev.fieldgate.local.appsync.internal.lambda.LambdaInvocationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invokes the resolver function with Direct Lambda events — one, or a BatchInvoke array — and applies the response
 * mapping template every Fieldgate resolver has (docs/resolver-contract.md):
 * <pre>
 * #if($ctx.error) $util.error($ctx.error.message, $ctx.error.type) #end
 * #if($ctx.result.errorType) $util.error($ctx.result.errorMessage, $ctx.result.errorType, $ctx.result.data,
 *     $ctx.result.errorInfo) #end
 * $util.toJson($ctx.result.data)
 * </pre>
 */
final class ResolverInvoker {

    private static final Logger LOG = LoggerFactory.getLogger(ResolverInvoker.class);
    /** UNCONFIRMED: the type AppSync gives a response it cannot read as JSON is not documented. */
    static final String ILLEGAL_RESPONSE = "Lambda:IllegalResponse";

    static final String UNHANDLED = "Lambda:Unhandled";

    private final Supplier<LambdaFunction> function;
    private final LambdaErrorStyle errorStyle;
    private final ObjectMapper json;

    /** @param function the function; it supplies null when the API has none (resolver fields are then null) */
    ResolverInvoker(Supplier<LambdaFunction> function, LambdaErrorStyle errorStyle, ObjectMapper json) {
        this.function = function;
        this.errorStyle = errorStyle;
        this.json = json;
    }

    FieldOutcome invoke(Map<String, Object> event) {
        LambdaFunction function = this.function.get();
        if (function == null) {
            return FieldOutcome.of(null);
        }
        Object result;
        try {
            result = call(function, event);
        } catch (LambdaInvocationException e) {
            return thrown(e.error());
        } catch (IOException e) {
            return FieldOutcome.error(ILLEGAL_RESPONSE, "The resolver function's response is not valid JSON.");
        }
        return template(result);
    }

    List<FieldOutcome> invokeBatch(List<Map<String, Object>> events) {
        List<FieldOutcome> outcomes = new ArrayList<>(events.size());
        LambdaFunction function = this.function.get();
        if (function == null) {
            events.forEach(e -> outcomes.add(FieldOutcome.of(null)));
            return outcomes;
        }
        FieldOutcome shared = null;
        Object result = null;
        try {
            result = call(function, events);
        } catch (LambdaInvocationException e) {
            shared = thrown(e.error());
        } catch (IOException e) {
            shared = FieldOutcome.error(ILLEGAL_RESPONSE, "The resolver function's response is not valid JSON.");
        }
        if (shared == null && !(result instanceof List<?> list && list.size() == events.size())) {
            // UNCONFIRMED: AppSync's error for a BatchInvoke answered with something other than one result per item.
            shared = FieldOutcome.error(
                    ILLEGAL_RESPONSE,
                    "The resolver function answered a BatchInvoke of " + events.size()
                            + " events with something other than a list of " + events.size() + " results.");
        }
        if (shared != null) {
            for (int i = 0; i < events.size(); i++) {
                outcomes.add(shared);
            }
            return outcomes;
        }
        for (Object item : (List<?>) result) {
            outcomes.add(template(item));
        }
        return outcomes;
    }

    private Object call(LambdaFunction function, Object event) throws IOException {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Direct Lambda event", e);
        }
        byte[] response = function.invoke(bytes);
        if (response.length == 0) {
            return null;
        }
        return json.readValue(response, Object.class);
    }

    private FieldOutcome thrown(LambdaError error) {
        LOG.debug("The resolver function failed: {}", error.errorType());
        String type = errorStyle == LambdaErrorStyle.LAMBDA_UNHANDLED ? UNHANDLED : error.errorType();
        return FieldOutcome.error(type, error.errorMessage());
    }

    /** The response template, applied to one result ({@code $ctx.result}). */
    static FieldOutcome template(Object result) {
        if (!(result instanceof Map<?, ?> envelope)) {
            // $ctx.result.data of anything but an object is null.
            return FieldOutcome.of(null);
        }
        Object errorType = envelope.get("errorType");
        if (truthy(errorType)) {
            Object message = envelope.get("errorMessage");
            return new FieldOutcome(
                    null,
                    String.valueOf(errorType),
                    message == null ? null : String.valueOf(message),
                    envelope.get("data"),
                    envelope.get("errorInfo"));
        }
        return FieldOutcome.of(envelope.get("data"));
    }

    /** Velocity's truthiness: null, false and the empty string are false. */
    private static boolean truthy(Object value) {
        return value != null && !Boolean.FALSE.equals(value) && !"".equals(value);
    }
}
