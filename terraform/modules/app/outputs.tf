output "amplify_outputs" {
  description = "The client outputs file's contents. Without the written file (write_outputs_file = false): `terraform output -json amplify_outputs > amplify_outputs.json`."
  value       = local.outputs_document

  # Contract checks between fieldgate.json and the manifest; they stop `terraform plan` with a clear message.
  precondition {
    condition     = local.manifest.formatVersion == 1
    error_message = "${var.manifest_path} has formatVersion ${local.manifest.formatVersion}; this example reads version 1. Regenerate it with the matching `./fieldgate policy generate`."
  }

  precondition {
    condition     = local.api.apiKey == contains(concat([local.manifest.api.defaultAuthMode], local.manifest.api.additionalAuthModes), "API_KEY")
    error_message = "fieldgate.json api.apiKey is ${local.api.apiKey}, but the schema's @api directive ${local.api.apiKey ? "does not list" : "lists"} API_KEY. Make them agree and regenerate the manifest."
  }

  precondition {
    condition     = !local.api.apiKey || var.api_key_expires != null
    error_message = "fieldgate.json enables api.apiKey: set api_key_expires (RFC 3339, at most 365 days ahead)."
  }

  precondition {
    condition     = !local.storage_declared || local.storage_file
    error_message = "fieldgate.json declares storage, but ${coalesce(var.storage_path, "storage_path (not set)")} does not exist: run ./fieldgate policy generate <schema> --out <dir> --config <fieldgate.json> and pass storage_path."
  }

  precondition {
    condition     = !local.storage_file || local.storage.declared == try(local.config.storage.buckets, [])
    error_message = "${var.storage_path} was generated from another storage declaration than the environment's fieldgate.json: regenerate it with ./fieldgate policy generate --config (and declare buckets in fieldgate.json, not in an environment's overlay)."
  }

  precondition {
    condition     = alltrue([for name in local.identity_pool.clients : contains([for c in local.user_pool.clients : c.name], name)])
    error_message = "fieldgate.json identityPool.clients names a client that userPool.clients does not declare."
  }
}

output "environment" {
  description = "The environment."
  value       = var.environment
}

output "config" {
  description = "The environment's app config: fieldgate.json with its overlay fieldgate.<environment>.json merged over it."
  value       = local.config
}

output "app" {
  description = "The app's short name (`app` of fieldgate.json)."
  value       = local.app
}

output "region" {
  description = "The app's region (`region` of fieldgate.json): configure the AWS provider with it."
  value       = local.config.region
}

output "name_prefix" {
  description = "The prefix of every physical name: `<app>-<environment>`."
  value       = local.name_prefix
}

output "config_files" {
  description = "The app config files this environment was planned from: fieldgate.json and, when it exists, its overlay fieldgate.<environment>.json."
  value       = module.app_config.files
}

output "outputs_file" {
  description = "Path of the written outputs file, or null."
  value       = var.write_outputs_file ? abspath(local_file.outputs[0].filename) : null
}

output "graphql_url" {
  description = "The GraphQL endpoint."
  value       = module.api.graphql_url
}

output "realtime_url" {
  description = "The WebSocket endpoint for subscriptions."
  value       = module.api.realtime_url
}

output "api_id" {
  description = "The AppSync API id."
  value       = module.api.api_id
}

output "user_pool_id" {
  description = "The user pool id."
  value       = module.user_pool.user_pool_id
}

output "user_pool_client_ids" {
  description = "App client ids by name."
  value       = module.user_pool.client_ids
}

output "hosted_ui_base_url" {
  description = "Base URL of the hosted UI, or null."
  value       = module.user_pool.hosted_ui_base_url
}

output "identity_pool_id" {
  description = "The identity pool id."
  value       = module.identity_pool.identity_pool_id
}

output "guest_role_arn" {
  description = "The guest role, or null when guest access is off."
  value       = module.identity_pool.guest_role_arn
}

output "authenticated_role_arn" {
  description = "The role of signed-in identities."
  value       = module.identity_pool.authenticated_role_arn
}

output "function_name" {
  description = "The resolver function."
  value       = module.api.function_name
}

output "function_role_name" {
  description = "The resolver function's execution role."
  value       = module.api.function_role_name
}

output "function_environment_buckets" {
  description = "The `FIELDGATE_BUCKET_<NAME>` variables of the resolver function: physical names of the buckets storage.json grants it (its \"function\" statements); empty without."
  value       = local.function_bucket_environment
}

output "table_names" {
  description = "Physical DynamoDB table names by manifest table name."
  value       = module.api.table_names
}

output "table_arns" {
  description = "DynamoDB table ARNs by manifest table name."
  value       = module.api.table_arns
}

output "table_prefix" {
  description = "The prefix of the physical table names (`FIELDGATE_TABLE_PREFIX`)."
  value       = module.api.table_prefix
}

output "scheduled_function_names" {
  description = "The scheduled functions' physical names by name; empty without."
  value       = { for name, f in aws_lambda_function.scheduled : name => f.function_name }
}

output "client_secrets" {
  description = "Secrets of the confidential app clients (sensitive; `terraform output -json client_secrets`)."
  value       = module.user_pool.client_secrets
  sensitive   = true
}

output "api_key" {
  description = "The AppSync API key when enabled (sensitive)."
  value       = module.api.api_key
  sensitive   = true
}

output "web_acl_arn" {
  description = "The WAF web ACL in front of the API, or null without one."
  value       = module.api.web_acl_arn
}

output "alarm_arns" {
  description = "The CloudWatch alarms by name; empty without alarms."
  value       = module.api.alarm_arns
}

output "storage_bucket_names" {
  description = "Physical S3 bucket names by declared bucket name; empty without a storage section."
  value       = module.storage.bucket_names
}
