package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import java.time.Duration;
import java.time.Instant;

/**
 * Locking a user out after repeated wrong passwords: a few free attempts, then a lock that doubles with each
 * further failure. The count and the lock are on the user record, so they survive a restart.
 */
final class Lockout {

    private static final int FREE_FAILED_SIGN_INS = 5;
    private static final Duration MAX_LOCKOUT = Duration.ofMinutes(15);

    private final PoolContext pool;

    Lockout(PoolContext pool) {
        this.pool = pool;
    }

    void checkNotLocked(UserRecord user, long nowMillis) {
        if (user.lockedUntilMillis > nowMillis) {
            throw CognitoErrors.notAuthorized("Password attempts exceeded");
        }
    }

    /** Counts a failed sign-in; the lock it may start lasts at most {@link #MAX_LOCKOUT}. */
    void recordFailedSignIn(UserRecord user, Instant now) {
        user.failedSignIns++;
        if (user.failedSignIns >= FREE_FAILED_SIGN_INS) {
            long seconds = 1L << Math.min(20, user.failedSignIns - FREE_FAILED_SIGN_INS);
            Duration lock = Duration.ofSeconds(seconds);
            user.lockedUntilMillis = now.plus(lock.compareTo(MAX_LOCKOUT) > 0 ? MAX_LOCKOUT : lock)
                    .toEpochMilli();
        }
    }

    /** Counts a wrong previous password in ChangePassword: the same count and the same capped lock as sign-in. */
    void recordFailedPasswordChange(UserRecord user) {
        recordFailedSignIn(user, pool.clock.instant());
    }

    /** Forgets failures and any lock; returns whether there was anything to forget. */
    boolean clear(UserRecord user) {
        boolean had = user.failedSignIns != 0 || user.lockedUntilMillis != 0;
        user.failedSignIns = 0;
        user.lockedUntilMillis = 0;
        return had;
    }

    /** Forgets the failures but leaves the (expired) lock time, as a successful ChangePassword always did. */
    void clearFailures(UserRecord user) {
        user.failedSignIns = 0;
    }
}
