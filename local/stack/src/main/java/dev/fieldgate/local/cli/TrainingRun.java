package dev.fieldgate.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldgate.local.LocalStack;
import dev.fieldgate.local.core.LocalAdminCredentials;
import dev.fieldgate.sdk.srp.PasswordClaim;
import dev.fieldgate.sdk.srp.PasswordVerifierChallenge;
import dev.fieldgate.sdk.srp.SrpClient;
import dev.fieldgate.sdk.srp.SrpException;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * One short session of a stack, run once so a JVM that records an ahead-of-time cache (JDK 25's
 * {@code -XX:AOTCacheOutput}) sees the classes a developer's session loads and how its code runs: the start, the
 * resolver function's start, and the first calls a session makes — an anonymous GraphQL request, a sign-in for a
 * user who does not exist, a user created with the local admin key who signs in with a password and with SRP, that
 * user's queries (each root query field that needs no argument, so the resolver function runs its data access), a
 * guest's credentials and a SigV4-signed query with them, a signed DynamoDB call with the local admin key. The
 * signed-in calls repeat a few times: JDK 25 also keeps the method profiles of the training run, so the compiler
 * reaches the hot paths sooner. Every answer is only read, never checked: a refusal loads the same classes as a
 * success would up to its decision. The stack is in memory: the user and whatever the queries touch go with it.
 */
