package dev.fieldgate.sdk.storage;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param items     the objects of this page, in key order
 * @param nextToken the token that asks for the next page; null on the last page
 */
public record StoragePage(List<StorageItem> items, String nextToken) {

    public StoragePage {
        items = List.copyOf(items);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextToken);
    }
}
