package dev.fieldgate.sdk.srp;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What a server keeps instead of a password: the salt (hexadecimal, sent to clients as {@code SALT}) and the
 * verifier {@code v = g^x mod N} (hexadecimal). Neither lets anyone sign in without the password, but the verifier
 * still allows an offline guessing attack, so treat it as a secret: {@link #toString()} does not print it.
 *
 * @param saltHex     the salt as hexadecimal digits
 * @param verifierHex the verifier as hexadecimal digits
 */
public record SrpVerifier(String saltHex, String verifierHex) {

    public SrpVerifier {
        Objects.requireNonNull(saltHex, "saltHex");
        Objects.requireNonNull(verifierHex, "verifierHex");
        BigInteger salt = CognitoSrp.parsePositiveHex("The salt", saltHex);
        BigInteger verifier = CognitoSrp.parsePositiveHex("The verifier", verifierHex);
        if (salt.signum() == 0 || verifier.signum() == 0 || verifier.compareTo(CognitoSrp.N) >= 0) {
            throw new SrpException("The salt must be non-zero and the verifier must lie in [1, N).");
        }
    }

    BigInteger salt() {
        return new BigInteger(saltHex, 16);
    }

    BigInteger verifier() {
        return new BigInteger(verifierHex, 16);
    }

    @Override
    public String toString() {
        return "SrpVerifier[saltHex=" + saltHex + ", verifierHex=<hidden>]";
    }
}
