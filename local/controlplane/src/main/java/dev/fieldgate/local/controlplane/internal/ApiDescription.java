package dev.fieldgate.local.controlplane.internal;

import dev.fieldgate.policy.ApiAuthorization;
import java.util.Objects;

/**
 * What the control plane reports about the local API, in the terms of the Terraform module's
 * {@code aws_appsync_graphql_api}: name {@code <api.name>-local}, the schema's auth modes, the user pool with the
 * client-id regex, depth limit and introspection.
 *
 * @param name             the API's name
 * @param authorization    the API's auth modes and the user pool's default action
 * @param userPoolId       the local user pool
 * @param appIdClientRegex the regex of accepted app client ids
 * @param queryDepthLimit  0 for none
 * @param introspection    whether introspection is enabled
 * @param schema           the deployed AppSync schema (SDL)
 * @param dataSourceName   the Direct Lambda data source's name ({@code <app>_local_resolvers})
 * @param functionName     the resolver function's name ({@code <app>-local-resolvers})
 * @param app              the app's name, the prefix of the roles' names
 */
public record ApiDescription(
        String name,
        ApiAuthorization authorization,
        String userPoolId,
        String appIdClientRegex,
        int queryDepthLimit,
        boolean introspection,
        String schema,
        String dataSourceName,
        String functionName,
        String app) {

    public ApiDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(app, "app");
    }
}
