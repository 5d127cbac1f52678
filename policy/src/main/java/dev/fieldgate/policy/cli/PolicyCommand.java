package dev.fieldgate.policy.cli;

import dev.fieldgate.policy.ApiAuthorization;
import dev.fieldgate.policy.AuthMode;
import dev.fieldgate.policy.CompiledSchema;
import dev.fieldgate.policy.DefaultAction;
import dev.fieldgate.policy.Notice;
import dev.fieldgate.policy.PolicyException;
import dev.fieldgate.policy.SchemaCompiler;
import dev.fieldgate.policy.SchemaValidationException;
import dev.fieldgate.policy.StorageGrantsFile;
import dev.fieldgate.policy.StoragePolicy;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@code fieldgate policy …}: check a schema, generate the files derived from it, print its access matrix.
 * Exit status 0 on success, 1 when the schema has problems, 2 when the command line is wrong.
 */
public final class PolicyCommand {

    static final String USAGE = """
            usage: fieldgate policy <command> SCHEMA [options]

            commands:
              check SCHEMA                  report problems, warnings and the AppSync directives Fieldgate adds
              generate SCHEMA --out DIR [--config FILE]
                                            write appsync.graphql, manifest.json and access-matrix.md into DIR;
                                            with the app's fieldgate.json, also storage.json (the storage
                                            section's buckets and the roles' S3 statements, which Terraform's
                                            storage module deploys) and the matrix's storage section
              matrix SCHEMA [--json|--markdown]
                                            print who may do what (a terminal table by default)

            options (override the schema's @api directive):
              --default-auth MODE           AMAZON_COGNITO_USER_POOLS, AWS_IAM, API_KEY, OPENID_CONNECT, AWS_LAMBDA
              --additional-auth M1,M2       the other enabled modes (empty: --additional-auth '')
              --default-action ALLOW|DENY   the user-pool default action
              --quiet                       print errors only""";

    private final PrintStream out;
    private final PrintStream err;

    PolicyCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new PolicyCommand(System.out, System.err).run(args));
    }

    int run(String[] arguments) {
        Deque<String> args = new ArrayDeque<>(List.of(arguments));
        if (args.isEmpty() || args.peek().equals("--help") || args.peek().equals("-h")) {
            out.println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.pop();
        if (!List.of("check", "generate", "matrix").contains(command)) {
            return usage("unknown command '" + command + "'");
        }
        Path schema = null;
        Path outDir = null;
        Path config = null;
        String format = "text";
        boolean quiet = false;
        String defaultAuth = null;
        String additionalAuth = null;
        String defaultAction = null;
        while (!args.isEmpty()) {
            String arg = args.pop();
            switch (arg) {
                case "--out" -> {
                    if (args.isEmpty()) {
                        return usage("--out needs a directory");
                    }
                    outDir = Path.of(args.pop());
                }
                case "--config" -> {
                    if (args.isEmpty()) {
                        return usage("--config needs the app's fieldgate.json");
                    }
                    config = Path.of(args.pop());
                }
                case "--json" -> format = "json";
                case "--markdown" -> format = "markdown";
                case "--quiet" -> quiet = true;
                case "--default-auth", "--additional-auth", "--default-action" -> {
                    if (args.isEmpty()) {
                        return usage(arg + " needs a value");
                    }
                    String value = args.pop();
                    if (arg.equals("--default-auth")) {
                        defaultAuth = value;
                    } else if (arg.equals("--additional-auth")) {
                        additionalAuth = value;
                    } else {
                        defaultAction = value;
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        return usage("unknown option '" + arg + "'");
                    }
                    if (schema != null) {
                        return usage("one schema at a time; got '" + schema + "' and '" + arg + "'");
                    }
                    schema = Path.of(arg);
                }
            }
        }
        if (schema == null) {
            return usage(command + " needs a SCHEMA file");
        }
        if (!Files.isRegularFile(schema)) {
            err.println("fieldgate policy: no schema file at " + schema);
            return 2;
        }
        if (command.equals("generate") && outDir == null) {
            return usage("generate needs --out DIR");
        }
        if (config != null && !command.equals("generate")) {
            return usage("--config is an option of generate");
        }
        if (config != null && !Files.isRegularFile(config)) {
            err.println("fieldgate policy: no app config file at " + config);
            return 2;
        }
        if (config != null) {
            try {
                StoragePolicy.fromAppConfig(config);
            } catch (PolicyException e) {
                err.println("fieldgate policy: " + e.getMessage());
                return 1;
            }
        }
        SchemaCompiler compiler;
        try {
            compiler = compiler(defaultAuth, additionalAuth, defaultAction);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }

        CompiledSchema compiled;
        try {
            compiled = compiler.compile(schema);
        } catch (SchemaValidationException e) {
            e.problems().forEach(err::println);
            err.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + " in " + schema);
            return 1;
        } catch (UncheckedIOException e) {
            err.println("fieldgate policy: " + e.getMessage());
            return 2;
        }
        if (!quiet) {
            for (Notice notice : compiled.notices()) {
                err.println(notice);
            }
        }
        switch (command) {
            case "check" -> {
                if (!quiet) {
                    out.println(schema + ": ok ("
                            + compiled.manifest().resolvers().size() + " resolvers, "
                            + compiled.manifest().grants().guest().size() + " guest grants, "
                            + compiled.manifest().grants().authenticated().size() + " authenticated grants)");
                }
            }
            case "generate" -> {
                compiled.writeTo(outDir);
                if (config != null) {
                    try {
                        StorageGrantsFile.write(config, outDir, compiled);
                    } catch (UncheckedIOException e) {
                        err.println("fieldgate policy: " + e.getMessage());
                        return 2;
                    }
                }
                if (!quiet) {
                    out.println("wrote " + outDir.resolve(CompiledSchema.APPSYNC_SCHEMA_FILE) + ", "
                            + outDir.resolve(CompiledSchema.MANIFEST_FILE) + ", "
                            + outDir.resolve(CompiledSchema.MATRIX_FILE)
                            + (config == null ? "" : ", " + outDir.resolve(StorageGrantsFile.FILE)));
                }
            }
            default -> {
                String rendered = format.equals("json")
                        ? compiled.accessMatrix().toJson()
                        : format.equals("markdown")
                                ? compiled.accessMatrix().toMarkdown()
                                : compiled.accessMatrix().toText();
                out.print(rendered);
            }
        }
        return 0;
    }

    private static SchemaCompiler compiler(String defaultAuth, String additionalAuth, String defaultAction) {
        if (defaultAuth == null && additionalAuth == null && defaultAction == null) {
            return SchemaCompiler.create();
        }
        AuthMode mode = defaultAuth == null ? AuthMode.AMAZON_COGNITO_USER_POOLS : mode(defaultAuth);
        List<AuthMode> additional = new ArrayList<>();
        if (additionalAuth != null) {
            for (String name : additionalAuth.split(",", -1)) {
                if (!name.isBlank()) {
                    additional.add(mode(name.trim()));
                }
            }
        }
        DefaultAction action = defaultAction == null ? DefaultAction.ALLOW : action(defaultAction);
        return SchemaCompiler.withApi(new ApiAuthorization(mode, additional, action));
    }

    private static AuthMode mode(String name) {
        try {
            return AuthMode.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown auth mode '" + name + "'; use AMAZON_COGNITO_USER_POOLS, "
                    + "AWS_IAM, API_KEY, OPENID_CONNECT or AWS_LAMBDA");
        }
    }

    private static DefaultAction action(String name) {
        try {
            return DefaultAction.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--default-action is ALLOW or DENY, not '" + name + "'");
        }
    }

    private int usage(String problem) {
        err.println("fieldgate policy: " + problem);
        err.println(USAGE);
        return 2;
    }
}
