package dev.fieldgate.sdk.it;

import dev.fieldgate.sdk.GraphQLOperation;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The pins operations the SDK's local-stack tests run, written by hand. */
final class PinsApi {

    /** A pin's public fields. */
    public static final class Pin {
        public String id;
        public String title;
        public URI imageUrl;
        public String owner;
        public OffsetDateTime createdAt;
    }

    /** A page of pins. */
    public static final class PinPage {
        public List<Pin> items;
        public String nextToken;
    }

    private PinsApi() {}

    static GraphQLOperation<PinPage> listPins(int limit) {
        return GraphQLOperation.query(
                        "query ListPins($limit: Int) { listPins(limit: $limit) { items { id title imageUrl owner "
                                + "createdAt } nextToken } }",
                        "listPins",
                        PinPage.class)
                .withVariable("limit", limit);
    }

    static GraphQLOperation<Pin> getPin(String id) {
        return GraphQLOperation.query(
                        "query GetPin($id: ID!) { getPin(id: $id) { id title imageUrl owner createdAt } }",
                        "getPin",
                        Pin.class)
                .withVariable("id", id);
    }

    static GraphQLOperation<Pin> createPin(String title) {
        return GraphQLOperation.mutation(
                        "mutation CreatePin($input: CreatePinInput!) { createPin(input: $input) { id title imageUrl "
                                + "owner createdAt } }",
                        "createPin",
                        Pin.class)
                .withVariable("input", Map.of("title", title, "imageUrl", "https://images.example.com/" + title));
    }

    static GraphQLOperation<Pin> onCreatePin() {
        return GraphQLOperation.subscription(
                "subscription OnCreatePin { onCreatePin { id title owner createdAt } }", "onCreatePin", Pin.class);
    }
}
