variable "environment" {
  description = "The environment: dev, staging, prod or another name. Part of every physical name (`moments-dev-…`) and of the hosted UI domain prefix; selects the app config overlay `fieldgate.<environment>.json` and the outputs file `amplify_outputs.<environment>.json`. It must equal the selected workspace (`terraform workspace select <environment>`), which selects the environment's state: the plan stops when they differ."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{0,11}$", var.environment)) && var.environment != "default"
    error_message = "environment must be 1-12 lower-case letters and digits, starting with a letter, and not \"default\"."
  }

  validation {
    # The guard that keeps environments apart: the variables of one environment never plan against another's state.
    condition     = var.environment == terraform.workspace
    error_message = "The variables are for environment \"${var.environment}\" but the selected workspace (and so the state) is \"${terraform.workspace}\". Select the environment's state first: terraform init -reconfigure -backend-config=env/${var.environment}.tfbackend && terraform workspace select -or-create ${var.environment}; or pass the variables of the workspace's environment (-var-file=${terraform.workspace}.tfvars)."
  }
}

variable "aws_account_id" {
  description = "The environment's AWS account. Set, the provider refuses to create, change or destroy anything in another account (wrong credentials, or another environment's variables). Null: no check."
  type        = string
  default     = null

  validation {
    condition     = var.aws_account_id == null ? true : can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be a 12-digit AWS account id."
  }
}

variable "production" {
  description = "Production safety switch: deletion protection on the user pool and the tables, point-in-time recovery on, and a year of logs, whatever fieldgate.json says."
  type        = bool
  default     = false
}

variable "config_path" {
  description = "The app's `fieldgate.json` (the file the local stack reads too). Relative paths are relative to the directory Terraform runs in."
  type        = string
  default     = "../../../samples/moments/fieldgate.json"
}

variable "appsync_schema_path" {
  description = "The deployable schema written by `./fieldgate policy generate samples/moments/schema.graphql --out samples/moments/target/fieldgate`."
  type        = string
  default     = "../../../samples/moments/target/fieldgate/appsync.graphql"
}

variable "manifest_path" {
  description = "The policy manifest written by the same `policy generate` run."
  type        = string
  default     = "../../../samples/moments/target/fieldgate/manifest.json"
}

variable "storage_path" {
  description = "The storage grants written by the same `policy generate` run with `--config samples/moments/fieldgate.json` (storage.json), read when fieldgate.json has a storage section."
  type        = string
  default     = "../../../samples/moments/target/fieldgate/storage.json"
}

variable "storage" {
  description = "The buckets of fieldgate.json's storage section: `versioning`, `force_destroy` (never in production), `kms_key_arn` (modules/app, `storage`). Unset attributes take the module's defaults."
  type = object({
    versioning    = optional(bool)
    force_destroy = optional(bool)
    kms_key_arn   = optional(string)
  })
  default = {}
}

variable "function_artifact_path" {
  description = "The resolver function's deployable jar. Null: `function.artifact` of fieldgate.json, relative to that file (where `./fieldgate` builds it)."
  type        = string
  default     = null
}

variable "outputs_file_path" {
  description = "Where to write the client outputs file, relative to the directory Terraform runs in. Null: `amplify_outputs.<environment>.json`, one file per environment."
  type        = string
  default     = null
}

variable "write_outputs_file" {
  description = "Write the outputs file. When false, take the same document from `terraform output -json amplify_outputs`."
  type        = bool
  default     = true
}

variable "point_in_time_recovery" {
  description = "Point-in-time recovery for the tables outside production (always on in production)."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "How long CloudWatch keeps API and function logs. Null: 30 days, or 365 in production."
  type        = number
  default     = null
}

variable "api_key_expires" {
  description = "Expiry (RFC 3339, at most 365 days ahead) of the AppSync API key, needed only when fieldgate.json enables `api.apiKey`."
  type        = string
  default     = null
}

variable "oidc_provider" {
  description = "The OpenID Connect provider AppSync accepts tokens from, needed only when the schema's @api directive lists OPENID_CONNECT (modules/app, `oidc_provider`)."
  type = object({
    issuer    = string
    client_id = optional(string)
    auth_ttl  = optional(number)
    iat_ttl   = optional(number)
  })
  default = null
}

variable "cognito_tier" {
  description = "The user pool's feature plan: `LITE`, `ESSENTIALS` or `PLUS` (needed by threat protection)."
  type        = string
  default     = "ESSENTIALS"
}

variable "threat_protection" {
  description = "Cognito threat protection (needs `cognito_tier = \"PLUS\"`); production: `mode = \"ENFORCED\"`. Unset attributes take modules/app's defaults (`threat_protection`)."
  type = object({
    mode                           = optional(string)
    compromised_credentials_action = optional(string)
    account_takeover_actions = optional(object({
      low    = optional(string)
      medium = optional(string)
      high   = optional(string)
    }))
  })
  default = {}
}

variable "cognito_email" {
  description = "How Cognito sends its emails: `COGNITO_DEFAULT` (about 50 a day, development) or `DEVELOPER` through SES with `ses_identity_arn` and `from_address`, such as `Moments <no-reply@moments.example.com>` (modules/app, `cognito_email`)."
  type = object({
    sending_account   = optional(string)
    ses_identity_arn  = optional(string)
    from_address      = optional(string)
    reply_to_address  = optional(string)
    configuration_set = optional(string)
  })
  default = {}
}

variable "managed_login" {
  description = "The hosted UI: `version` 1 (classic) or 2 (managed login) and the branding `settings` (modules/app, `managed_login`)."
  type = object({
    version  = optional(number)
    settings = optional(string)
  })
  default = {}
}

variable "server_side_token_check" {
  description = "The identity pool checks that a user's token has not been revoked or signed out before it hands out credentials. Production: true."
  type        = bool
  default     = false
}

variable "waf" {
  description = "A WAF web ACL in front of the API with a rate limit per client IP (modules/app, `waf`). Production: enabled."
  type = object({
    enabled             = optional(bool)
    rate_limit          = optional(number)
    rate_window_seconds = optional(number)
    managed_rule_groups = optional(list(string))
  })
  default = {}
}

variable "alarms" {
  description = "CloudWatch alarms on the functions' errors and throttles and the API's 5XX answers, to the SNS topics in `actions` (modules/app, `alarms`). Production: enabled."
  type = object({
    enabled                      = optional(bool)
    actions                      = optional(list(string))
    function_errors_threshold    = optional(number)
    function_throttles_threshold = optional(number)
    api_5xx_threshold            = optional(number)
    period_seconds               = optional(number)
    evaluation_periods           = optional(number)
  })
  default = {}
}

variable "permissions_boundary" {
  description = "ARN of a permissions boundary for every IAM role the example creates, if your account requires one."
  type        = string
  default     = null
}

variable "tags" {
  description = "Extra tags for every resource (the provider adds app, environment and managed-by)."
  type        = map(string)
  default     = {}
}
