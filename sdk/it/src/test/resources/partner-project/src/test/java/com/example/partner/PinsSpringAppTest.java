package com.example.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.example.partner.api.PinsOperations;
import com.example.partner.api.types.CreatePinInput;
import com.example.partner.api.types.Pin;
import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateClient;
import dev.fieldgate.sdk.SubscriptionPublisher;
import dev.fieldgate.sdk.auth.CognitoUserPoolAuth;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.client.HttpSyncGraphQlClient;

/** The same with the Spring Boot starter: beans from fieldgate.* properties. */
class PinsSpringAppTest {

    @Test
    void theStartersBeansSignInQueryMutateAndSubscribe() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PinsSpringApp.class)
                .web(WebApplicationType.NONE)
                .properties("fieldgate.outputs-file=" + System.getProperty("fieldgate.outputs"))
                .run()) {
            CognitoUserPoolAuth auth = app.getBean(CognitoUserPoolAuth.class);
            auth.signIn(System.getProperty("partner.username"), System.getProperty("partner.password"));
            FieldgateClient client = app.getBean(FieldgateClient.class); // guest by default

            Events events = new Events();
            SubscriptionPublisher<Pin> newPins = client.publisher(PinsOperations.onCreatePin());
            newPins.subscribe(events);
            newPins.started().get(30, TimeUnit.SECONDS);

            CreatePinInput input = new CreatePinInput();
            input.setTitle("spoonbill");
            input.setImageUrl(URI.create("https://images.example.com/spoonbill"));
            Pin pin = client.execute(PinsOperations.createPin(input), o -> o.authorizer(AppSyncAuthorizer.userPool(auth)))
                    .data();
            assertEquals(auth.currentSession().sub(), pin.getOwner());
            assertEquals("spoonbill", events.next());
            events.cancel();

            assertFalse(client.execute(PinsOperations.listPins(5)).data().getItems().isEmpty());
            List<Map<String, Object>> viaSpringGraphQl = app.getBean(HttpSyncGraphQlClient.class)
                    .document("{ listPins(limit: 5) { items { id title } } }")
                    .retrieveSync("listPins.items")
                    .toEntityList(mapType());
            assertFalse(viaSpringGraphQl.isEmpty());
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<Map<String, Object>> mapType() {
        return (Class<Map<String, Object>>) (Class<?>) Map.class;
    }
}
