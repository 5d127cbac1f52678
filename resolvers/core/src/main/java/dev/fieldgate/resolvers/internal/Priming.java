package dev.fieldgate.resolvers.internal;

import dev.fieldgate.policy.Manifest;
import dev.fieldgate.resolvers.ApiKeyIdentity;
import dev.fieldgate.resolvers.AppSyncEvent;
import dev.fieldgate.resolvers.AppSyncEventWriter;
import dev.fieldgate.resolvers.CognitoUserPoolIdentity;
import dev.fieldgate.resolvers.IamIdentity;
import dev.fieldgate.resolvers.Identity;
import dev.fieldgate.resolvers.Info;
import dev.fieldgate.resolvers.LambdaAuthorizerIdentity;
import dev.fieldgate.resolvers.OidcIdentity;
import dev.fieldgate.resolvers.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The synthetic invocations of {@code AppSyncResolver.prime()}: for a caller of each auth kind, an event per resolver
 * field of the manifest and a BatchInvoke, written as AppSync's JSON and handled as bytes by a dry run of the
 * dispatcher — parsing, the identity model, the policy, envelope writing — so that their classes are loaded and
 * initialized before a SnapStart snapshot. Only fixed values: nothing here may make a random id (and seed a
 * generator) or read the clock, which every restored instance would share.
 */
public final class Priming {

    private static final String SUB = "prime-sub";
    private static final String POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_prime";
    private static final List<String> SOURCE_IP = List.of("127.0.0.1");

    private Priming() {}

    public static void run(Manifest manifest, Dispatcher dryRun, AppSyncEventWriter writer) {
        for (Identity caller : callers()) {
            List<AppSyncEvent> events = new ArrayList<>();
            for (Manifest.Resolver resolver : manifest.resolvers()) {
                events.add(event(resolver, caller));
            }
            for (AppSyncEvent event : events) {
                dryRun.handle(writer.write(event), null);
            }
            if (!events.isEmpty()) {
                dryRun.handle(writer.writeBatch(List.of(events.get(0))), null);
            }
        }
    }

    /** A user-pool user, an identity-pool guest and signed-in user, an OIDC user, a Lambda authorizer's, an API key. */
    static List<Identity> callers() {
        String userArn = "arn:aws:sts::123456789012:assumed-role/prime/CognitoIdentityCredentials";
        return List.of(
                new CognitoUserPoolIdentity(
                        SUB,
                        "prime",
                        "https://" + POOL,
                        Map.of("sub", SUB, "cognito:groups", List.of("prime")),
                        List.of("prime"),
                        "ALLOW",
                        SOURCE_IP),
                new IamIdentity(
                        "123456789012",
                        userArn,
                        "AROAPRIME:CognitoIdentityCredentials",
                        SOURCE_IP,
                        "us-east-1:prime",
                        "us-east-1:prime",
                        IamIdentity.UNAUTHENTICATED,
                        null),
                new IamIdentity(
                        "123456789012",
                        userArn,
                        "AROAPRIME:CognitoIdentityCredentials",
                        SOURCE_IP,
                        "us-east-1:prime",
                        "us-east-1:prime-user",
                        IamIdentity.AUTHENTICATED,
                        "\"" + POOL + "\",\"" + POOL + ":CognitoSignIn:" + SUB + "\""),
                new OidcIdentity(SUB, "https://oidc.prime.invalid/", Map.of("sub", SUB), List.of()),
                new LambdaAuthorizerIdentity(Map.of("prime", "prime")),
                ApiKeyIdentity.instance());
    }

    private static AppSyncEvent event(Manifest.Resolver resolver, Identity caller) {
        return AppSyncEvent.builder()
                .info(new Info(resolver.type(), resolver.field(), Map.of(), List.of("id"), "{ id }"))
                .arguments(Map.of("input", Map.of("id", "prime")))
                .identity(caller)
                .source(Map.of("id", "prime"))
                .request(Request.of(Map.of("host", "localhost"), null))
                .build();
    }
}
