output "amplify_outputs" {
  description = "The client outputs file's contents. Without the written file (write_outputs_file = false): `terraform output -json amplify_outputs > amplify_outputs.json`."
  value       = module.app.amplify_outputs
}

output "environment" {
  description = "The environment this state holds (also the workspace)."
  value       = var.environment
}

output "config_files" {
  description = "The app config files this environment was planned from: fieldgate.json and, when it exists, its overlay fieldgate.<environment>.json."
  value       = module.app.config_files
}

output "outputs_file" {
  description = "Path of the written outputs file, or null."
  value       = module.app.outputs_file
}

output "graphql_url" {
  description = "The GraphQL endpoint."
  value       = module.app.graphql_url
}

output "realtime_url" {
  description = "The WebSocket endpoint for subscriptions."
  value       = module.app.realtime_url
}

output "api_id" {
  description = "The AppSync API id."
  value       = module.app.api_id
}

output "user_pool_id" {
  description = "The user pool id."
  value       = module.app.user_pool_id
}

output "user_pool_client_ids" {
  description = "App client ids by name."
  value       = module.app.user_pool_client_ids
}

output "hosted_ui_base_url" {
  description = "Base URL of the hosted UI, or null."
  value       = module.app.hosted_ui_base_url
}

output "identity_pool_id" {
  description = "The identity pool id."
  value       = module.app.identity_pool_id
}

output "guest_role_arn" {
  description = "The guest role, or null when guest access is off."
  value       = module.app.guest_role_arn
}

output "authenticated_role_arn" {
  description = "The role of signed-in identities."
  value       = module.app.authenticated_role_arn
}

output "function_name" {
  description = "The resolver function."
  value       = module.app.function_name
}

output "table_names" {
  description = "Physical DynamoDB table names by manifest table name."
  value       = module.app.table_names
}

output "client_secrets" {
  description = "Secrets of the confidential app clients (sensitive; `terraform output -json client_secrets`)."
  value       = module.app.client_secrets
  sensitive   = true
}

output "api_key" {
  description = "The AppSync API key when enabled (sensitive)."
  value       = module.app.api_key
  sensitive   = true
}

output "web_acl_arn" {
  description = "The WAF web ACL in front of the API, or null without one."
  value       = module.app.web_acl_arn
}

output "alarm_arns" {
  description = "The CloudWatch alarms by name; empty without alarms."
  value       = module.app.alarm_arns
}
