package dev.fieldgate.verify.internal;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A remote read made at most once and shared by the checks that need it: the first check to ask makes the call;
 * later ones get the same value, or the same failure.
 */
public final class Lookup<T> {

    private final Supplier<T> call;
    private boolean done;
    private T value;
    private RuntimeException failure;

    public Lookup(Supplier<T> call) {
        this.call = call;
    }

    /** The value; rethrows the call's failure, so the asking check reports it. */
    public synchronized T get() {
        if (!done) {
            try {
                value = call.get();
            } catch (RuntimeException e) {
                failure = e;
            }
            done = true;
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    /** The value, or empty when the call failed (the check that owns the call reports why). */
    public Optional<T> find() {
        try {
            return Optional.ofNullable(get());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
