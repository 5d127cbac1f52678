locals {
  prefix = "${var.app}-${var.environment}"

  # What the resolver runtime prepends to a manifest table name to find the physical table.
  table_prefix = "${local.prefix}-"

  # Data source names are GraphQL-like identifiers: no hyphens.
  data_source_name = "${replace(local.prefix, "-", "_")}_resolvers"

  resolvers = { for r in var.resolvers : "${r.type}.${r.field}" => r }

  response_template = file("${path.module}/templates/response.vtl")
}

resource "aws_appsync_graphql_api" "this" {
  name                 = var.name
  authentication_type  = var.auth.default_mode
  schema               = var.schema
  visibility           = "GLOBAL"
  xray_enabled         = var.xray_enabled
  query_depth_limit    = var.query_depth_limit
  introspection_config = var.introspection ? "ENABLED" : "DISABLED"

  dynamic "user_pool_config" {
    for_each = var.auth.default_mode == "AMAZON_COGNITO_USER_POOLS" ? [var.auth.user_pool] : []
    content {
      user_pool_id        = user_pool_config.value.user_pool_id
      default_action      = user_pool_config.value.default_action
      app_id_client_regex = user_pool_config.value.app_id_client_regex
    }
  }

  dynamic "openid_connect_config" {
    for_each = var.auth.default_mode == "OPENID_CONNECT" ? [var.auth.oidc] : []
    content {
      issuer    = openid_connect_config.value.issuer
      client_id = openid_connect_config.value.client_id
      auth_ttl  = openid_connect_config.value.auth_ttl
      iat_ttl   = openid_connect_config.value.iat_ttl
    }
  }

  dynamic "additional_authentication_provider" {
    for_each = var.auth.additional_modes
    content {
      authentication_type = additional_authentication_provider.value

      # An additional user-pool provider has no default_action: AppSync only knows that for the default mode.
      dynamic "user_pool_config" {
        for_each = additional_authentication_provider.value == "AMAZON_COGNITO_USER_POOLS" ? [var.auth.user_pool] : []
        content {
          user_pool_id        = user_pool_config.value.user_pool_id
          app_id_client_regex = user_pool_config.value.app_id_client_regex
        }
      }

      dynamic "openid_connect_config" {
        for_each = additional_authentication_provider.value == "OPENID_CONNECT" ? [var.auth.oidc] : []
        content {
          issuer    = openid_connect_config.value.issuer
          client_id = openid_connect_config.value.client_id
          auth_ttl  = openid_connect_config.value.auth_ttl
          iat_ttl   = openid_connect_config.value.iat_ttl
        }
      }
    }
  }

  log_config {
    cloudwatch_logs_role_arn = aws_iam_role.appsync_logs.arn
    field_log_level          = var.logging.field_log_level
    exclude_verbose_content  = var.logging.exclude_verbose_content
  }

  tags = var.tags
}

resource "aws_appsync_api_key" "this" {
  count = var.auth.api_key == null ? 0 : 1

  api_id      = aws_appsync_graphql_api.this.id
  description = var.auth.api_key.description
  expires     = var.auth.api_key.expires
}

# AppSync writes to /aws/appsync/apis/<api id>. Creating the group here (before the logs role may create
# anything, see iam.tf) gives it a retention period instead of "never expire".
resource "aws_cloudwatch_log_group" "appsync" {
  name              = "/aws/appsync/apis/${aws_appsync_graphql_api.this.id}"
  retention_in_days = var.logging.retention_days
  tags              = var.tags
}

resource "aws_appsync_datasource" "resolvers" {
  api_id           = aws_appsync_graphql_api.this.id
  name             = local.data_source_name
  description      = "Direct Lambda resolvers (${aws_lambda_function.this.function_name}:${aws_lambda_alias.this.name})"
  type             = "AWS_LAMBDA"
  service_role_arn = aws_iam_role.datasource.arn

  lambda_config {
    # The alias, not the function: SnapStart only applies to published versions.
    function_arn = aws_lambda_alias.this.arn
  }

  # The role must be able to invoke the alias before the first request arrives.
  depends_on = [aws_iam_role_policy.datasource]
}

# Direct Lambda resolvers: no request template, so AppSync sends its standard event (a list of them for a
# BatchInvoke). The response template turns the function's envelope into AppSync errors with exact error types
# (docs/resolver-contract.md); the local stack applies the same template.
resource "aws_appsync_resolver" "this" {
  for_each = local.resolvers

  api_id            = aws_appsync_graphql_api.this.id
  type              = each.value.type
  field             = each.value.field
  kind              = "UNIT"
  data_source       = aws_appsync_datasource.resolvers.name
  max_batch_size    = each.value.max_batch_size
  response_template = local.response_template
}
