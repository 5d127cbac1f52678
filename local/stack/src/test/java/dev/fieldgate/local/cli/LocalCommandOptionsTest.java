package dev.fieldgate.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldgate.config.AppClientConfig;
import dev.fieldgate.config.AppConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fieldgate local --environment NAME} runs what environment NAME deploys: fieldgate.json with the overlay
 * fieldgate.NAME.json merged over it, in a state directory of its own.
 */
class LocalCommandOptionsTest {

    private static final Path ROOT = Files.isDirectory(Path.of("samples")) ? Path.of(".") : Path.of("../..");
    private static final Path PINS = ROOT.resolve("samples/pins/fieldgate.json");

    private static LocalCommand.Options parse(String... args) {
        return LocalCommand.Options.parse(args);
    }

    @Test
    void theEnvironmentOptionPicksTheOverlayOfThatEnvironment() {
        LocalCommand.Options options = parse("--sample", "pins", "--root", ROOT.toString(), "--environment", "staging");

        AppConfig staging = options.appConfig();

        AppClientConfig web = staging.userPool().client("web").orElseThrow();
        assertThat(web.callbackUrls()).containsExactly("https://staging.pins.example.com/callback");
        assertThat(web.explicitAuthFlows()).containsExactly("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH");
        assertThat(staging.api().introspection()).isFalse();
        assertThat(staging.toJson(PINS.toAbsolutePath().getParent()))
                .isEqualTo(AppConfig.read(PINS, "staging")
                        .toJson(PINS.toAbsolutePath().getParent()));
        assertThat(options.stateDirectory("pins")).isEqualTo(Path.of(".fieldgate", "local", "pins-staging"));
        assertThat(options.configFiles().orElseThrow()).endsWith("with fieldgate.staging.json (environment staging)");
    }

    @Test
    void aTrainingRunTouchesNoStatePortOrOutputsFileWhateverElseIsAsked() {
        LocalCommand.Options options = parse(
                "--sample",
                "pins",
                "--root",
                ROOT.toString(),
                "--port",
                "4600",
                "--fresh",
                "--outputs",
                "amplify_outputs.json",
                "--schedule",
                "x.Y::handle@60",
                "--training-run");

        assertThat(options.trainingRun).isTrue();
        assertThat(options.inMemory).as("a developer's state stays as it is").isTrue();
        assertThat(options.port).as("a running stack keeps its port").isZero();
        assertThat(options.outputs)
                .as("the app's outputs file still names the running stack")
                .isNull();
        assertThat(options.fresh).isFalse();
        assertThat(options.schedules).isEmpty();
    }

    @Test
    void envWithoutAnEqualsSignIsTheShortFormOfEnvironment() {
        LocalCommand.Options options = parse("--sample", "pins", "--root", ROOT.toString(), "--env", "prod");

        AppConfig prod = options.appConfig();

        assertThat(prod.userPool().client("web").orElseThrow().callbackUrls())
                .containsExactly("https://pins.example.com/callback");
        assertThat(prod.toJson(PINS.toAbsolutePath().getParent()))
                .isEqualTo(AppConfig.read(PINS, "prod")
                        .toJson(PINS.toAbsolutePath().getParent()));
        assertThat(options.stateDirectory("pins")).isEqualTo(Path.of(".fieldgate", "local", "pins-prod"));
        assertThat(options.configFiles().orElseThrow()).endsWith("with fieldgate.prod.json (environment prod)");
    }

    @Test
    void envWithAnEqualsSignStillSetsAFunctionVariable() {
        LocalCommand.Options options =
                parse("--schema", "schema.graphql", "--app", "a", "--region", "us-east-1", "--env", "MAIN_CLASS=x.Y");

        assertThat(options.environment).isNull();
        assertThat(options.env).containsEntry("MAIN_CLASS", "x.Y");
        assertThatThrownBy(() -> parse("--sample", "pins", "--root", ROOT.toString(), "--env", "=x"))
                .hasMessageContaining("--env takes an environment NAME or a variable NAME=VALUE");
    }

    @Test
    void withoutTheOptionTheConfigFileRunsAsItIs() {
        LocalCommand.Options options = parse("--sample", "pins", "--root", ROOT.toString());

        AppConfig local = options.appConfig();

        assertThat(local.userPool().client("web").orElseThrow().callbackUrls())
                .contains("http://localhost:3000/callback");
        assertThat(local.api().introspection()).isTrue();
        assertThat(options.stateDirectory("pins")).isEqualTo(Path.of(".fieldgate", "local", "pins"));
    }

    @Test
    void anEnvironmentWithoutAnOverlayRunsTheConfigFileAndSaysSo(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("fieldgate.json");
        Files.copy(PINS, config);
        LocalCommand.Options options = parse("--config", config.toString(), "--environment", "qa");

        assertThat(options.appConfig().api().introspection()).isTrue();
        assertThat(options.configFiles().orElseThrow()).endsWith("(environment qa has no fieldgate.qa.json)");
        assertThat(parse("--config", config.toString(), "--environment", "qa", "--state", "s")
                        .stateDirectory("pins"))
                .isEqualTo(Path.of("s"));
    }

    @Test
    void theEnvironmentNeedsAConfigAndAValidName() {
        assertThatThrownBy(() ->
                        parse("--app", "x", "--region", "us-east-1", "--schema", "s.graphql", "--environment", "dev"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give --config or --sample too");
        assertThatThrownBy(() -> parse("--sample", "pins", "--root", ROOT.toString(), "--environment", "Prod"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 'Prod'");
    }

    @Test
    void aBrokenOverlayStopsTheCommandWithItsMessage(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("fieldgate.json");
        Files.copy(PINS, config);
        Files.writeString(dir.resolve("fieldgate.prod.json"), "{\"api\": {\"introspection\": null}}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = LocalCommand.run(
                new String[] {"--config", config.toString(), "--environment", "prod", "--in-memory", "--port", "0"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("fieldgate.prod.json")
                .contains("api.introspection is null");
    }

    @Test
    void theUsageNamesTheOption() {
        assertThat(LocalCommand.USAGE).contains("--environment NAME").contains("--env NAME ");
    }
}
