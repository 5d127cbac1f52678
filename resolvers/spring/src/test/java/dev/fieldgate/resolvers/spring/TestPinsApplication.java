package dev.fieldgate.resolvers.spring;

import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.resolvers.AppSyncResolver;
import dev.fieldgate.resolvers.Router;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/** A start class as an app writes it: functional registration of a resolver over the pins schema. */
public final class TestPinsApplication implements ApplicationContextInitializer<GenericApplicationContext> {

    static final AtomicInteger PRIMED = new AtomicInteger();

    record CreatePinInput(String title, String owner) {}

    @Override
    public void initialize(GenericApplicationContext context) {
        AppSyncFunctions.register(
                context,
                () -> AppSyncResolver.builder()
                        .manifest(SchemaCompiler.create()
                                .compile(Path.of("../../samples/pins/schema.graphql"))
                                .manifest())
                        .include(Router.create()
                                .query(
                                        "getPin",
                                        ctx -> Map.of("id", ctx.arguments().get("id"), "requestId", ctx.requestId()))
                                .mutation("createPin", ctx -> {
                                    CreatePinInput input = ctx.argument("input", CreatePinInput.class);
                                    return Map.of(
                                            "id",
                                            "new",
                                            "title",
                                            input.title(),
                                            "owner",
                                            ctx.ownership().stamp().get("owner"),
                                            "clientOwner",
                                            String.valueOf(input.owner()));
                                })
                                .batchResolver(
                                        "Pin",
                                        "author",
                                        batch -> batch.stream()
                                                .map(item -> Map.of(
                                                        "owner", item.source().get("owner")))
                                                .toList()))
                        .build(),
                List.of(PRIMED::incrementAndGet));
    }
}
