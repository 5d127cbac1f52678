package dev.fieldgate.sdk;

import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.local.cognito.OutboxMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** The pins sample's Cognito on the local stack, and what tests need around it. */
public final class LocalCognitoSupport {

    /** Meets the pins pool's policy (8+ characters, upper, lower, digit). */
    public static final String PASSWORD = "Pins-Password-7";

    public static final Path PINS_APP_CONFIG = Path.of("../../samples/pins/fieldgate.json");

    private LocalCognitoSupport() {}

    public static LocalCognito start() {
        return LocalCognito.builder()
                .appConfigFile(PINS_APP_CONFIG)
                .inMemory()
                .port(0)
                .start();
    }

    public static LocalCognito start(Clock clock) {
        return LocalCognito.builder()
                .appConfigFile(PINS_APP_CONFIG)
                .inMemory()
                .port(0)
                .clock(clock)
                .start();
    }

    /** The SDK's configuration, read from the outputs file the local stack writes (only the endpoint differs from AWS). */
    public static FieldgateConfig config(LocalCognito cognito) {
        return FieldgateConfig.fromOutputsJson(cognito.outputs().toJson());
    }

    public static String newEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** The latest sign-up code sent to an address. */
    public static String signUpCode(LocalCognito cognito, String email) {
        return cognito.outbox()
                .latestTo(email, OutboxMessage.Kind.SIGN_UP_CODE)
                .orElseThrow()
                .code();
    }

    public static CognitoIdentityProviderClient admin(LocalCognito cognito) {
        return CognitoIdentityProviderClient.builder()
                .endpointOverride(cognito.endpoint())
                .region(Region.of(cognito.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        cognito.adminCredentials().accessKeyId(),
                        cognito.adminCredentials().secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
