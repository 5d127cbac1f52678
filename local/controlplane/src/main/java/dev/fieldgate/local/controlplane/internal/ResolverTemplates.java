package dev.fieldgate.local.controlplane.internal;

/** The mapping templates the Terraform module deploys on every Direct Lambda resolver. */
final class ResolverTemplates {

    /**
     * {@code terraform/modules/appsync-api/templates/response.vtl}, byte for byte: the function's error envelope
     * becomes AppSync errors with exact error types. There is no request template (Direct Lambda).
     */
    static final String RESPONSE = """
            #if($ctx.error)
              $util.error($ctx.error.message, $ctx.error.type)
            #end
            #if($ctx.result.errorType)
              $util.error($ctx.result.errorMessage, $ctx.result.errorType, $ctx.result.data, $ctx.result.errorInfo)
            #end
            $util.toJson($ctx.result.data)
            """;

    /** The Lambda alias the data source calls (the module's default {@code function.alias}). */
    static final String FUNCTION_ALIAS = "live";

    private ResolverTemplates() {}
}
