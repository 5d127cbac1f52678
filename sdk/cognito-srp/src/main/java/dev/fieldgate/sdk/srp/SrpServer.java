package dev.fieldgate.sdk.srp;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The server half of Cognito's SRP: create a salt and verifier when a password is set, answer
 * {@code InitiateAuth(USER_SRP_AUTH)} with a {@link Challenge}, and check the password claim of
 * {@code RespondToAuthChallenge}. A server built on this never stores or sees the password during SRP sign-in.
 *
 * <p>Checking the claim's {@code TIMESTAMP} against the clock is the caller's job (see {@link SrpTimestamp#parse}).
 */
public final class SrpServer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String userPoolId;
    private final String poolName;
    private final SecureRandom random;

    private SrpServer(String userPoolId, SecureRandom random) {
        this.userPoolId = userPoolId;
        this.poolName = CognitoSrp.poolName(userPoolId);
        this.random = random;
    }

    /** A server for the given user pool id (the part after '_' enters every computation). */
    public static SrpServer forUserPool(String userPoolId) {
        return new SrpServer(userPoolId, RANDOM);
    }

    public static SrpServer forUserPool(String userPoolId, SecureRandom random) {
        return new SrpServer(userPoolId, Objects.requireNonNull(random, "random"));
    }

    public String userPoolId() {
        return userPoolId;
    }

    /** Creates a fresh 16-byte salt and the verifier for {@code password}. */
    public SrpVerifier createVerifier(String userIdForSrp, String password) {
        byte[] saltBytes = new byte[16];
        random.nextBytes(saltBytes);
        BigInteger salt = new BigInteger(1, saltBytes);
        if (salt.signum() == 0) {
            salt = BigInteger.ONE;
        }
        return createVerifier(userIdForSrp, password, salt);
    }

    SrpVerifier createVerifier(String userIdForSrp, String password, BigInteger salt) {
        Objects.requireNonNull(userIdForSrp, "userIdForSrp");
        Objects.requireNonNull(password, "password");
        BigInteger x = CognitoSrp.computeX(poolName, userIdForSrp, password, salt);
        BigInteger v = CognitoSrp.G.modPow(x, CognitoSrp.N);
        return new SrpVerifier(CognitoSrp.toHex(salt), CognitoSrp.toHex(v));
    }

    /**
     * Whether {@code password} produces {@code verifier}; for flows where the client sends the password itself
     * ({@code USER_PASSWORD_AUTH}). Compares in constant time.
     */
    public boolean passwordMatches(SrpVerifier verifier, String userIdForSrp, String password) {
        Objects.requireNonNull(verifier, "verifier");
        BigInteger x = CognitoSrp.computeX(poolName, userIdForSrp, password, verifier.salt());
        BigInteger candidate = CognitoSrp.G.modPow(x, CognitoSrp.N);
        return MessageDigest.isEqual(
                candidate.toByteArray(), verifier.verifier().toByteArray());
    }

    /**
     * Starts the {@code PASSWORD_VERIFIER} challenge for a client's {@code SRP_A}.
     *
     * @throws SrpException if {@code SRP_A} is malformed or zero modulo N (a client that sends that could sign in
     *                      without the password, so it is refused)
     */
    public Challenge challenge(SrpVerifier verifier, String userIdForSrp, String srpAHex) {
        Objects.requireNonNull(verifier, "verifier");
        Objects.requireNonNull(userIdForSrp, "userIdForSrp");
        BigInteger largeA = CognitoSrp.parsePositiveHex("SRP_A", srpAHex);
        if (largeA.mod(CognitoSrp.N).signum() == 0) {
            throw new SrpException("SRP_A is zero modulo N and was refused.");
        }
        BigInteger b;
        BigInteger largeB;
        do {
            // 256 random bits, the minimum RFC 5054 recommends; a longer exponent would only cost time.
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            b = new BigInteger(1, bytes);
            largeB = largeB(verifier.verifier(), b);
        } while (b.signum() == 0
                || largeB.signum() == 0
                || CognitoSrp.computeU(largeA, largeB).signum() == 0);
        return new Challenge(userIdForSrp, verifier, largeA, b, largeB);
    }

    /** Fixed ephemeral value, for test vectors only. */
    Challenge challenge(SrpVerifier verifier, String userIdForSrp, String srpAHex, BigInteger b) {
        BigInteger largeA = CognitoSrp.parsePositiveHex("SRP_A", srpAHex);
        return new Challenge(userIdForSrp, verifier, largeA, b, largeB(verifier.verifier(), b));
    }

    private static BigInteger largeB(BigInteger v, BigInteger b) {
        return CognitoSrp.K
                .multiply(v)
                .add(CognitoSrp.G.modPow(b, CognitoSrp.N))
                .mod(CognitoSrp.N);
    }

    /**
     * Whether a password claim is a valid signature over this pool, the user, the secret block and the timestamp,
     * made with the key only the password's owner can derive. Compares in constant time.
     */
    public boolean verify(Challenge challenge, String secretBlock, String timestamp, String signatureBase64) {
        Objects.requireNonNull(challenge, "challenge");
        if (secretBlock == null || timestamp == null || signatureBase64 == null) {
            return false;
        }
        byte[] presented;
        byte[] block;
        try {
            presented = Base64.getDecoder().decode(signatureBase64);
            block = SrpClient.decodeSecretBlock(secretBlock);
        } catch (IllegalArgumentException | SrpException e) {
            return false;
        }
        byte[] expected = CognitoSrp.passwordClaimSignature(
                sessionKey(challenge), poolName, challenge.userIdForSrp(), block, timestamp);
        return MessageDigest.isEqual(expected, presented);
    }

    /** The 16-byte HKDF key the server derives; package-private so the test vectors can check it. */
    byte[] sessionKey(Challenge challenge) {
        BigInteger u = CognitoSrp.computeU(challenge.largeA, challenge.largeB);
        BigInteger v = challenge.verifier.verifier();
        BigInteger s = challenge
                .largeA
                .multiply(v.modPow(u, CognitoSrp.N))
                .mod(CognitoSrp.N)
                .modPow(challenge.b, CognitoSrp.N);
        return CognitoSrp.deriveKey(s, u);
    }

    /**
     * One pending {@code PASSWORD_VERIFIER} challenge. Holds the server's private ephemeral value, so keep it
     * in memory only and for no longer than the auth session lasts.
     */
    public static final class Challenge {

        private final String userIdForSrp;
        private final SrpVerifier verifier;
        private final BigInteger largeA;
        private final BigInteger b;
        private final BigInteger largeB;

        private Challenge(
                String userIdForSrp, SrpVerifier verifier, BigInteger largeA, BigInteger b, BigInteger largeB) {
            this.userIdForSrp = userIdForSrp;
            this.verifier = verifier;
            this.largeA = largeA;
            this.b = b;
            this.largeB = largeB;
        }

        public String userIdForSrp() {
            return userIdForSrp;
        }

        /** {@code SALT} to send. */
        public String saltHex() {
            return verifier.saltHex();
        }

        /** {@code SRP_B} to send. */
        public String srpBHex() {
            return CognitoSrp.toHex(largeB);
        }

        @Override
        public String toString() {
            return "SrpServer.Challenge[userIdForSrp=" + userIdForSrp + ", b=<hidden>]";
        }
    }
}
