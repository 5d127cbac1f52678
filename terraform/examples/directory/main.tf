# The directory sample on AWS: everything modules/app wires (user pool, identity pool, AppSync API with its resolver
# function and tables, the client outputs file), configured from the files the local stack
# reads as well:
#   - samples/directory/fieldgate.json and the environment's samples/directory/fieldgate.<environment>.json
#   - samples/directory/target/fieldgate/{appsync.graphql,manifest.json} (written by
#     `./fieldgate policy generate`, docs/manifest.md)
# What is the example's own: the provider (region from fieldgate.json, the account pinned, default tags), the
# environment guard (variables.tf), the state per environment (backend.tf, env/) and the pass-through outputs.
# migrations.tf keeps the state of an earlier version of the example, which declared the modules itself.

module "app" {
  source = "../../modules/app"

  environment            = var.environment
  production             = var.production
  config_path            = var.config_path
  appsync_schema_path    = var.appsync_schema_path
  manifest_path          = var.manifest_path
  function_artifact_path = var.function_artifact_path
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

  # The function that fills the directory: samples/directory's FillUsers, from the same jar, on an EventBridge
  # schedule; it may put people into the User table and nothing else.
  scheduled_functions = {
    fill-users = {
      label           = "FillUsers"
      purpose         = "Fills the directory"
      handler         = var.fill_users.handler
      schedule        = var.fill_users.schedule
      enabled         = var.fill_users.enabled
      memory_mb       = var.fill_users.memory_mb
      timeout_seconds = var.fill_users.timeout_seconds
      environment     = { USERS_PER_RUN = tostring(var.fill_users.users_per_run) }
      table_statements = [
        { sid = "PutPeople", actions = ["dynamodb:PutItem"], tables = ["User"] },
      ]
    }
  }
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
