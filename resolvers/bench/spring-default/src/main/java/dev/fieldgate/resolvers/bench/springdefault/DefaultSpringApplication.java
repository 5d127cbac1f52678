package dev.fieldgate.resolvers.bench.springdefault;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A Spring Cloud Function app as the Spring and AWS guides show it: {@code @SpringBootApplication} with Spring
 * Boot's defaults, one {@code @Bean} function per field, run by the AWS adapter's {@code FunctionInvoker} (the
 * function is picked with {@code spring.cloud.function.definition}). The DynamoDB client is lazy, as in the pins
 * function, so every variant pays for it only when an event needs it.
 */
@SpringBootApplication
public class DefaultSpringApplication {

    public static void main(String[] args) {
        SpringApplication.run(DefaultSpringApplication.class, args);
    }

    @Bean
    @Lazy
    public DynamoDbClient dynamoDbClient(Environment environment) {
        return DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(environment.getProperty("FIELDGATE_DYNAMODB_ENDPOINT", "")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .build();
    }

    /** Pin.ownerContact, a BatchInvoke: the list of events in, the list of envelopes out. */
    @Bean
    public Function<List<Map<String, Object>>, List<Map<String, Object>>> ownerContact() {
        return events -> {
            List<Map<String, Object>> envelopes = new ArrayList<>();
            for (Map<String, Object> event : events) {
                Map<?, ?> identity = (Map<?, ?>) event.get("identity");
                Map<?, ?> source = (Map<?, ?>) event.get("source");
                Object groups = identity == null ? null : identity.get("groups");
                boolean admin = groups instanceof List<?> list && list.contains("Admins");
                Object sub = identity == null ? null : identity.get("sub");
                if (sub != null && (sub.equals(source.get("owner")) || admin)) {
                    envelopes.add(data(source.get("ownerContact")));
                } else {
                    envelopes.add(error("Unauthorized", "Not Authorized to access ownerContact on type Pin"));
                }
            }
            return envelopes;
        };
    }

    /** Query.getPin: one event in, one envelope out. */
    @Bean
    public Function<Map<String, Object>, Map<String, Object>> getPin(
            ObjectProvider<DynamoDbClient> dynamoDb, Environment environment) {
        return event -> {
            Map<?, ?> identity = (Map<?, ?>) event.get("identity");
            if (identity == null || identity.get("sub") == null) {
                return error("Unauthorized", "Not Authorized to access getPin on type Query");
            }
            Object id = ((Map<?, ?>) event.get("arguments")).get("id");
            Map<String, AttributeValue> item = dynamoDb.getObject()
                    .getItem(r -> r.tableName(environment.getProperty("FIELDGATE_TABLE_PREFIX", "") + "Pin")
                            .key(Map.of("id", AttributeValue.fromS(String.valueOf(id)))))
                    .item();
            if (item == null || item.isEmpty()) {
                return data(null);
            }
            Map<String, Object> pin = new LinkedHashMap<>();
            item.forEach((name, value) -> pin.put(name, value.s()));
            return data(pin);
        };
    }

    private static Map<String, Object> data(Object value) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("data", value);
        return envelope;
    }

    private static Map<String, Object> error(String type, String message) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("data", null);
        envelope.put("errorType", type);
        envelope.put("errorMessage", message);
        envelope.put("errorInfo", null);
        return envelope;
    }
}
