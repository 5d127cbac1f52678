package dev.fieldgate.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.IdentityPoolConfig;
import dev.fieldgate.local.LocalStack;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An app whose identity pool lets no guests in has no guest role, locally as on AWS, and verifies clean. */
class GuestlessStackTest {

    @Test
    void aStackWithoutGuestsHasNoGuestRoleAndPassesVerification(@TempDir Path dir) {
        AppConfig pins = AppConfig.read(PinsStack.APP_CONFIG);
        IdentityPoolConfig pool = pins.identityPool().orElseThrow();
        AppConfig guestless = pins.toBuilder()
                .identityPool(new IdentityPoolConfig(pool.name(), false, pool.clients()))
                // The sample's storage lets guests read; an app without guests declares no such path.
                .storageJson(null)
                .build();
        Path config = dir.resolve("fieldgate.json");
        guestless.writeTo(config);

        try (LocalStack stack = LocalStack.builder()
                .config(guestless)
                .withoutFunction()
                .inMemory()
                .start()) {
            assertThat(stack.cognito().guestRoleArn()).isEmpty();
            assertThat(stack.outputs().fieldgate().orElseThrow().guestRoleArn()).isNull();

            VerificationReport report = EnvironmentVerifier.builder()
                    .outputsJson(stack.outputs().toJson())
                    .appConfigFile(config)
                    .credentialsProvider(PinsStack.admin(stack))
                    .build()
                    .verify();

            assertThat(report.passed()).as(report.toTable()).isTrue();
            assertThat(report.check("identity-pool-roles").orElseThrow().status())
                    .isEqualTo(CheckStatus.PASS);
            assertThat(report.check("role-grants").orElseThrow().summary()).startsWith("authenticated ");
            assertThat(report.check("guest-call").orElseThrow().status()).isEqualTo(CheckStatus.SKIPPED);
        }
    }
}
