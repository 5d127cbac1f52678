package dev.fieldgate.samples.pins;

import dev.fieldgate.resolvers.AppSyncError;
import dev.fieldgate.resolvers.ErrorTypes;
import dev.fieldgate.resolvers.Router;
import dev.fieldgate.resolvers.dynamodb.Page;
import dev.fieldgate.samples.pins.model.CreatePinArgs;
import dev.fieldgate.samples.pins.model.CreatePinInput;
import dev.fieldgate.samples.pins.model.CreateProfileArgs;
import dev.fieldgate.samples.pins.model.DeletePinArgs;
import dev.fieldgate.samples.pins.model.GetPinArgs;
import dev.fieldgate.samples.pins.model.GetProfileArgs;
import dev.fieldgate.samples.pins.model.ListPinsArgs;
import dev.fieldgate.samples.pins.model.Pin;
import dev.fieldgate.samples.pins.model.PinConnection;
import dev.fieldgate.samples.pins.model.Profile;
import dev.fieldgate.samples.pins.model.SaveProfileInput;
import dev.fieldgate.samples.pins.model.UpdatePinArgs;
import dev.fieldgate.samples.pins.model.UpdatePinInput;
import dev.fieldgate.samples.pins.model.UpdateProfileArgs;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;

/**
 * The pins resolvers. Who may call what is not here: the runtime checks the schema's rules before each handler
 * runs, hands creates the owner to stamp and owner-only writes the condition to put on the stored record, and
 * answers {@code Pin.ownerContact} itself. The handlers only read and write. The records ({@code Pin}, the inputs,
 * each field's arguments) are generated from the schema by the Maven plugin's {@code generate-model} goal; {@code Pin}
 * and {@code Profile} are also the items their tables store. {@link Checks} checks what the schema cannot say.
 */
public final class PinsResolvers {

    /**
     * AWSDateTime with exactly three fraction digits: sort keys compare as text, and Instant's own text drops the
     * fraction at a whole second ("…:49Z" would sort before "…:49.005Z").
     */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private static final Logger LOG = LoggerFactory.getLogger(PinsResolvers.class);

    private PinsResolvers() {
    }

    public static Router router(PinsStore store, Clock clock) {
        return Router.create()
                .query("getPin", GetPinArgs.class, (args, ctx) ->
                        store.pins().get(key(Checks.id(args.id(), "id"))).orElse(null))
                .query("listPins", ListPinsArgs.class, (args, ctx) -> {
                    Page<Pin> page = store.pins().scan(Checks.limit(args.limit()), args.nextToken());
                    List<Pin> pins = new ArrayList<>(page.items());
                    // Newest first within the page; a global order needs an index the schema does not declare.
                    pins.sort(Comparator.comparing(Pin::createdAt, Comparator.nullsLast(Comparator.reverseOrder())));
                    return new PinConnection(pins, page.nextToken());
                })
                .query("getProfile", GetProfileArgs.class, (args, ctx) ->
                        store.profiles().get(key(Checks.owner(args.owner()))).orElse(null))
                .mutation("createPin", CreatePinArgs.class, (args, ctx) -> {
                    CreatePinInput in = Checks.checked(args.input());
                    String now = now(clock);
                    return store.pins().create(ctx, new Pin(UUID.randomUUID().toString(), in.title(),
                            in.description(), in.imageUrl(), null, in.ownerContact(), null, now, now));
                })
                .mutation("updatePin", UpdatePinArgs.class, (args, ctx) -> {
                    UpdatePinInput in = Checks.checked(args.input());
                    return store.pins().update(ctx, new Pin(in.id(), in.title(), in.description(), in.imageUrl(),
                            null, in.ownerContact(), null, null, now(clock)));
                })
                .mutation("deletePin", DeletePinArgs.class, (args, ctx) ->
                        store.pins().delete(ctx, key(Checks.id(args.id(), "id"))))
                .mutation("createProfile", CreateProfileArgs.class, (args, ctx) -> {
                    SaveProfileInput in = Checks.checked(args.input());
                    return store.profiles().create(ctx, new Profile(null, in.displayName(), in.avatarUrl()));
                })
                .mutation("updateProfile", UpdateProfileArgs.class, (args, ctx) -> {
                    SaveProfileInput in = Checks.checked(args.input());
                    // A profile is keyed by its owner: the caller's own, never one the client names.
                    return store.profiles().update(ctx,
                            new Profile(ctx.principal().sub(), in.displayName(), in.avatarUrl()));
                })
                .batchResolver("Pin", "author", Pin.class, (pins, batch) -> store.profileLoader().load(pins.stream()
                        .map(pin -> pin.owner() == null ? null : key(pin.owner()))
                        .toList()))
                .subscription("onCreatePin")
                .subscription("onDeletePin")
                .exceptionHandler(SdkClientException.class, (e, ctx) -> unavailable(e, ctx.requestId()))
                .exceptionHandler(ProvisionedThroughputExceededException.class,
                        (e, ctx) -> unavailable(e, ctx.requestId()))
                .exceptionHandler(RequestLimitExceededException.class, (e, ctx) -> unavailable(e, ctx.requestId()));
    }

    private static AppSyncError unavailable(Exception e, String requestId) {
        LOG.warn("DynamoDB is unavailable (request {})", requestId, e);
        return AppSyncError.of(ErrorTypes.UNAVAILABLE, "The pins store is busy or unreachable; try again");
    }

    private static Key key(String value) {
        return Key.builder().partitionValue(value).build();
    }

    private static String now(Clock clock) {
        return TIMESTAMP.format(clock.instant());
    }
}
