package dev.fieldgate.resolvers.internal;

import dev.fieldgate.resolvers.AppSyncError;

/** One field's result before it is written: data, or an error. */
public record Outcome(Object data, AppSyncError error) {

    public static Outcome data(Object data) {
        return new Outcome(data, null);
    }

    public static Outcome error(AppSyncError error) {
        return new Outcome(null, error);
    }

    public boolean failed() {
        return error != null;
    }
}
