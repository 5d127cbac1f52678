package dev.fieldgate.samples.directory;

import dev.fieldgate.resolvers.ValidationException;
import java.util.List;

/**
 * The directory API's types, one record each, as the schema names them. {@code User} is both what
 * {@code listUsers} returns and what the {@code User} table stores: its key comes from the schema's {@code @table}.
 */
public final class Directory {

    private Directory() {}

    /** The GraphQL {@code User}. */
    public record User(String userId, String firstname, String lastname, String picture) {}

    /** The GraphQL {@code UserConnection}: one page of the directory. */
    public record UserConnection(List<User> items, String nextToken) {}

    /** {@code listUsers}' arguments: 10 people a page unless the client asks for another number up to 100. */
    public record ListArgs(Integer limit, String nextToken) {
        public ListArgs {
            limit = limit == null ? 10 : limit;
            if (limit < 1 || limit > 100) {
                throw new ValidationException("Argument 'limit' must be between 1 and 100");
            }
        }
    }
}
