package dev.fieldgate.sdk.srp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both halves against values computed by amazon-cognito-identity-js. */
class CognitoSrpVectorTest {

    static List<SrpVectors.Vector> vectors() {
        return SrpVectors.committed().vectors();
    }

    static List<SrpVectors.Timestamp> timestamps() {
        return SrpVectors.committed().timestamps();
    }

    @Test
    void multiplierMatchesTheJavaScriptClient() {
        assertThat(CognitoSrp.K.toString(16))
                .isEqualTo(vectors().get(0).kHex())
                .isEqualTo("538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6");
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void clientComputesTheSameAKeyAndSignature(SrpVectors.Vector v) {
        SrpClient client = SrpClient.withEphemeral(v.userPoolId(), v.a());
        assertThat(client.srpA()).isEqualTo(v.srpAHex());

        PasswordVerifierChallenge challenge =
                new PasswordVerifierChallenge(v.username(), v.saltHex(), v.srpBHex(), v.secretBlock());
        assertThat(HexFormat.of().formatHex(client.sessionKey(challenge, v.password())))
                .isEqualTo(v.keyHex());

        PasswordClaim claim = client.respond(challenge, v.password(), v.time());
        assertThat(claim.timestamp()).isEqualTo(v.timestamp());
        assertThat(claim.signature()).isEqualTo(v.signature());
        assertThat(claim.username()).isEqualTo(v.username());
        assertThat(claim.secretBlock()).isEqualTo(v.secretBlock());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void serverComputesTheSameVerifierBAndKeyAndAcceptsTheClaim(SrpVectors.Vector v) {
        SrpServer server = SrpServer.forUserPool(v.userPoolId());
        SrpVerifier verifier = server.createVerifier(v.username(), v.password(), v.salt());
        assertThat(verifier.verifierHex()).isEqualTo(v.verifierHex());
        assertThat(CognitoSrp.computeX(CognitoSrp.poolName(v.userPoolId()), v.username(), v.password(), v.salt())
                        .toString(16))
                .isEqualTo(v.xHex());

        SrpServer.Challenge challenge = server.challenge(verifier, v.username(), v.srpAHex(), v.b());
        assertThat(challenge.srpBHex()).isEqualTo(v.srpBHex());
        assertThat(CognitoSrp.computeU(new BigInteger(v.srpAHex(), 16), new BigInteger(v.srpBHex(), 16))
                        .toString(16))
                .isEqualTo(v.uHex());
        assertThat(HexFormat.of().formatHex(server.sessionKey(challenge))).isEqualTo(v.keyHex());

        assertThat(server.verify(challenge, v.secretBlock(), v.timestamp(), v.signature()))
                .isTrue();
        assertThat(server.passwordMatches(verifier, v.username(), v.password())).isTrue();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void serverRefusesAClaimThatChangesAnySignedPart(SrpVectors.Vector v) {
        SrpServer server = SrpServer.forUserPool(v.userPoolId());
        SrpVerifier verifier = server.createVerifier(v.username(), v.password(), v.salt());
        SrpServer.Challenge challenge = server.challenge(verifier, v.username(), v.srpAHex(), v.b());

        String otherTimestamp = SrpTimestamp.format(v.time().plusSeconds(1));
        assertThat(server.verify(challenge, v.secretBlock(), otherTimestamp, v.signature()))
                .isFalse();
        String otherBlock =
                java.util.Base64.getEncoder().encodeToString("another block".getBytes(StandardCharsets.UTF_8));
        assertThat(server.verify(challenge, otherBlock, v.timestamp(), v.signature()))
                .isFalse();
        assertThat(server.verify(challenge, v.secretBlock(), v.timestamp(), "not base64!"))
                .isFalse();

        // A claim made with a wrong password by a genuine client.
        SrpClient client = SrpClient.withEphemeral(v.userPoolId(), v.a());
        PasswordClaim wrong = client.respond(
                new PasswordVerifierChallenge(v.username(), v.saltHex(), v.srpBHex(), v.secretBlock()),
                v.password() + "x",
                v.time());
        assertThat(server.verify(challenge, wrong.secretBlock(), wrong.timestamp(), wrong.signature()))
                .isFalse();
        assertThat(server.passwordMatches(verifier, v.username(), v.password() + "x"))
                .isFalse();
    }

    @ParameterizedTest
    @MethodSource("timestamps")
    void timestampsMatchTheJavaScriptDateHelper(SrpVectors.Timestamp t) {
        assertThat(SrpTimestamp.format(t.time())).isEqualTo(t.timestamp());
        assertThat(SrpTimestamp.parse(t.timestamp())).isEqualTo(t.time());
    }
}
