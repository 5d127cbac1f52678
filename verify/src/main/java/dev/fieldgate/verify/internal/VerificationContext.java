package dev.fieldgate.verify.internal;

import dev.fieldgate.config.AppConfig;
import dev.fieldgate.config.AuthOutputs;
import dev.fieldgate.config.FieldgateOutputs;
import dev.fieldgate.config.OutputsFile;
import dev.fieldgate.policy.CompiledSchema;
import dev.fieldgate.policy.Manifest;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.appsync.model.GraphqlApi;
import software.amazon.awssdk.services.appsync.model.NotFoundException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * What every check reads: the environment as its outputs file describes it, the schema it should run, the app
 * config when given, the AWS clients, and the two remote reads several checks share (who is calling, and the API).
 *
 * @param appConfig the app's {@code fieldgate.json}; without it the API's settings are reported, not compared
 * @param storage   the outputs file's storage section (the deployed buckets' names)
 */
public record VerificationContext(
        OutputsFile outputs,
        FieldgateOutputs fieldgate,
        CompiledSchema schema,
        Optional<AppConfig> appConfig,
        String region,
        boolean guestCall,
        Duration timeout,
        AwsClients aws,
        Lookup<Caller> caller,
        Lookup<Api> api,
        StorageOutputs storage) {

    /** Who the checking credentials belong to. */
    public record Caller(String account, String arn, String partition) {}

    /** The deployed API, or why there is none ({@code missing}: it does not exist in this account and region). */
    public record Api(GraphqlApi api, String missing) {}

    public static VerificationContext of(
            OutputsFile outputs,
            CompiledSchema schema,
            Optional<AppConfig> appConfig,
            String region,
            boolean guestCall,
            Duration timeout,
            AwsClients aws,
            StorageOutputs storage) {
        FieldgateOutputs fieldgate = outputs.fieldgate().orElseThrow();
        String apiId = fieldgate.apiId();
        Lookup<Caller> caller = new Lookup<>(() -> {
            GetCallerIdentityResponse answer = aws.sts().getCallerIdentity();
            String[] arn = answer.arn() == null ? new String[0] : answer.arn().split(":", 6);
            return new Caller(answer.account(), answer.arn(), arn.length == 6 ? arn[1] : "aws");
        });
        Lookup<Api> api = new Lookup<>(() -> {
            try {
                return new Api(aws.appSync().getGraphqlApi(r -> r.apiId(apiId)).graphqlApi(), null);
            } catch (NotFoundException e) {
                return new Api(null, "the API " + apiId + " does not exist in " + region);
            }
        });
        return new VerificationContext(
                outputs, fieldgate, schema, appConfig, region, guestCall, timeout, aws, caller, api, storage);
    }

    public Manifest manifest() {
        return schema.manifest();
    }

    public String apiId() {
        return fieldgate.apiId();
    }

    /** Why the schema and resolver checks have nothing to read, if the API does not exist. */
    public Optional<String> apiMissing() {
        return api.find().map(Api::missing);
    }

    public Optional<AuthOutputs> auth() {
        return outputs.auth();
    }

    public String userPoolId() {
        return auth().map(AuthOutputs::userPoolId).orElse(null);
    }

    public String identityPoolId() {
        return auth().map(AuthOutputs::identityPoolId).orElse(null);
    }

    public boolean guestsEnabled() {
        return auth().map(AuthOutputs::unauthenticatedIdentitiesEnabled).orElse(false);
    }

    public String graphqlUrl() {
        return outputs.data().map(data -> data.url()).orElse(null);
    }

    /** Every app client id the outputs file names. */
    public Set<String> clientIds() {
        Set<String> ids = new LinkedHashSet<>();
        auth().map(AuthOutputs::userPoolClientId).ifPresent(ids::add);
        ids.addAll(fieldgate.userPoolClients().values());
        return ids;
    }

    public String guestRoleArn() {
        return fieldgate.guestRoleArn();
    }

    public String authenticatedRoleArn() {
        return fieldgate.authenticatedRoleArn();
    }

    /** The account of the roles the outputs file names. */
    public Optional<String> rolesAccount() {
        return accountOf(authenticatedRoleArn()).or(() -> accountOf(guestRoleArn()));
    }

    /** The API's ARN: as AppSync reports it, else built from the caller's (or the roles') account. */
    public Optional<String> apiArn() {
        Optional<GraphqlApi> deployed = api.find().map(Api::api);
        if (deployed.isPresent() && deployed.get().arn() != null) {
            return Optional.of(deployed.get().arn());
        }
        Optional<Caller> who = caller.find();
        Optional<String> owner = who.map(Caller::account).or(this::rolesAccount);
        String partition = who.map(Caller::partition).orElse("aws");
        return owner.map(account -> "arn:" + partition + ":appsync:" + region + ":" + account + ":apis/" + apiId());
    }

    public static Optional<String> accountOf(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && !parts[4].isEmpty() ? Optional.of(parts[4]) : Optional.empty();
    }
}
