package com.example.partner;

import com.example.partner.api.PinsOperations;
import com.example.partner.api.types.CreatePinInput;
import com.example.partner.api.types.Pin;
import com.example.partner.api.types.PinConnection;
import dev.fieldgate.sdk.AppSyncAuthorizer;
import dev.fieldgate.sdk.FieldgateAsyncClient;
import dev.fieldgate.sdk.FieldgateClient;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.GraphQLResponse;
import dev.fieldgate.sdk.SubscriptionPublisher;
import dev.fieldgate.sdk.auth.CognitoUserPoolAuth;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** A partner app on the SDK: guests browse, a signed-in user pins, everyone hears about new pins. */
public final class PinsBoard implements AutoCloseable {

    private final CognitoUserPoolAuth auth;
    private final IdentityPoolCredentialsProvider guest;
    private final FieldgateClient client;
    private final FieldgateAsyncClient async;

    public PinsBoard(Path outputsFile) {
        FieldgateConfig config = FieldgateConfig.fromOutputsFile(outputsFile);
        auth = CognitoUserPoolAuth.builder().config(config).build();
        guest = IdentityPoolCredentialsProvider.builder().config(config).guest().build();
        client = FieldgateClient.builder().config(config).authorizer(AppSyncAuthorizer.iam(guest)).build();
        async = FieldgateAsyncClient.builder().config(config).authorizer(AppSyncAuthorizer.iam(guest)).build();
    }

    public void signIn(String username, String password) {
        auth.signIn(username, password);
    }

    /** As a guest. */
    public PinConnection newestPins(int limit) {
        return client.execute(PinsOperations.listPins(limit)).data();
    }

    /** As a guest, without blocking. */
    public CompletableFuture<PinConnection> newestPinsAsync(int limit) {
        return async.execute(PinsOperations.listPins(limit)).thenApply(GraphQLResponse::data);
    }

    /** As the signed-in user. */
    public Pin pin(String title) {
        return client.execute(PinsOperations.createPin(input(title)), o -> o.authorizer(AppSyncAuthorizer.userPool(auth)))
                .data();
    }

    /** As the signed-in user, without blocking. */
    public CompletableFuture<Pin> pinAsync(String title) {
        return async.execute(PinsOperations.createPin(input(title)), o -> o.authorizer(AppSyncAuthorizer.userPool(auth)))
                .thenApply(GraphQLResponse::data);
    }

    /** New pins as a Flow.Publisher, as a guest. */
    public SubscriptionPublisher<Pin> newPins() {
        return async.publisher(PinsOperations.onCreatePin());
    }

    public FieldgateClient client() {
        return client;
    }

    public String userSub() {
        return auth.currentSession().sub();
    }

    private static CreatePinInput input(String title) {
        CreatePinInput input = new CreatePinInput();
        input.setTitle(title);
        input.setImageUrl(URI.create("https://images.example.com/" + title));
        return input;
    }

    @Override
    public void close() {
        async.close();
        client.close();
        guest.close();
        auth.close();
    }
}
