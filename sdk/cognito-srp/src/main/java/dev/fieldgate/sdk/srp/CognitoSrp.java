package dev.fieldgate.sdk.srp;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The parameters and primitives of Amazon Cognito's SRP-6a variant, shared by {@link SrpClient} and
 * {@link SrpServer} so that the two halves are computed by the same code.
 *
 * <p>Cognito's choices: the 3072-bit group of RFC 5054 (generator 2), SHA-256 as {@code H}, values hashed in
 * their minimal two's-complement big-endian form ({@link BigInteger#toByteArray()}, which is exactly what the
 * JavaScript clients call {@code padHex}), {@code x} computed over the part of the user pool id after the
 * underscore, and a 16-byte session key taken from HKDF-SHA256 with the info string {@code "Caldera Derived Key"}.
 */
public final class CognitoSrp {

    /** The RFC 5054 / RFC 3526 3072-bit safe prime. */
    public static final BigInteger N = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
                    + "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                    + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
                    + "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
                    + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
                    + "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
                    + "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
                    + "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
                    + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
                    + "DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
                    + "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64"
                    + "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
                    + "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B"
                    + "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
                    + "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31"
                    + "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
            16);

    /** The generator. */
    public static final BigInteger G = BigInteger.TWO;

    /** The multiplier {@code k = H(N || g)}. */
    public static final BigInteger K = hashToInteger(N.toByteArray(), G.toByteArray());

    private static final byte[] HKDF_INFO = "Caldera Derived Key\u0001".getBytes(StandardCharsets.UTF_8);

    private CognitoSrp() {}

    /**
     * The "pool name" Cognito mixes into {@code x} and into the password claim: the part of the user pool id
     * after the underscore ({@code us-east-1_AbC123} gives {@code AbC123}).
     *
     * @throws SrpException if the id has no underscore or nothing after it
     */
    public static String poolName(String userPoolId) {
        if (userPoolId == null) {
            throw new SrpException("The user pool id is missing; expected a value like us-east-1_AbCdEf123.");
        }
        int underscore = userPoolId.indexOf('_');
        if (underscore < 0 || underscore == userPoolId.length() - 1) {
            throw new SrpException("The user pool id '" + userPoolId
                    + "' has no part after '_'; expected a value like us-east-1_AbCdEf123.");
        }
        return userPoolId.substring(underscore + 1);
    }

    /** {@code x = H(salt || H(poolName || username || ":" || password))}. */
    static BigInteger computeX(String poolName, String userIdForSrp, String password, BigInteger salt) {
        byte[] inner = sha256(utf8(poolName + userIdForSrp + ":" + password));
        return hashToInteger(salt.toByteArray(), inner);
    }

    /** {@code u = H(A || B)}. */
    static BigInteger computeU(BigInteger a, BigInteger b) {
        return hashToInteger(a.toByteArray(), b.toByteArray());
    }

    /**
     * HKDF-SHA256 (RFC 5869) with salt {@code u}, input key material {@code S} and Cognito's info string, one
     * block, truncated to 16 bytes.
     */
    static byte[] deriveKey(BigInteger s, BigInteger u) {
        byte[] prk = hmacSha256(u.toByteArray(), s.toByteArray());
        byte[] okm = hmacSha256(prk, HKDF_INFO);
        return Arrays.copyOf(okm, 16);
    }

    /** {@code HMAC-SHA256(key, poolName || userIdForSrp || secretBlock || timestamp)}. */
    static byte[] passwordClaimSignature(
            byte[] key, String poolName, String userIdForSrp, byte[] secretBlock, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(utf8(poolName));
            mac.update(utf8(userIdForSrp));
            mac.update(secretBlock);
            mac.update(utf8(timestamp));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    static BigInteger parsePositiveHex(String name, String hex) {
        if (hex == null || hex.isEmpty()) {
            throw new SrpException(name + " is missing; expected a hexadecimal number.");
        }
        if (hex.length() > 2048 || !hex.chars().allMatch(CognitoSrp::isHexDigit)) {
            throw new SrpException(name + " is not a hexadecimal number of at most 2048 digits.");
        }
        return new BigInteger(hex, 16);
    }

    static String toHex(BigInteger value) {
        return value.toString(16);
    }

    static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static BigInteger hashToInteger(byte[]... parts) {
        return new BigInteger(1, sha256(parts));
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
