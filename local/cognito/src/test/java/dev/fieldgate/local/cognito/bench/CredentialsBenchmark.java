package dev.fieldgate.local.cognito.bench;

import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.local.cognito.TestConfigsAccess;
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
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;

/** GetCredentialsForIdentity over HTTP with the AWS SDK for Java v2, for a guest and for a signed-in identity. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CredentialsBenchmark {

    private LocalCognito cognito;
    private CognitoIdentityClient identity;
    private String guestId;
    private String userId;
    private Map<String, String> logins;

    @Setup(Level.Trial)
    public void start() {
        cognito = LocalCognito.builder().config(TestConfigsAccess.pins()).start();
        identity = BenchClients.identity(cognito);
        String poolId = cognito.identityPoolId().orElseThrow();
        guestId = identity.getId(r -> r.identityPoolId(poolId)).identityId();
        String email = BenchClients.confirmedUser(cognito, SrpSignInBenchmark.PASSWORD);
        try (var idp = BenchClients.publicIdp(cognito)) {
            String idToken = idp.initiateAuth(r -> r.clientId(cognito.clientId("web"))
                            .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                            .authParameters(Map.of("USERNAME", email, "PASSWORD", SrpSignInBenchmark.PASSWORD)))
                    .authenticationResult()
                    .idToken();
            logins = Map.of("cognito-idp." + cognito.region() + ".amazonaws.com/" + cognito.userPoolId(), idToken);
        }
        userId = identity.getId(r -> r.identityPoolId(poolId).logins(logins)).identityId();
    }

    @TearDown(Level.Trial)
    public void stop() {
        identity.close();
        cognito.close();
    }

    @Benchmark
    public String guestCredentials() {
        return identity.getCredentialsForIdentity(r -> r.identityId(guestId))
                .credentials()
                .accessKeyId();
    }

    /** Includes verifying the user pool ID token (RS256) presented in Logins. */
    @Benchmark
    public String authenticatedCredentials() {
        return identity.getCredentialsForIdentity(r -> r.identityId(userId).logins(logins))
                .credentials()
                .accessKeyId();
    }
}
