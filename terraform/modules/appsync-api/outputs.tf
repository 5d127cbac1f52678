output "api_id" {
  description = "The AppSync API id."
  value       = aws_appsync_graphql_api.this.id
}

output "api_arn" {
  description = "The AppSync API ARN; IAM grants are `<api_arn>/types/<Type>/fields/<field>`."
  value       = aws_appsync_graphql_api.this.arn
}

output "graphql_url" {
  description = "The GraphQL endpoint (`https://<id>.appsync-api.<region>.amazonaws.com/graphql`)."
  value       = aws_appsync_graphql_api.this.uris["GRAPHQL"]
}

output "realtime_url" {
  description = "The WebSocket endpoint for subscriptions."
  value       = aws_appsync_graphql_api.this.uris["REALTIME"]
}

output "default_authorization_type" {
  description = "The API's default authorization mode."
  value       = aws_appsync_graphql_api.this.authentication_type
}

output "additional_authorization_types" {
  description = "The API's additional authorization modes."
  value       = var.auth.additional_modes
}

output "api_key" {
  description = "The API key when API_KEY is a mode, else null. Sensitive: never written to the outputs file."
  value       = var.auth.api_key == null ? null : aws_appsync_api_key.this[0].key
  sensitive   = true
}

output "function_name" {
  description = "Name of the resolver function."
  value       = aws_lambda_function.this.function_name
}

output "function_arn" {
  description = "Unqualified ARN of the resolver function."
  value       = aws_lambda_function.this.arn
}

output "function_version" {
  description = "The published version the alias points at."
  value       = aws_lambda_function.this.version
}

output "function_alias_arn" {
  description = "ARN of the alias AppSync invokes."
  value       = aws_lambda_alias.this.arn
}

output "function_role_arn" {
  description = "ARN of the resolver function's execution role."
  value       = aws_iam_role.function.arn
}

output "function_role_name" {
  description = "Name of the resolver function's execution role, for policies attached outside the module (the app module's storage grants)."
  value       = aws_iam_role.function.name
}

output "data_source_name" {
  description = "Name of the Direct Lambda data source."
  value       = aws_appsync_datasource.resolvers.name
}

output "resolver_count" {
  description = "Number of resolvers attached."
  value       = length(aws_appsync_resolver.this)
}

output "table_prefix" {
  description = "The physical-name prefix of the tables (`<app>-<environment>-`), also given to the function as FIELDGATE_TABLE_PREFIX."
  value       = local.table_prefix
}

output "table_names" {
  description = "Physical table names by manifest table name."
  value       = { for name, t in aws_dynamodb_table.this : name => t.name }
}

output "table_arns" {
  description = "Table ARNs by manifest table name."
  value       = { for name, t in aws_dynamodb_table.this : name => t.arn }
}

output "log_group_names" {
  description = "CloudWatch log groups of the API (`api`) and the function (`function`)."
  value = {
    api      = aws_cloudwatch_log_group.appsync.name
    function = aws_cloudwatch_log_group.function.name
  }
}

output "web_acl_arn" {
  description = "ARN of the WAF web ACL in front of the API, or null without one."
  value       = var.waf.enabled ? aws_wafv2_web_acl.this[0].arn : null
}

output "alarm_arns" {
  description = "CloudWatch alarm ARNs by name (`resolver-errors`, `resolver-throttles`, `api-5xx`); empty without alarms."
  value       = { for name, a in aws_cloudwatch_metric_alarm.this : name => a.arn }
}
