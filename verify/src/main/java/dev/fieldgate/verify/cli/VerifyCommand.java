package dev.fieldgate.verify.cli;

import dev.fieldgate.verify.EnvironmentVerifier;
import dev.fieldgate.verify.VerificationReport;
import dev.fieldgate.verify.VerifyException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/**
 * {@code fieldgate verify --outputs FILE [--schema FILE] [--config FILE] [--json] [--profile NAME] [--region R]}:
 * checks a deployed environment against its schema and prints the report. Exit status 0 when every check passed
 * (warnings and skipped checks included), 1 when a check failed, 2 for a usage error or unreadable input.
 */
public final class VerifyCommand {

    static final String USAGE = """
            Usage: fieldgate verify --outputs FILE [--schema FILE] [--config FILE [--env NAME]] [--json]
                                    [--profile NAME] [--region REGION] [--no-guest-call]

            Checks that a deployed environment is what its schema says: the caller (STS), the AppSync API's auth
            settings, the deployed schema, the resolvers, the identity pool's roles and their appsync:GraphQL
            grants, the storage section's buckets and the roles' S3 grants (with the app config), and a guest
            call end to end.

              --outputs FILE    the environment's amplify_outputs.json (Terraform's or ./fieldgate local's)
              --schema FILE     the app's schema.graphql; default: the "schema" of ./fieldgate.json
              --config FILE     the app's fieldgate.json (API settings and storage to compare); default:
                                ./fieldgate.json if any
              --env NAME        merge the environment's overlay fieldgate.NAME.json over the config, as
                                Terraform deploys that environment
              --json            print the report as JSON
              --profile NAME    AWS credentials profile (default: the AWS SDK's default chain)
              --region REGION   region of the environment (default: the outputs file's)
              --no-guest-call   do not make the guest smoke call

            Exit status: 0 all checks passed, 1 a check failed, 2 usage error.
            """;

    private VerifyCommand() {}

    public static void main(String[] args) {
        // The AWS SDK logs through SLF4J; only its warnings belong on a command line's stderr.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, Path.of(""), out, err));
    }

    /**
     * Runs the command.
     *
     * @param workingDirectory where {@code fieldgate.json} is looked for
     * @return the exit status
     */
    public static int run(String[] args, Path workingDirectory, PrintStream out, PrintStream err) {
        Path outputs = null;
        Path schema = null;
        Path config = null;
        String environment = null;
        String profile = null;
        String region = null;
        boolean json = false;
        boolean guestCall = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--json" -> json = true;
                case "--no-guest-call" -> guestCall = false;
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--outputs", "--schema", "--config", "--env", "--profile", "--region" -> {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        err.println("fieldgate verify: " + arg + " needs a value");
                        err.print(USAGE);
                        return 2;
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--outputs" -> outputs = workingDirectory.resolve(value);
                        case "--schema" -> schema = workingDirectory.resolve(value);
                        case "--config" -> config = workingDirectory.resolve(value);
                        case "--env" -> environment = value;
                        case "--profile" -> profile = value;
                        default -> region = value;
                    }
                }
                default -> {
                    err.println("fieldgate verify: unknown argument '" + arg + "'");
                    err.print(USAGE);
                    return 2;
                }
            }
        }
        if (outputs == null) {
            err.println("fieldgate verify: --outputs is required");
            err.print(USAGE);
            return 2;
        }
        if (config == null && Files.isRegularFile(workingDirectory.resolve("fieldgate.json"))) {
            config = workingDirectory.resolve("fieldgate.json");
        }
        if (environment != null && config == null) {
            err.println("fieldgate verify: --env merges an overlay over the app config: give --config FILE");
            err.print(USAGE);
            return 2;
        }
        if (schema == null && config == null) {
            err.println("fieldgate verify: --schema is required (no fieldgate.json in the current directory names "
                    + "the schema)");
            err.print(USAGE);
            return 2;
        }
        VerificationReport report;
        try {
            EnvironmentVerifier.Builder builder =
                    EnvironmentVerifier.builder().outputsFile(outputs).guestCall(guestCall);
            if (schema != null) {
                builder.schemaFile(schema);
            }
            if (config != null && environment != null) {
                builder.appConfigFile(config, environment);
            } else if (config != null) {
                builder.appConfigFile(config);
            }
            if (profile != null) {
                builder.credentialsProvider(ProfileCredentialsProvider.builder()
                        .profileName(profile)
                        .build());
            }
            if (region != null) {
                builder.region(region);
            }
            report = builder.build().verify();
        } catch (VerifyException e) {
            err.println("fieldgate verify: " + e.getMessage());
            return 2;
        }
        out.print(json ? report.toJson() + System.lineSeparator() : report.toTable());
        out.flush();
        return report.passed() ? 0 : 1;
    }
}
