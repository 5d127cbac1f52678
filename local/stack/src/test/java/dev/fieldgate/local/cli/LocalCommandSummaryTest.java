package dev.fieldgate.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.cognito.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The summary {@code fieldgate local} prints once the stack listens. */
class LocalCommandSummaryTest {

    private static String summary(String schema) {
        try (LocalStack stack = LocalStack.builder()
                .config(TestConfigs.pins())
                .schema(schema)
                .withoutFunction()
                .inMemory()
                .start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LocalCommand.printSummary(stack, new PrintStream(out, true, StandardCharsets.UTF_8));
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aSchemaWithoutRulesIsSaidToRunOnAppSyncsDirectivesAlone() {
        String plain = summary("type Query { health: String @aws_iam @aws_cognito_user_pools }\n");
        assertThat(plain)
                .contains("  Authorization      AppSync's directives only: the schema has no @auth rules, so no kit"
                        + " rules apply");

        String ruled = summary("type Query { health: String @auth(rules: [{allow: authenticated}]) }\n");
        assertThat(ruled).contains("  API id ").doesNotContain("Authorization ");
    }
}
