# The moments sample on AWS: everything modules/app wires (user pool, identity pool, AppSync API with its resolver
# function and tables, the storage section's buckets with the function's own grants, the client outputs file),
# configured from the files the local stack reads as well:
#   - samples/moments/fieldgate.json and the environment's samples/moments/fieldgate.<environment>.json
#   - samples/moments/target/fieldgate/{appsync.graphql,manifest.json,storage.json} (written by
#     `./fieldgate policy generate --config`, docs/manifest.md)
# What is the example's own: the provider (region from fieldgate.json, the account pinned, default tags), the
# environment guard (variables.tf), the state per environment (backend.tf, env/) and the pass-through outputs.

module "app" {
  source = "../../modules/app"

  environment            = var.environment
  production             = var.production
  config_path            = var.config_path
  appsync_schema_path    = var.appsync_schema_path
  manifest_path          = var.manifest_path
  function_artifact_path = var.function_artifact_path
  storage_path           = var.storage_path
  storage                = var.storage
  outputs_file_path      = var.outputs_file_path
  write_outputs_file     = var.write_outputs_file

  point_in_time_recovery  = var.point_in_time_recovery
  log_retention_days      = var.log_retention_days
  api_key_expires         = var.api_key_expires
  oidc_provider           = var.oidc_provider
  cognito_tier            = var.cognito_tier
  threat_protection       = var.threat_protection
  cognito_email           = var.cognito_email
  managed_login           = var.managed_login
  server_side_token_check = var.server_side_token_check
  waf                     = var.waf
  alarms                  = var.alarms
  permissions_boundary    = var.permissions_boundary
}

provider "aws" {
  region = module.app.region
  # With the environment's account given, the provider refuses to work in any other (wrong credentials, or the
  # variables of another environment).
  allowed_account_ids = var.aws_account_id == null ? null : [var.aws_account_id]

  default_tags {
    tags = merge(var.tags, {
      app         = module.app.app
      environment = var.environment
      managed-by  = "terraform"
    })
  }
}
