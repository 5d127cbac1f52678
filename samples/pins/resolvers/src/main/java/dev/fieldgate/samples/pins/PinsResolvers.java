package dev.fieldgate.samples.pins;

import dev.fieldgate.resolvers.AppSyncError;
import dev.fieldgate.resolvers.ErrorTypes;
import dev.fieldgate.resolvers.Router;
import dev.fieldgate.resolvers.dynamodb.Page;
import dev.fieldgate.samples.pins.Inputs.CreatePinArgs;
import dev.fieldgate.samples.pins.Inputs.IdArgs;
import dev.fieldgate.samples.pins.Inputs.ListPinsArgs;
import dev.fieldgate.samples.pins.Inputs.OwnerArgs;
import dev.fieldgate.samples.pins.Inputs.SaveProfileArgs;
import dev.fieldgate.samples.pins.Inputs.UpdatePinArgs;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
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
 * answers {@code Pin.ownerContact} itself. The handlers only read and write.
 */
public final class PinsResolvers {

    private static final Logger LOG = LoggerFactory.getLogger(PinsResolvers.class);
    private static final PinMapper MAP = PinMapper.INSTANCE;

    private PinsResolvers() {
    }

    public static Router router(PinsStore store, Clock clock) {
        return Router.create()
                .query("getPin", IdArgs.class, (args, ctx) ->
                        store.pins().get(key(args.id())).map(MAP::toPin).orElse(null))
                .query("listPins", ListPinsArgs.class, (args, ctx) -> {
                    Page<PinItem> page = store.pins().scan(args.limit(), args.nextToken());
                    List<Pin> pins = new ArrayList<>(page.items().size());
                    page.items().forEach(item -> pins.add(MAP.toPin(item)));
                    // Newest first within the page; a global order needs an index the schema does not declare.
                    pins.sort(Comparator.comparing(Pin::createdAt, Comparator.nullsLast(Comparator.reverseOrder())));
                    return new PinConnection(pins, page.nextToken());
                })
                .query("getProfile", OwnerArgs.class, (args, ctx) ->
                        store.profiles().get(key(args.owner())).map(MAP::toProfile).orElse(null))
                .mutation("createPin", CreatePinArgs.class, (args, ctx) -> MAP.toPin(store.pins().create(ctx,
                        MAP.newPin(args.input(), UUID.randomUUID().toString(), now(clock)))))
                .mutation("updatePin", UpdatePinArgs.class, (args, ctx) -> MAP.toPin(store.pins().update(ctx,
                        MAP.changes(args.input(), now(clock)))))
                .mutation("deletePin", IdArgs.class, (args, ctx) ->
                        MAP.toPin(store.pins().delete(ctx, key(args.id()))))
                .mutation("createProfile", SaveProfileArgs.class, (args, ctx) ->
                        MAP.toProfile(store.profiles().create(ctx, MAP.newProfile(args.input()))))
                .mutation("updateProfile", SaveProfileArgs.class, (args, ctx) ->
                        // A profile is keyed by its owner: the caller's own, never one the client names.
                        MAP.toProfile(store.profiles().update(ctx,
                                MAP.profileChanges(args.input(), ctx.principal().sub()))))
                .batchResolver("Pin", "author", Pin.class, (pins, batch) -> {
                    List<Key> owners = pins.stream().map(pin -> pin.owner() == null ? null : key(pin.owner()))
                            .toList();
                    return store.profileLoader().load(owners).stream()
                            .map(item -> item == null ? null : MAP.toProfile(item)).toList();
                })
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
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
