package dev.fieldgate.local.internal;

import dev.fieldgate.config.OutputsFile;
import dev.fieldgate.local.appsync.internal.lambda.LambdaFunction;
import dev.fieldgate.local.appsync.internal.realtime.RealtimeEndpoint;
import dev.fieldgate.local.appsync.internal.realtime.SubscriptionHub;
import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.local.cognito.internal.CognitoStack;
import dev.fieldgate.local.core.RequestLog;
import dev.fieldgate.local.core.internal.http.LocalHttpServer;
import dev.fieldgate.local.core.internal.iam.RolePolicies;
import dev.fieldgate.local.core.internal.state.StateStore;
import dev.fieldgate.local.internal.dynamodb.DynamoDbLocalService;
import dev.fieldgate.local.internal.tls.LocalCertificates;
import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.CompiledSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** The parts of a started stack, as {@link StackAssembly} put them together. */
public record RunningStack(
        LocalHttpServer server,
        StateStore store,
        LocalCognito cognito,
        CognitoStack cognitoStack,
        DynamoDbLocalService dynamoDb,
        AtomicReference<LambdaFunction> function,
        SubscriptionHub hub,
        RealtimeEndpoint realtime,
        CompiledSchema compiled,
        ApiAuthorization api,
        String apiId,
        String apiKey,
        String tablePrefix,
        AtomicReference<RolePolicies> rolePolicies,
        OutputsFile outputs,
        Path outputsFile,
        Duration startupTime,
        LocalCertificates certificates,
        RequestLog requestLog,
        boolean consoleServed,
        Function<String, LambdaFunction.Settings> otherHandlers) {

    /** Stops everything in the reverse order of starting; data in a state directory stays. */
    public void close() {
        LambdaFunction current = function.get();
        if (current != null) {
            current.close();
        }
        realtime.close();
        hub.close();
        try {
            server.close();
        } finally {
            try {
                dynamoDb.close();
            } finally {
                try {
                    cognitoStack.awaitKeysWritten();
                } finally {
                    store.close();
                }
            }
        }
    }
}
