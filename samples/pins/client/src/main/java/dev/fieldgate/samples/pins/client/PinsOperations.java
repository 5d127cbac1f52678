package dev.fieldgate.samples.pins.client;

import dev.fieldgate.samples.pins.client.generated.client.CreatePinGraphQLQuery;
import dev.fieldgate.samples.pins.client.generated.client.CreatePinProjectionRoot;
import dev.fieldgate.samples.pins.client.generated.client.DeletePinGraphQLQuery;
import dev.fieldgate.samples.pins.client.generated.client.DeletePinProjectionRoot;
import dev.fieldgate.samples.pins.client.generated.client.GetPinGraphQLQuery;
import dev.fieldgate.samples.pins.client.generated.client.GetPinProjectionRoot;
import dev.fieldgate.samples.pins.client.generated.client.ListPinsGraphQLQuery;
import dev.fieldgate.samples.pins.client.generated.client.ListPinsProjectionRoot;
import dev.fieldgate.samples.pins.client.generated.client.OnCreatePinGraphQLQuery;
import dev.fieldgate.samples.pins.client.generated.client.OnCreatePinProjectionRoot;
import dev.fieldgate.samples.pins.client.generated.client.CreateProfileGraphQLQuery;
import dev.fieldgate.samples.pins.client.generated.client.CreateProfileProjectionRoot;
import dev.fieldgate.samples.pins.client.generated.client.GetProfileGraphQLQuery;
import dev.fieldgate.samples.pins.client.generated.client.GetProfileProjectionRoot;
import dev.fieldgate.samples.pins.client.generated.client.OnDeletePinGraphQLQuery;
import dev.fieldgate.samples.pins.client.generated.client.OnDeletePinProjectionRoot;
import dev.fieldgate.samples.pins.client.generated.client.UpdatePinGraphQLQuery;
import dev.fieldgate.samples.pins.client.generated.client.UpdateProfileGraphQLQuery;
import dev.fieldgate.samples.pins.client.generated.client.UpdateProfileProjectionRoot;
import dev.fieldgate.samples.pins.client.generated.client.UpdatePinProjectionRoot;
import dev.fieldgate.samples.pins.client.generated.types.CreatePinInput;
import dev.fieldgate.samples.pins.client.generated.types.Pin;
import dev.fieldgate.samples.pins.client.generated.types.PinConnection;
import dev.fieldgate.samples.pins.client.generated.types.Profile;
import dev.fieldgate.samples.pins.client.generated.types.SaveProfileInput;
import dev.fieldgate.samples.pins.client.generated.types.UpdatePinInput;
import dev.fieldgate.sdk.GraphQLOperation;
import dev.fieldgate.sdk.codegen.DgsOperations;

/**
 * The pins API's operations, typed: each pairs a query class and a projection generated from the deployable schema
 * with the generated result type. Select only fields the caller may read — a guest selecting {@code ownerContact}
 * gets the pin with that field null and an {@code Unauthorized} error beside it.
 */
public final class PinsOperations {

    private PinsOperations() {
    }

    /** The newest pins, public fields only (what guests and every user may read). */
    public static GraphQLOperation<PinConnection> listPins(int limit) {
        return DgsOperations.of(ListPinsGraphQLQuery.newRequest().limit(limit).build(),
                new ListPinsProjectionRoot<>().items().id().title().description().imageUrl().owner().createdAt()
                        .updatedAt().getParent().nextToken(),
                PinConnection.class);
    }

    /** One pin, public fields only. */
    public static GraphQLOperation<Pin> getPin(String id) {
        return DgsOperations.of(GetPinGraphQLQuery.newRequest().id(id).build(),
                new GetPinProjectionRoot<>().id().title().description().imageUrl().owner().createdAt().updatedAt(),
                Pin.class);
    }

    /** One pin with its owner's contact address, which only the owner and Admins may read. */
    public static GraphQLOperation<Pin> getPinWithContact(String id) {
        return DgsOperations.of(GetPinGraphQLQuery.newRequest().id(id).build(),
                new GetPinProjectionRoot<>().id().title().owner().ownerContact(), Pin.class);
    }

    public static GraphQLOperation<Pin> createPin(CreatePinInput input) {
        return DgsOperations.of(CreatePinGraphQLQuery.newRequest().input(input).build(),
                new CreatePinProjectionRoot<>().id().title().description().imageUrl().owner().ownerContact()
                        .createdAt().updatedAt(),
                Pin.class);
    }

    public static GraphQLOperation<Pin> updatePin(UpdatePinInput input) {
        return DgsOperations.of(UpdatePinGraphQLQuery.newRequest().input(input).build(),
                new UpdatePinProjectionRoot<>().id().title().updatedAt(), Pin.class);
    }

    public static GraphQLOperation<Pin> deletePin(String id) {
        return DgsOperations.of(DeletePinGraphQLQuery.newRequest().id(id).build(),
                new DeletePinProjectionRoot<>().id().title(), Pin.class);
    }

    /** New pins as they are created. */
    public static GraphQLOperation<Pin> onCreatePin() {
        return DgsOperations.of(OnCreatePinGraphQLQuery.newRequest().build(),
                new OnCreatePinProjectionRoot<>().id().title().owner().createdAt(), Pin.class);
    }

    /**
     * New pins with their owner's contact address selected: it always arrives null, since guests and every
     * signed-in user may listen and only the owner and the Admins may read it; query the pin to read it.
     */
    public static GraphQLOperation<Pin> onCreatePinWithContact() {
        return DgsOperations.of(OnCreatePinGraphQLQuery.newRequest().build(),
                new OnCreatePinProjectionRoot<>().id().title().owner().ownerContact(), Pin.class);
    }

    /** Deleted pins as they are deleted. */
    public static GraphQLOperation<Pin> onDeletePin() {
        return DgsOperations.of(OnDeletePinGraphQLQuery.newRequest().build(),
                new OnDeletePinProjectionRoot<>().id().title(), Pin.class);
    }

    public static GraphQLOperation<Profile> getProfile(String owner) {
        return DgsOperations.of(GetProfileGraphQLQuery.newRequest().owner(owner).build(),
                new GetProfileProjectionRoot<>().owner().displayName().avatarUrl(), Profile.class);
    }

    /** Creates the caller's own profile (the resolver keys it by the caller's sub). */
    public static GraphQLOperation<Profile> createProfile(SaveProfileInput input) {
        return DgsOperations.of(CreateProfileGraphQLQuery.newRequest().input(input).build(),
                new CreateProfileProjectionRoot<>().owner().displayName(), Profile.class);
    }

    public static GraphQLOperation<Profile> updateProfile(SaveProfileInput input) {
        return DgsOperations.of(UpdateProfileGraphQLQuery.newRequest().input(input).build(),
                new UpdateProfileProjectionRoot<>().owner().displayName(), Profile.class);
    }
}
