package dev.fieldgate.local.cognito.bench;

import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.local.cognito.TestConfigsAccess;
import dev.fieldgate.sdk.srp.PasswordClaim;
import dev.fieldgate.sdk.srp.PasswordVerifierChallenge;
import dev.fieldgate.sdk.srp.SrpClient;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;

/**
 * One SRP sign-in as a client experiences it: InitiateAuth(USER_SRP_AUTH) and RespondToAuthChallenge over HTTP with
 * the AWS SDK for Java v2, including the client's own SRP math and the tokens the pool signs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SrpSignInBenchmark {

    static final String PASSWORD = "Bench-Password-1";

    private LocalCognito cognito;
    private CognitoIdentityProviderClient idp;
    private String clientId;
    private String email;

    @Setup(Level.Trial)
    public void start() {
        cognito = LocalCognito.builder().config(TestConfigsAccess.pins()).start();
        idp = BenchClients.publicIdp(cognito);
        clientId = cognito.clientId("web");
        email = BenchClients.confirmedUser(cognito, PASSWORD);
    }

    @TearDown(Level.Trial)
    public void stop() {
        idp.close();
        cognito.close();
    }

    /** The whole SRP round trip: two HTTP calls, both halves of SRP, two RS256 signatures. */
    @Benchmark
    public String srpSignInRoundTrip() {
        SrpClient srp = SrpClient.start(cognito.userPoolId());
        Map<String, String> parameters = idp.initiateAuth(r -> r.clientId(clientId)
                        .authFlow(AuthFlowType.USER_SRP_AUTH)
                        .authParameters(Map.of("USERNAME", email, "SRP_A", srp.srpA())))
                .challengeParameters();
        PasswordClaim claim =
                srp.respond(PasswordVerifierChallenge.fromChallengeParameters(parameters), PASSWORD, Instant.now());
        return idp.respondToAuthChallenge(r -> r.clientId(clientId)
                        .challengeName(ChallengeNameType.PASSWORD_VERIFIER)
                        .challengeResponses(claim.toChallengeResponses()))
                .authenticationResult()
                .accessToken();
    }

    /** USER_PASSWORD_AUTH for comparison: one call, the server checks the password against the SRP verifier. */
    @Benchmark
    public String passwordSignIn() {
        return idp.initiateAuth(r -> r.clientId(clientId)
                        .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                        .authParameters(Map.of("USERNAME", email, "PASSWORD", PASSWORD)))
                .authenticationResult()
                .accessToken();
    }
}
