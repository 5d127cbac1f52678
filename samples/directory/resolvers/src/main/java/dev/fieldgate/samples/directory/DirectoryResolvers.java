package dev.fieldgate.samples.directory;

import dev.fieldgate.resolvers.Router;
import dev.fieldgate.resolvers.ValidationException;
import dev.fieldgate.resolvers.dynamodb.OwnedTable;
import dev.fieldgate.resolvers.dynamodb.Page;
import dev.fieldgate.samples.directory.model.ListUsersArgs;
import dev.fieldgate.samples.directory.model.User;
import dev.fieldgate.samples.directory.model.UserConnection;
import java.util.function.Supplier;

/**
 * The directory's one operation. Who may call it is not here: the schema's rules admit identity-pool guests and
 * signed-in users, the runtime checks them before the handler runs, and the identity pool's unauthenticated role is
 * granted {@code Query.listUsers} and the fields it returns, nothing else.
 *
 * <p>{@code User}, {@code UserConnection} and {@code ListUsersArgs} are generated from the schema by the Maven
 * plugin's {@code generate-model} goal; {@code User} is also the item the {@code User} table stores.
 */
public final class DirectoryResolvers {

    private DirectoryResolvers() {}

    public static Router router(Supplier<OwnedTable<User>> users) {
        return Router.create().query("listUsers", ListUsersArgs.class, (args, ctx) -> {
            Page<User> page = users.get().scan(limit(args.limit()), args.nextToken());
            return new UserConnection(page.items(), page.nextToken());
        });
    }

    /** 10 people a page unless the client asks for another number up to 100. */
    private static int limit(Integer limit) {
        if (limit != null && (limit < 1 || limit > 100)) {
            throw new ValidationException("Argument 'limit' must be between 1 and 100");
        }
        return limit == null ? 10 : limit;
    }
}
