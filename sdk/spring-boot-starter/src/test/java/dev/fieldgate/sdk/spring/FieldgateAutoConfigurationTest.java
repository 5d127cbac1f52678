package dev.fieldgate.sdk.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.cognito.LocalCognito;
import dev.fieldgate.sdk.FieldgateClient;
import dev.fieldgate.sdk.FieldgateConfig;
import dev.fieldgate.sdk.FieldgateConfigException;
import dev.fieldgate.sdk.auth.CognitoUserPoolAuth;
import dev.fieldgate.sdk.auth.FileSessionStore;
import dev.fieldgate.sdk.auth.IdentityPoolCredentialsProvider;
import dev.fieldgate.sdk.auth.SessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The starter's beans as Spring Boot creates them from properties. */
class FieldgateAutoConfigurationTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(FieldgateAutoConfiguration.class));

    @TempDir
    Path dir;

    /** The documented AWS example (docs/outputs-file.md). */
    private Path awsOutputs() throws Exception {
        String doc = Files.readString(Path.of("../../docs/outputs-file.md"));
        Matcher json = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(json.find()).isTrue();
        Path file = dir.resolve("amplify_outputs.json");
        Files.writeString(file, json.group(1));
        return file;
    }

    @Test
    void nothingIsConfiguredWithoutAnOutputsFile() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(FieldgateClient.class);
            assertThat(context).doesNotHaveBean(FieldgateConfig.class);
        });
    }

    @Test
    void theOutputsFileGivesTheClientTheAuthAndGuestCredentials() throws Exception {
        runner.withPropertyValues(
                        "fieldgate.outputs-file=" + awsOutputs(),
                        "fieldgate.user-pool-client-secret=secret-from-the-vault",
                        "fieldgate.request-timeout=5s",
                        "fieldgate.retry.max-attempts=5")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    FieldgateConfig config = context.getBean(FieldgateConfig.class);
                    assertThat(config.userPoolClientSecret()).hasValue("secret-from-the-vault");
                    assertThat(config.toString()).doesNotContain("secret-from-the-vault");
                    assertThat(context.getBean(FieldgateProperties.class).toString())
                            .doesNotContain("secret-from-the-vault");
                    assertThat(context).hasSingleBean(CognitoUserPoolAuth.class);
                    assertThat(context).hasBean(FieldgateAutoConfiguration.GUEST_CREDENTIALS);
                    assertThat(context).hasSingleBean(SessionStore.class);
                    FieldgateClient client = context.getBean(FieldgateClient.class);
                    assertThat(client.config().graphqlEndpoint()).isEqualTo(config.graphqlEndpoint());
                    // Guests are allowed, so guest IAM is the default authorization.
                    assertThat(client.toString()).contains("AWS_IAM");
                });
    }

    @Test
    void theDefaultAuthorizationAndSessionStoreFollowTheProperties() throws Exception {
        Path sessionFile = dir.resolve("cli/session.json");
        runner.withPropertyValues(
                        "fieldgate.outputs-file=" + awsOutputs(),
                        "fieldgate.default-authorization=user-pool",
                        "fieldgate.session.store=file",
                        "fieldgate.session.file=" + sessionFile,
                        "fieldgate.identity-pool.guest-enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(SessionStore.class)).isInstanceOf(FileSessionStore.class);
                    assertThat(((FileSessionStore) context.getBean(SessionStore.class)).file())
                            .isEqualTo(sessionFile.toAbsolutePath());
                    assertThat(context).doesNotHaveBean(FieldgateAutoConfiguration.GUEST_CREDENTIALS);
                    assertThat(context.getBean(FieldgateClient.class).toString())
                            .contains("AMAZON_COGNITO_USER_POOLS");
                });
        runner.withPropertyValues("fieldgate.outputs-file=" + awsOutputs(), "fieldgate.default-authorization=iam")
                .withBean(
                        StaticCredentialsProvider.class,
                        () -> StaticCredentialsProvider.create(
                                AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "token")))
                .run(context -> assertThat(
                                context.getBean(FieldgateClient.class).toString())
                        .contains("AWS_IAM")
                        .contains("StaticCredentialsProvider"));
    }

    @Test
    void applicationBeansWin() throws Exception {
        runner.withPropertyValues("fieldgate.outputs-file=" + awsOutputs())
                .withBean(
                        "myClient",
                        FieldgateClient.class,
                        () -> FieldgateClient.builder()
                                .config(FieldgateConfig.builder()
                                        .region("eu-west-1")
                                        .graphqlEndpoint(java.net.URI.create("https://api.example.com/graphql"))
                                        .build())
                                .build())
                .run(context -> {
                    assertThat(context).hasSingleBean(FieldgateClient.class);
                    assertThat(context.getBean(FieldgateClient.class).config().region())
                            .isEqualTo("eu-west-1");
                });
    }

    private static Throwable causeOfType(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
    }

    @Test
    void badSettingsStopTheStartWithAMessageThatSaysWhatToDo() throws Exception {
        runner.withPropertyValues("fieldgate.outputs-file=" + dir.resolve("missing.json"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(causeOfType(context.getStartupFailure(), FieldgateConfigException.class))
                            .hasMessageContaining("./fieldgate local");
                });
        runner.withPropertyValues("fieldgate.outputs-file=" + awsOutputs(), "fieldgate.default-authorization=api-key")
                .run(context -> assertThat(causeOfType(context.getStartupFailure(), FieldgateConfigException.class))
                        .hasMessageContaining("fieldgate.api-key"));
    }

    @Test
    void theGuestCredentialsBeanGetsCredentialsFromTheLocalIdentityPool() throws Exception {
        try (LocalCognito cognito = LocalCognito.builder()
                .appConfigFile(Path.of("../../samples/pins/fieldgate.json"))
                .port(0)
                .start()) {
            Path outputs = dir.resolve("local_outputs.json");
            cognito.outputs().writeTo(outputs);
            runner.withPropertyValues("fieldgate.outputs-file=" + outputs).run(context -> {
                assertThat(context).hasNotFailed();
                // Cognito-only outputs (no data.url): the Cognito beans, no client.
                assertThat(context).doesNotHaveBean(FieldgateClient.class);
                IdentityPoolCredentialsProvider guest = context.getBean(
                        FieldgateAutoConfiguration.GUEST_CREDENTIALS, IdentityPoolCredentialsProvider.class);
                assertThat(guest.resolveCredentials().accessKeyId()).startsWith("ASIA");
                assertThat(guest.identityId()).startsWith(cognito.region() + ":");
            });
        }
    }
}