final class TrainingRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final String AMZ_JSON = "application/x-amz-json-1.1";
    private static final String USER = "training-run@example.com";
    private static final String PASSWORD = "Training-run-1";
    /** Enough rounds for the profiles of the signed-in paths, few enough to keep the training run short. */
    private static final int SIGN_INS = 8;

    private static final int QUERY_ROUNDS = 40;

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    private TrainingRun(LocalStack stack) {
        this.stack = stack;
    }

    /** Runs the session on a started stack, then leaves it to the caller to close. */
    static void run(LocalStack stack) throws IOException, InterruptedException {
        stack.functionReady().exceptionally(failure -> null).join();
        new TrainingRun(stack).requests();
    }

    private void requests() throws IOException, InterruptedException {
        String query = "{\"query\":\"{ __typename }\"}";
        send(stack.graphqlEndpoint(), Map.of("content-type", "application/json"), query);
        Map<String, String> clients = stack.cognito().clientIds();
        LocalAdminCredentials admin = stack.adminCredentials();
        AwsCredentialsIdentity adminIdentity =
                AwsCredentialsIdentity.create(admin.accessKeyId(), admin.secretAccessKey());
        String fields = rootQueryFields(stack.schema().appSyncSchema());
        String fieldQueries = fields == null ? null : JSON.writeValueAsString(Map.of("query", fields));
        if (!clients.isEmpty()) {
            String clientId = clients.values().iterator().next();
            // The unknown user's refusal, then a user of the pool through the sign-in paths a session takes.
            initiateAuth(clientId, "training-run-nobody", PASSWORD);
            createUser(adminIdentity);
            Optional<String> idToken = Optional.empty();
            for (int i = 0; i < SIGN_INS; i++) {
                String token = JSON.readTree(initiateAuth(clientId, USER, PASSWORD))
                        .path("AuthenticationResult")
                        .path("IdToken")
                        .textValue();
                if (token != null) {
                    idToken = Optional.of(token);
                }
                srpSignIn(clientId);
            }
            if (idToken.isPresent() && fieldQueries != null) {
                for (int i = 0; i < QUERY_ROUNDS; i++) {
                    send(
                            stack.graphqlEndpoint(),
                            Map.of("content-type", "application/json", "authorization", idToken.get()),
                            fieldQueries);
                }
            }
        }
        Optional<AwsSessionCredentialsIdentity> guest = guestCredentials();
        if (guest.isPresent()) {
            send(stack.graphqlEndpoint(), signed(stack.graphqlEndpoint(), "appsync", guest.get(), query), query);
            if (fieldQueries != null) {
                send(
                        stack.graphqlEndpoint(),
                        signed(stack.graphqlEndpoint(), "appsync", guest.get(), fieldQueries),
                        fieldQueries);
            }
        }
        String listTables = "{}";
        Map<String, String> headers = new LinkedHashMap<>(target("DynamoDB_20120810.ListTables"));
        headers.put("content-type", "application/x-amz-json-1.0");
        headers.putAll(signed(stack.dynamoDbEndpoint(), "dynamodb", adminIdentity, listTables, headers));
        send(stack.dynamoDbEndpoint(), headers, listTables);
    }

    private String initiateAuth(String clientId, String user, String password)
            throws IOException, InterruptedException {
        return send(
                stack.cognito().cognitoIdpEndpoint(),
                target("AWSCognitoIdentityProviderService.InitiateAuth"),
                JSON.writeValueAsString(Map.of(
                        "AuthFlow",
                        "USER_PASSWORD_AUTH",
                        "ClientId",
                        clientId,
                        "AuthParameters",
                        Map.of("USERNAME", user, "PASSWORD", password))));
    }

    /** The training user, created as an administrator would: no message, a permanent password. */
    private void createUser(AwsCredentialsIdentity admin) throws IOException, InterruptedException {
        String pool = stack.cognito().userPoolId();
        adminCall(
                admin,
                "AdminCreateUser",
                JSON.writeValueAsString(Map.of(
                        "UserPoolId",
                        pool,
                        "Username",
                        USER,
                        "MessageAction",
                        "SUPPRESS",
                        "UserAttributes",
                        List.of(
                                Map.of("Name", "email", "Value", USER),
                                Map.of("Name", "email_verified", "Value", "true")))));
        adminCall(
                admin,
                "AdminSetUserPassword",
                JSON.writeValueAsString(
                        Map.of("UserPoolId", pool, "Username", USER, "Password", PASSWORD, "Permanent", true)));
    }

    private void adminCall(AwsCredentialsIdentity admin, String operation, String body)
            throws IOException, InterruptedException {
        URI endpoint = stack.cognito().cognitoIdpEndpoint();
        Map<String, String> headers = new LinkedHashMap<>(target("AWSCognitoIdentityProviderService." + operation));
        headers.putAll(signed(endpoint, "cognito-idp", admin, body, headers));
        send(endpoint, headers, body);
    }

    /** SRP as Amplify signs in: {@code USER_SRP_AUTH}, then the password claim for its challenge. */
    private void srpSignIn(String clientId) throws IOException, InterruptedException {
        SrpClient srp = SrpClient.start(stack.cognito().userPoolId());
        JsonNode challenge = JSON.readTree(send(
                stack.cognito().cognitoIdpEndpoint(),
                target("AWSCognitoIdentityProviderService.InitiateAuth"),
                JSON.writeValueAsString(Map.of(
                        "AuthFlow",
                        "USER_SRP_AUTH",
                        "ClientId",
                        clientId,
                        "AuthParameters",
                        Map.of("USERNAME", USER, "SRP_A", srp.srpA())))));
        if (!"PASSWORD_VERIFIER".equals(challenge.path("ChallengeName").textValue())) {
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        challenge
                .path("ChallengeParameters")
                .properties()
                .forEach(e -> parameters.put(e.getKey(), e.getValue().asText()));
        PasswordClaim claim;
        try {
            claim = srp.respond(PasswordVerifierChallenge.fromChallengeParameters(parameters), PASSWORD, Instant.now());
        } catch (SrpException | IllegalArgumentException e) {
            return;
        }
        send(
                stack.cognito().cognitoIdpEndpoint(),
                target("AWSCognitoIdentityProviderService.RespondToAuthChallenge"),
                JSON.writeValueAsString(Map.of(
                        "ChallengeName",
                        "PASSWORD_VERIFIER",
                        "ClientId",
                        clientId,
                        "Session",
                        challenge.path("Session").asText(""),
                        "ChallengeResponses",
                        claim.toChallengeResponses())));
    }

    /**
     * A query that selects every root query field of {@code sdl} needing no argument ({@code __typename} under
     * object types), so each one's resolver runs; null when there is none.
     */
    static String rootQueryFields(String sdl) {
        TypeDefinitionRegistry types = new SchemaParser().parse(sdl);
        String queryType = types.schemaDefinition()
                .flatMap(schema -> schema.getOperationTypeDefinitions().stream()
                        .filter(operation -> operation.getName().equals("query"))
                        .map(OperationTypeDefinition::getTypeName)
                        .map(TypeName::getName)
                        .findFirst())
                .orElse("Query");
        List<FieldDefinition> fields = new ArrayList<>();
        ObjectTypeDefinition query = types.getTypeOrNull(queryType, ObjectTypeDefinition.class);
        if (query != null) {
            fields.addAll(query.getFieldDefinitions());
        }
        types.objectTypeExtensions()
                .getOrDefault(queryType, List.of())
                .forEach(extension -> fields.addAll(extension.getFieldDefinitions()));
        StringBuilder selection = new StringBuilder();
        for (FieldDefinition field : fields) {
            boolean noneRequired = field.getInputValueDefinitions().stream().allMatch(TrainingRun::optional);
            if (!noneRequired || field.getName().startsWith("__")) {
                continue;
            }
            selection.append(' ').append(field.getName());
            if (isComposite(types, field.getType())) {
                selection.append(" { __typename }");
            }
        }
        return selection.isEmpty() ? null : "{" + selection + " }";
    }

    private static boolean optional(InputValueDefinition argument) {
        return !(argument.getType() instanceof NonNullType) || argument.getDefaultValue() != null;
    }

    private static boolean isComposite(TypeDefinitionRegistry types, Type<?> type) {
        Type<?> named = type;
        while (!(named instanceof TypeName)) {
            named = named instanceof NonNullType nonNull ? nonNull.getType() : ((ListType) named).getType();
        }
        TypeDefinition<?> definition = types.getTypeOrNull(((TypeName) named).getName());
        // Built-in and AppSync scalars are not declared in the schema; enums and scalars take no selection.
        return definition != null
                && !(definition instanceof ScalarTypeDefinition)
                && !(definition instanceof EnumTypeDefinition);
    }

    /** A guest's credentials from the identity pool, when it lets guests in. */
    private Optional<AwsSessionCredentialsIdentity> guestCredentials() throws IOException, InterruptedException {
        if (stack.cognito().identityPoolId().isEmpty()
                || stack.cognito().guestRoleArn().isEmpty()) {
            return Optional.empty();
        }
        URI identity = stack.cognito().cognitoIdentityEndpoint();
        JsonNode id = JSON.readTree(send(
                identity,
                target("AWSCognitoIdentityService.GetId"),
                JSON.writeValueAsString(Map.of(
                        "IdentityPoolId", stack.cognito().identityPoolId().get()))));
        if (!id.hasNonNull("IdentityId")) {
            return Optional.empty();
        }
        JsonNode credentials = JSON.readTree(send(
                        identity,
                        target("AWSCognitoIdentityService.GetCredentialsForIdentity"),
                        JSON.writeValueAsString(
                                Map.of("IdentityId", id.get("IdentityId").asText()))))
                .path("Credentials");
        if (!credentials.hasNonNull("SecretKey")) {
            return Optional.empty();
        }
        return Optional.of(AwsSessionCredentialsIdentity.create(
                credentials.path("AccessKeyId").asText(),
                credentials.path("SecretKey").asText(),
                credentials.path("SessionToken").asText()));
    }

    private Map<String, String> signed(URI uri, String service, AwsCredentialsIdentity identity, String body) {
        return signed(uri, service, identity, body, Map.of("content-type", "application/json"));
    }

    private Map<String, String> signed(
            URI uri, String service, AwsCredentialsIdentity identity, String body, Map<String, String> headers) {
        SdkHttpRequest.Builder request =
                SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        headers.forEach(request::putHeader);
        Map<String, String> all = new LinkedHashMap<>(headers);
        SIGNER.sign(r -> r.identity(identity)
                        .request(request.build())
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, stack.region()))
                .request()
                .headers()
                .forEach((name, values) -> {
                    // java.net.http sets Host itself and refuses it as a header.
                    if (!name.equalsIgnoreCase("host") && !values.isEmpty()) {
                        all.put(name, values.get(0));
                    }
                });
        return all;
    }

    private static Map<String, String> target(String target) {
        return Map.of("x-amz-target", target, "content-type", AMZ_JSON);
    }

    private String send(URI uri, Map<String, String> headers, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
