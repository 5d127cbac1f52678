package dev.fieldgate.samples.directory;

import dev.fieldgate.resolvers.Router;
import dev.fieldgate.resolvers.dynamodb.OwnedTable;
import dev.fieldgate.resolvers.dynamodb.Page;
import dev.fieldgate.samples.directory.Directory.ListArgs;
import dev.fieldgate.samples.directory.Directory.User;
import dev.fieldgate.samples.directory.Directory.UserConnection;
import java.util.function.Supplier;

/**
 * The directory's one operation. Who may call it is not here: the schema's rules admit identity-pool guests and
 * signed-in users, the runtime checks them before the handler runs, and the identity pool's unauthenticated role is
 * granted {@code Query.listUsers} and the fields it returns, nothing else.
 */
public final class DirectoryResolvers {

    private DirectoryResolvers() {}

    public static Router router(Supplier<OwnedTable<User>> users) {
        return Router.create().query("listUsers", ListArgs.class, (args, ctx) -> {
            Page<User> page = users.get().scan(args.limit(), args.nextToken());
            return new UserConnection(page.items(), page.nextToken());
        });
    }
}
