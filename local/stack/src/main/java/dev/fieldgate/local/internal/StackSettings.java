package dev.fieldgate.local.internal;

import dev.fieldgate.config.AppConfig;
import dev.fieldgate.local.appsync.LambdaErrorStyle;
import dev.fieldgate.local.appsync.LocalFunction;
import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.DefaultAction;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * What {@code LocalStack.Builder} collected: the app config (from a file or built in code) and each setting the
 * builder overrides ({@code null} where the config's value applies).
 */
public record StackSettings(
        Path appConfigFile,
        AppConfig config,
        Path schemaFile,
        String schemaText,
        ApiAuthorization authorization,
        DefaultAction userPoolDefaultAction,
        String appIdClientRegex,
        Boolean apiKey,
        Integer queryDepthLimit,
        Boolean introspection,
        LocalFunction function,
        boolean withoutFunction,
        LambdaErrorStyle lambdaErrorStyle,
        Path stateDirectory,
        boolean fresh,
        int port,
        String bindAddress,
        Path outputsFile,
        Clock clock,
        Duration keepAlive,
        Duration connectionTimeout,
        String tablePrefix,
        int maxBodyBytes,
        int maxQueryTokens,
        int maxThreads,
        boolean tls,
        Boolean console) {}
