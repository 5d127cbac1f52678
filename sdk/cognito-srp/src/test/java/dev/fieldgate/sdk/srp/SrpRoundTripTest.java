package dev.fieldgate.sdk.srp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SrpRoundTripTest {

    private static final String POOL = "us-east-1_Ab12Cd34E";
    private static final Instant NOW = Instant.parse("2026-05-04T03:02:01Z");

    @Test
    void randomClientAndServerAgreeOnlyWithTheRightPassword() {
        SrpServer server = SrpServer.forUserPool(POOL);
        SrpVerifier verifier = server.createVerifier("user-1", "Secret-Password-1");

        SrpClient client = SrpClient.start(POOL);
        SrpServer.Challenge challenge = server.challenge(verifier, "user-1", client.srpA());
        PasswordVerifierChallenge parameters = PasswordVerifierChallenge.fromChallengeParameters(Map.of(
                "USER_ID_FOR_SRP",
                challenge.userIdForSrp(),
                "SALT",
                challenge.saltHex(),
                "SRP_B",
                challenge.srpBHex(),
                "SECRET_BLOCK",
                "AgV4c2VjcmV0"));

        PasswordClaim good = client.respond(parameters, "Secret-Password-1", NOW);
        assertThat(server.verify(challenge, good.secretBlock(), good.timestamp(), good.signature()))
                .isTrue();
        assertThat(good.toChallengeResponses())
                .containsOnlyKeys("USERNAME", "PASSWORD_CLAIM_SECRET_BLOCK", "TIMESTAMP", "PASSWORD_CLAIM_SIGNATURE");

        PasswordClaim bad = SrpClient.start(POOL).respond(parameters, "Secret-Password-1", NOW);
        assertThat(server.verify(challenge, bad.secretBlock(), bad.timestamp(), bad.signature()))
                .as("a claim from a different client ephemeral value")
                .isFalse();
    }

    @Test
    void theVerifierDependsOnThePoolNameAfterTheUnderscoreOnly() {
        BigInteger salt = new BigInteger("1234567890abcdef", 16);
        SrpVerifier east = SrpServer.forUserPool("us-east-1_Same").createVerifier("u", "p", salt);
        SrpVerifier west = SrpServer.forUserPool("eu-west-1_Same").createVerifier("u", "p", salt);
        SrpVerifier other = SrpServer.forUserPool("us-east-1_Other").createVerifier("u", "p", salt);
        assertThat(east.verifierHex()).isEqualTo(west.verifierHex()).isNotEqualTo(other.verifierHex());
    }

    @Test
    void unsafeOrMalformedValuesAreRefused() {
        SrpServer server = SrpServer.forUserPool(POOL);
        SrpVerifier verifier = server.createVerifier("u", "p");
        assertThatThrownBy(() -> server.challenge(verifier, "u", "0"))
                .isInstanceOf(SrpException.class)
                .hasMessageContaining("SRP_A is zero modulo N");
        assertThatThrownBy(() -> server.challenge(verifier, "u", CognitoSrp.N.toString(16)))
                .isInstanceOf(SrpException.class);
        assertThatThrownBy(() -> server.challenge(verifier, "u", "xyz"))
                .isInstanceOf(SrpException.class)
                .hasMessageContaining("hexadecimal");

        SrpClient client = SrpClient.start(POOL);
        PasswordVerifierChallenge zeroB = new PasswordVerifierChallenge("u", "ab", CognitoSrp.N.toString(16), "AA==");
        assertThatThrownBy(() -> client.respond(zeroB, "p", NOW))
                .isInstanceOf(SrpException.class)
                .hasMessageContaining("SRP_B is zero modulo N");
        assertThatThrownBy(() -> PasswordVerifierChallenge.fromChallengeParameters(Map.of("SALT", "ab")))
                .isInstanceOf(SrpException.class)
                .hasMessageContaining("USER_ID_FOR_SRP");
        assertThatThrownBy(() -> CognitoSrp.poolName("nounderscore"))
                .isInstanceOf(SrpException.class)
                .hasMessageContaining("us-east-1_AbCdEf123");
    }

    @Test
    void timestampParsingIsExact() {
        assertThat(SrpTimestamp.parse("Tue Mar 5 09:03:07 UTC 2024")).isEqualTo(Instant.parse("2024-03-05T09:03:07Z"));
        assertThatThrownBy(() -> SrpTimestamp.parse("Tue Mar 05 09:03:07 UTC 2024"))
                .isInstanceOf(SrpException.class)
                .hasMessageContaining("not canonical");
        assertThatThrownBy(() -> SrpTimestamp.parse("Wed Mar 5 09:03:07 UTC 2024"))
                .isInstanceOf(SrpException.class);
        assertThatThrownBy(() -> SrpTimestamp.parse("Tue Mar 5 09:03:07 GMT 2024"))
                .isInstanceOf(SrpException.class);
        assertThatThrownBy(() -> SrpTimestamp.parse(null)).isInstanceOf(SrpException.class);
    }

    @Test
    void secretHashMatchesTheAwsDocumentedFormula() {
        // HMAC-SHA256(key = "secret", message = "alice" + "client") in base64, computed independently.
        assertThat(CognitoSecretHash.compute("alice", "client", "secret"))
                .isEqualTo(java.util.Base64.getEncoder()
                        .encodeToString(CognitoSrp.hmacSha256(
                                "secret".getBytes(StandardCharsets.UTF_8),
                                "aliceclient".getBytes(StandardCharsets.UTF_8))));
        assertThat(CognitoSecretHash.compute("alice", "client", "secret"))
                .isNotEqualTo(CognitoSecretHash.compute("alicf", "client", "secret"));
    }

    @Test
    void toStringNeverShowsSecrets() {
        SrpVerifier verifier = SrpServer.forUserPool(POOL).createVerifier("u", "p");
        assertThat(verifier.toString()).doesNotContain(verifier.verifierHex());
        assertThat(SrpClient.start(POOL).toString()).contains("<hidden>");
    }
}
