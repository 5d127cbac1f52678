package dev.fieldgate.local.cognito.internal.userpool;

import dev.fieldgate.local.cognito.internal.userpool.PoolState.UserRecord;
import dev.fieldgate.local.cognito.internal.userpool.UserPool.ClientRuntime;
import dev.fieldgate.local.core.internal.awsjson.AwsServiceException;
import dev.fieldgate.sdk.srp.SrpVerifier;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stand-ins for names no user has, for app clients that prevent user existence errors. A stand-in is a confirmed,
 * enabled user record that is not in the directory: it goes through the same sign-in and code steps as a user
 * (the password or SRP work against a made-up verifier, the count of failures and the lockout, the limit of code
 * requests and code attempts) and never succeeds, so neither an answer nor its delay tells a name that is taken
 * from one that is free. Its SRP id, salt and verifier derive from the name and a per-pool secret, so repeated
 * attempts see the same id and salt, as they would for a user.
 *
 * <p>Stand-ins live in memory only (a restart forgets their failures), at most {@value #MAX_STAND_INS}; the least
 * recently used is dropped first.
 */
final class StandInUsers {

    private static final int MAX_STAND_INS = 10_000;
    /** One byte shorter than the SRP group's 3072-bit prime, so every made-up verifier lies below it. */
    private static final int VERIFIER_BYTES = 383;

    private final PoolContext pool;
    private final UserDirectory users;
    /** By lower-cased name, in access order (the least recently used first). */
    private final Map<String, UserRecord> byName = new LinkedHashMap<>(16, 0.75f, true);

    StandInUsers(PoolContext pool, UserDirectory users) {
        this.pool = pool;
        this.users = users;
    }

    /**
     * The user with this name or alias; for a name no user has, its stand-in when the client prevents user existence
     * errors, else the error {@code notFound} gives.
     */
    UserRecord resolve(ClientRuntime client, String signInName, Supplier<AwsServiceException> notFound) {
        UserRecord user = users.find(signInName).orElse(null);
        if (user != null) {
            return user;
        }
        if (signInName == null || !client.config().preventUserExistenceErrors()) {
            throw notFound.get();
        }
        return forName(signInName);
    }

    /** Whether the record is a stand-in rather than a user of the directory. */
    boolean isStandIn(UserRecord user) {
        return !users.holds(user);
    }

    /**
     * The verifier a password or SRP proof is checked against: the user's own, or for a user without a password a
     * made-up one (stable for the username), so the check costs the same and cannot succeed.
     */
    SrpVerifier verifierToCheck(UserRecord user) {
        return user.verifierHex != null ? Passwords.verifier(user) : madeUpVerifier("user:" + user.username);
    }

    private UserRecord forName(String signInName) {
        String name = signInName.toLowerCase(Locale.ROOT);
        UserRecord standIn = byName.get(name);
        if (standIn == null) {
            standIn = create(name);
            byName.put(name, standIn);
            if (byName.size() > MAX_STAND_INS) {
                Iterator<UserRecord> oldest = byName.values().iterator();
                oldest.next();
                oldest.remove();
            }
        }
        return standIn;
    }

    private UserRecord create(String name) {
        UserRecord standIn = new UserRecord();
        standIn.username = uuid(derive("id:" + name, 16));
        standIn.sub = standIn.username;
        standIn.status = UserStatus.CONFIRMED;
        SrpVerifier verifier = madeUpVerifier("name:" + name);
        standIn.saltHex = verifier.saltHex();
        standIn.verifierHex = verifier.verifierHex();
        // Where its codes seem to go: the name itself when it is an address, as for the users of email and phone
        // pools; else a made-up address, stable for the name.
        if (AttributeRules.PHONE.matcher(name).matches()) {
            standIn.attributes.put("phone_number", name);
            standIn.attributes.put("phone_number_verified", "true");
        } else {
            byte[] letters = derive("address:" + name, 2);
            String address = AttributeRules.EMAIL.matcher(name).matches()
                    ? name
                    : letter(letters[0]) + "@" + letter(letters[1]) + ".com";
            standIn.attributes.put("email", address);
            standIn.attributes.put("email_verified", "true");
        }
        return standIn;
    }

    /** A salt and verifier nobody knows a password for, the same every time for the same label. */
    private SrpVerifier madeUpVerifier(String label) {
        // Printed as the SDK prints a real salt (no leading zeros), so the salt's form does not tell them apart.
        BigInteger salt = new BigInteger(1, derive("salt:" + label, 16)).max(BigInteger.ONE);
        BigInteger verifier = new BigInteger(1, derive("verifier:" + label, VERIFIER_BYTES)).max(BigInteger.ONE);
        return new SrpVerifier(salt.toString(16), verifier.toString(16));
    }

    /** {@code length} bytes from HMAC-SHA256 under the pool's secret, in counter mode. */
    private byte[] derive(String label, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(pool.state.fakeUserSecret), "HmacSHA256"));
            ByteArrayOutputStream out = new ByteArrayOutputStream(length + 32);
            for (int block = 0; out.size() < length; block++) {
                mac.update(ByteBuffer.allocate(4).putInt(block).array());
                out.writeBytes(mac.doFinal(label.getBytes(StandardCharsets.UTF_8)));
            }
            return Arrays.copyOf(out.toByteArray(), length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** A version-4-shaped UUID, as Cognito's usernames are. */
    private static String uuid(byte[] bytes) {
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    private static char letter(byte b) {
        return (char) ('a' + Math.floorMod(b, 26));
    }
}
