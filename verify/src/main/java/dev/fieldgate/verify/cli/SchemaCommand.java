package dev.fieldgate.verify.cli;

import dev.fieldgate.verify.DeployedSchema;
import dev.fieldgate.verify.VerifyException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/**
 * {@code fieldgate schema --outputs FILE [--out FILE] [--profile NAME] [--region R] [--no-directives]}: downloads
 * the schema a deployed API runs (AppSync's {@code GetIntrospectionSchema}) for client code generation. Exit status
 * 0 when written, 2 for a usage error or a failed download.
 */
public final class SchemaCommand {

    static final String USAGE = """
            Usage: fieldgate schema --outputs FILE [--out FILE] [--profile NAME] [--region REGION] [--no-directives]

            Downloads the schema the deployed API runs (AppSync's GetIntrospectionSchema, SDL), the input of the
            Fieldgate Maven plugin's generate-client goal for teams without the app's build.

              --outputs FILE    the environment's amplify_outputs.json (Terraform's or ./fieldgate local's)
              --out FILE        where to write the schema (default: print it)
              --profile NAME    AWS credentials profile (default: the AWS SDK's default chain); the caller needs
                                appsync:GetIntrospectionSchema
              --region REGION   region of the API (default: the outputs file's)
              --no-directives   leave out AppSync's @aws_* directives

            Exit status: 0 written, 2 usage error or failed download.
            """;

    private SchemaCommand() {}

    public static void main(String[] args) {
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
     * @param workingDirectory what relative paths are resolved against
     * @return the exit status
     */
    public static int run(String[] args, Path workingDirectory, PrintStream out, PrintStream err) {
        return run(args, workingDirectory, out, err, null);
    }

    /** As {@link #run(String[], Path, PrintStream, PrintStream)}, downloading with the given builder's settings. */
    static int run(
            String[] args, Path workingDirectory, PrintStream out, PrintStream err, DeployedSchema.Builder base) {
        Path outputs = null;
        Path target = null;
        DeployedSchema.Builder builder = base != null ? base : DeployedSchema.builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--no-directives" -> builder.includeDirectives(false);
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--outputs", "--out", "--profile", "--region" -> {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        err.println("fieldgate schema: " + arg + " needs a value");
                        err.print(USAGE);
                        return 2;
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--outputs" -> outputs = workingDirectory.resolve(value);
                        case "--out" -> target = workingDirectory.resolve(value);
                        case "--profile" ->
                            builder.credentialsProvider(ProfileCredentialsProvider.builder()
                                    .profileName(value)
                                    .build());
                        default -> builder.region(value);
                    }
                }
                default -> {
                    err.println("fieldgate schema: unknown argument '" + arg + "'");
                    err.print(USAGE);
                    return 2;
                }
            }
        }
        if (outputs == null) {
            err.println("fieldgate schema: --outputs is required");
            err.print(USAGE);
            return 2;
        }
        String sdl;
        try {
            sdl = builder.outputsFile(outputs).build().download();
        } catch (VerifyException e) {
            err.println("fieldgate schema: " + e.getMessage());
            return 2;
        }
        if (target == null) {
            out.print(sdl.endsWith("\n") ? sdl : sdl + System.lineSeparator());
            out.flush();
            return 0;
        }
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(target, sdl, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("fieldgate schema: could not write " + target + ": " + e.getMessage());
            return 2;
        }
        err.println("fieldgate schema: wrote " + target);
        return 0;
    }
}
