package dev.fieldgate.local.cognito.internal.userpool;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a user pool persists (one document, written whole after each change under the pool's lock). Users are
 * keyed by the lower-cased username, because Cognito user names are case-insensitive by default. Passwords are
 * never stored: only SRP salts and verifiers, and only hashes of codes and refresh tokens.
 */
final class PoolState {

    String poolId;
    long createdMillis;
    /** Per-pool secret for simulated SRP challenges (PreventUserExistenceErrors), never sent to anyone. */
    String fakeUserSecret;

    Map<String, ClientRecord> clients = new LinkedHashMap<>();
    Map<String, UserRecord> users = new LinkedHashMap<>();
    Map<String, GroupRecord> groups = new LinkedHashMap<>();
    /**
     * Sign-in sessions by origin_jti: one per refresh token. Each is kept in a document of its own (see
     * {@link PoolContext#persistSession}), so a sign-in writes one small file however many sessions the pool has;
     * pool documents written before that held them here, and are still read.
     */
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    Map<String, SessionRecord> sessions = new LinkedHashMap<>();

    static final class ClientRecord {
        String name;
        String clientId;
        String clientSecret;
        long createdMillis;
    }

    static final class UserRecord {
        String username;
        String sub;
        LinkedHashMap<String, String> attributes = new LinkedHashMap<>();
        UserStatus status;
        boolean enabled = true;
        long createdMillis;
        long modifiedMillis;
        String saltHex;
        String verifierHex;
        long temporaryPasswordExpiresMillis;
        Set<String> groups = new LinkedHashSet<>();
        CodeRecord pendingCode;
        CodeRecord attributeCode;
        int failedSignIns;
        long lockedUntilMillis;
        List<Long> codeRequestsMillis = new ArrayList<>();
    }

    static final class CodeRecord {
        /** SIGN_UP, FORGOT_PASSWORD or the attribute name for attribute verification. */
        String purpose;

        String codeSha256;
        long expiresMillis;
        int failedAttempts;
    }

    static final class GroupRecord {
        String name;
        String description;
        Integer precedence;
        String roleArn;
        long createdMillis;
        long modifiedMillis;
    }

    static final class SessionRecord {
        String originJti;
        String eventId;
        String username;
        String clientId;
        String refreshTokenSha256;
        long authTimeSeconds;
        long createdMillis;
        long refreshExpiresMillis;
        boolean revoked;
        List<String> scopes = new ArrayList<>();
        boolean hostedUi;
    }
}
