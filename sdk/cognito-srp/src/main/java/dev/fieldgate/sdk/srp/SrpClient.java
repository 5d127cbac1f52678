package dev.fieldgate.sdk.srp;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * The client half of one Cognito SRP sign-in: create it, send {@link #srpA()} as {@code SRP_A} in
 * {@code InitiateAuth(USER_SRP_AUTH)}, then answer the {@code PASSWORD_VERIFIER} challenge with
 * {@link #respond(PasswordVerifierChallenge, String, Instant)}.
 *
 * <p>An instance holds a private ephemeral value; use it for one sign-in only. It is safe to share between threads
 * but there is no reason to.
 */
public final class SrpClient {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String poolName;
    private final BigInteger a;
    private final BigInteger largeA;

    private SrpClient(String userPoolId, BigInteger a) {
        this.poolName = CognitoSrp.poolName(userPoolId);
        this.a = a;
        this.largeA = CognitoSrp.G.modPow(a, CognitoSrp.N);
        if (largeA.signum() == 0) {
            // Cannot happen for a in [1, N-1]; checked because a zero A would let anyone sign in.
            throw new SrpException("The client ephemeral value A is zero; generate a new one.");
        }
    }

    /** Starts a sign-in to the given user pool with a fresh 256-bit private ephemeral value. */
    public static SrpClient start(String userPoolId) {
        return start(userPoolId, RANDOM);
    }

    /** Starts a sign-in with a private ephemeral value drawn from {@code random}. */
    public static SrpClient start(String userPoolId, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        BigInteger a;
        do {
            // 256 random bits, as the server draws its own: RFC 5054's minimum, and the 128-bit strength of the
            // 3072-bit group. The JavaScript clients draw 1,024 bits; the server cannot tell, and the longer
            // exponent only makes the client's two exponentiations about twice as slow.
            a = new BigInteger(1, randomBytes(random, 32));
        } while (a.signum() == 0);
        return new SrpClient(userPoolId, a);
    }

    /** Fixed ephemeral value, for test vectors only. */
    static SrpClient withEphemeral(String userPoolId, BigInteger a) {
        return new SrpClient(userPoolId, a);
    }

    /** {@code SRP_A}: the public ephemeral value, lower-case hexadecimal without padding (as the JS clients send it). */
    public String srpA() {
        return CognitoSrp.toHex(largeA);
    }

    /**
     * Computes the password claim for the challenge at the given time.
     *
     * @throws SrpException if the server's values are unsafe ({@code B mod N = 0} or {@code u = 0}) or malformed
     */
    public PasswordClaim respond(PasswordVerifierChallenge challenge, String password, Instant now) {
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(now, "now");
        String timestamp = SrpTimestamp.format(now);
        byte[] key = sessionKey(challenge, password);
        byte[] secretBlock = decodeSecretBlock(challenge.secretBlock());
        byte[] signature =
                CognitoSrp.passwordClaimSignature(key, poolName, challenge.userIdForSrp(), secretBlock, timestamp);
        return new PasswordClaim(
                challenge.userIdForSrp(),
                challenge.secretBlock(),
                timestamp,
                Base64.getEncoder().encodeToString(signature));
    }

    /** The 16-byte HKDF key; package-private so the test vectors can check it. */
    byte[] sessionKey(PasswordVerifierChallenge challenge, String password) {
        BigInteger b = CognitoSrp.parsePositiveHex("SRP_B", challenge.srpBHex());
        if (b.mod(CognitoSrp.N).signum() == 0) {
            throw new SrpException("SRP_B is zero modulo N; the server's challenge is unsafe and was refused.");
        }
        BigInteger salt = CognitoSrp.parsePositiveHex("SALT", challenge.saltHex());
        BigInteger u = CognitoSrp.computeU(largeA, b);
        if (u.signum() == 0) {
            throw new SrpException("The scrambling parameter u is zero; the server's challenge was refused.");
        }
        BigInteger x = CognitoSrp.computeX(poolName, challenge.userIdForSrp(), password, salt);
        BigInteger gx = CognitoSrp.G.modPow(x, CognitoSrp.N);
        BigInteger base = b.subtract(CognitoSrp.K.multiply(gx)).mod(CognitoSrp.N);
        BigInteger s = base.modPow(a.add(u.multiply(x)), CognitoSrp.N);
        return CognitoSrp.deriveKey(s, u);
    }

    static byte[] decodeSecretBlock(String secretBlock) {
        try {
            // Amplify accepts URL-safe base64 as well; so do we.
            return secretBlock.indexOf('-') >= 0 || secretBlock.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(secretBlock)
                    : Base64.getDecoder().decode(secretBlock);
        } catch (IllegalArgumentException e) {
            throw new SrpException("SECRET_BLOCK is not base64.", e);
        }
    }

    private static byte[] randomBytes(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "SrpClient[poolName=" + poolName + ", a=<hidden>]";
    }
}
