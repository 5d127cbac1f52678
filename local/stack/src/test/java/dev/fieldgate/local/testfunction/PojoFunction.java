package dev.fieldgate.local.testfunction;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@code RequestHandler<I, O>} with Lambda's POJO serialization: the event arrives as a map, the map goes back. */
public final class PojoFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) event.get("info");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("field", info == null ? null : info.get("fieldName"));
        data.put("requestId", context.getAwsRequestId());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("data", data);
        return envelope;
    }
}
