package dev.fieldgate.resolvers.dynamodb;

import java.util.List;

/**
 * One page of records and the token for the next one ({@code null} on the last page), as a GraphQL connection
 * returns them.
 */
public record Page<T>(List<T> items, String nextToken) {

    public Page {
        items = List.copyOf(items);
    }
}
