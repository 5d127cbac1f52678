variable "environment" {
  description = "The environment: dev, staging, prod or another name. Part of every physical name (`<app>-<environment>-…`) and of the hosted UI domain prefix; selects the app config overlay `fieldgate.<environment>.json` and the outputs file `amplify_outputs.<environment>.json`. A root module keeps it equal to `terraform.workspace` (see the examples)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{0,11}$", var.environment)) && var.environment != "default"
    error_message = "environment must be 1-12 lower-case letters and digits, starting with a letter, and not \"default\"."
  }
}

variable "production" {
  description = "Production safety switch: deletion protection on the user pool and the tables, point-in-time recovery on, and a year of logs, whatever fieldgate.json says."
  type        = bool
  default     = false
}

variable "config_path" {
  description = "The app's `fieldgate.json` (the file the local stack reads too); its overlay `fieldgate.<environment>.json` is read from the same directory, and `function.artifact` is relative to it. Relative paths are relative to the directory Terraform runs in."
  type        = string
}

variable "appsync_schema_path" {
  description = "The deployable schema written by `./fieldgate policy generate <schema.graphql> --out <dir>` (`appsync.graphql`)."
  type        = string
}

variable "manifest_path" {
  description = "The policy manifest written by the same `policy generate` run (`manifest.json`, docs/manifest.md)."
  type        = string
}

variable "storage_path" {
  description = "The storage grants written by the same `policy generate` run with `--config <fieldgate.json>` (`storage.json`): the buckets, and the S3 statements of the guest and authenticated roles and of the resolver function. Read only when fieldgate.json has a storage section."
  type        = string
  default     = null
}

variable "storage" {
  description = "The buckets of fieldgate.json's storage section: `versioning` keeps earlier versions of overwritten objects (30 days), `force_destroy` lets `terraform destroy` empty them (never in production), `kms_key_arn` encrypts with a customer-managed key instead of S3's (see the storage module)."
  type = object({
    versioning    = optional(bool, false)
    force_destroy = optional(bool, false)
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
  description = "Where to write the client outputs file (`amplify_outputs.json` format) that `FieldgateConfig.fromOutputsFile(path)` reads, relative to the directory Terraform runs in. Null: `amplify_outputs.<environment>.json`, one file per environment."
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
  description = "Expiry (RFC 3339, at most 365 days ahead) of the AppSync API key, needed only when fieldgate.json enables `api.apiKey`. Rotate it by moving the date and applying again."
  type        = string
  default     = null
}

variable "oidc_provider" {
  description = "The OpenID Connect provider AppSync accepts tokens from, needed only when the schema's @api directive lists OPENID_CONNECT. TTLs are in milliseconds (0: no limit)."
  type = object({
    issuer    = string
    client_id = optional(string)
    auth_ttl  = optional(number)
    iat_ttl   = optional(number)
  })
  default = null

  validation {
    condition     = var.oidc_provider == null ? true : startswith(var.oidc_provider.issuer, "https://")
    error_message = "oidc_provider.issuer must be an https URL."
  }
}

variable "cognito_tier" {
  description = "The user pool's feature plan: `LITE`, `ESSENTIALS` or `PLUS` (needed by threat protection; billed per monthly active user)."
  type        = string
  default     = "ESSENTIALS"

  validation {
    condition     = contains(["LITE", "ESSENTIALS", "PLUS"], var.cognito_tier)
    error_message = "cognito_tier must be LITE, ESSENTIALS or PLUS."
  }
}

variable "threat_protection" {
  description = "Cognito threat protection (needs `cognito_tier = \"PLUS\"`): `mode` OFF, AUDIT or ENFORCED, the action on compromised credentials and the adaptive-authentication actions per risk level (see the user-pool module). Production: ENFORCED."
  type = object({
    mode                           = optional(string, "OFF")
    compromised_credentials_action = optional(string, "BLOCK")
    account_takeover_actions = optional(object({
      low    = optional(string, "NO_ACTION")
      medium = optional(string, "MFA_IF_CONFIGURED")
      high   = optional(string, "MFA_REQUIRED")
    }), {})
  })
  default = {}

  validation {
    condition     = contains(["OFF", "AUDIT", "ENFORCED"], var.threat_protection.mode)
    error_message = "threat_protection.mode must be OFF, AUDIT or ENFORCED."
  }
}

variable "cognito_email" {
  description = "How Cognito sends its emails (codes, invitations). `COGNITO_DEFAULT` is Cognito's own sender, limited to about 50 emails a day: fine for development. `DEVELOPER` sends through Amazon SES: a verified SES identity (`ses_identity_arn`, out of the SES sandbox) and the `from_address` on it, such as `Pins <no-reply@pins.example.com>`."
  type = object({
    sending_account   = optional(string, "COGNITO_DEFAULT")
    ses_identity_arn  = optional(string)
    from_address      = optional(string)
    reply_to_address  = optional(string)
    configuration_set = optional(string)
  })
  default = {}

  validation {
    condition     = contains(["COGNITO_DEFAULT", "DEVELOPER"], var.cognito_email.sending_account)
    error_message = "cognito_email.sending_account must be COGNITO_DEFAULT or DEVELOPER."
  }

  validation {
    condition     = var.cognito_email.sending_account != "DEVELOPER" || (var.cognito_email.ses_identity_arn != null && var.cognito_email.from_address != null)
    error_message = "cognito_email.sending_account DEVELOPER needs ses_identity_arn (a verified SES identity) and from_address."
  }

  validation {
    condition     = var.cognito_email.ses_identity_arn == null ? true : can(regex("^arn:aws[a-z-]*:ses:[a-z0-9-]+:[0-9]{12}:identity/[^/]+$", var.cognito_email.ses_identity_arn))
    error_message = "cognito_email.ses_identity_arn must be an SES identity ARN: arn:aws:ses:<region>:<account>:identity/<domain or address>."
  }
}

variable "managed_login" {
  description = "The hosted UI: `version` 1 is the classic hosted UI, 2 managed login, whose pages need a branding style per client; `settings` is that style (the JSON the Cognito console's branding editor exports, e.g. file(\"branding.json\")), null for Cognito's default style."
  type = object({
    version  = optional(number, 1)
    settings = optional(string)
  })
  default = {}

  validation {
    condition     = contains([1, 2], var.managed_login.version)
    error_message = "managed_login.version must be 1 (classic hosted UI) or 2 (managed login)."
  }

  validation {
    condition     = var.managed_login.settings == null ? true : can(jsondecode(var.managed_login.settings))
    error_message = "managed_login.settings must be a JSON document."
  }
}

variable "server_side_token_check" {
  description = "The identity pool checks with the user pool that a user's token has not been revoked or signed out globally before it hands out credentials. Production: true."
  type        = bool
  default     = false
}

variable "waf" {
  description = "A WAF web ACL in front of the API: a rate limit per client IP (`rate_limit` requests per `rate_window_seconds`) and AWS managed rule groups (see the appsync-api module). Production: enabled, the more so as guests reach the API without signing in."
  type = object({
    enabled             = optional(bool, false)
    rate_limit          = optional(number, 1000)
    rate_window_seconds = optional(number, 300)
    managed_rule_groups = optional(list(string), ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet"])
  })
  default = {}

  validation {
    condition     = var.waf.rate_limit >= 10 && var.waf.rate_limit <= 2000000000
    error_message = "waf.rate_limit must be between 10 and 2,000,000,000 requests per IP and window."
  }
}

variable "alarms" {
  description = "CloudWatch alarms on the resolver function's errors and throttles and the API's 5XX answers (see the appsync-api module); `actions` are the SNS topics to notify. Production: enabled."
  type = object({
    enabled                      = optional(bool, false)
    actions                      = optional(list(string), [])
    function_errors_threshold    = optional(number, 1)
    function_throttles_threshold = optional(number, 1)
    api_5xx_threshold            = optional(number, 1)
    period_seconds               = optional(number, 300)
    evaluation_periods           = optional(number, 1)
  })
  default = {}

  validation {
    condition     = alltrue([for a in var.alarms.actions : startswith(a, "arn:") && strcontains(a, ":sns:")])
    error_message = "alarms.actions must be SNS topic ARNs."
  }
}

variable "permissions_boundary" {
  description = "ARN of a permissions boundary for every IAM role the module creates, if your account requires one."
  type        = string
  default     = null
}

variable "scheduled_functions" {
  description = "Functions of the resolver function's jar that an EventBridge schedule invokes (the directory sample's FillUsers), by name (the physical function is `<app>-<environment>-<name>`): the `handler`; the `schedule` expression (`rate(...)` or `cron(...)`) and whether the rule is `enabled`; memory and timeout; extra `environment` variables (FIELDGATE_TABLE_PREFIX is set); and `table_statements`, what the function may do on which of the manifest's tables (DynamoDB actions only; nothing else is granted but its own log stream). `label` and `purpose` describe it: role \"Scheduled <label> function of <app> (<environment>)\", function \"<purpose> of <app> (<environment>) on a schedule\". Empty: none."
  type = map(object({
    label           = string
    purpose         = string
    handler         = string
    schedule        = string
    enabled         = optional(bool, true)
    memory_mb       = optional(number, 512)
    timeout_seconds = optional(number, 30)
    environment     = optional(map(string), {})
    table_statements = list(object({
      sid     = string
      actions = list(string)
      tables  = list(string)
    }))
  }))
  default = {}

  validation {
    condition     = alltrue([for name, f in var.scheduled_functions : can(regex("^[a-z][a-z0-9-]{0,30}$", name))])
    error_message = "scheduled_functions names are 1-31 lower-case letters, digits and hyphens, starting with a letter (they end the function's name)."
  }

  validation {
    condition     = alltrue([for f in values(var.scheduled_functions) : can(regex("^(rate|cron)\\(.+\\)$", f.schedule))])
    error_message = "scheduled_functions[*].schedule is an EventBridge schedule expression: rate(10 minutes) or cron(0 8 * * ? *)."
  }

  validation {
    condition = alltrue(flatten([for f in values(var.scheduled_functions) : [
      for s in f.table_statements : [for a in s.actions : startswith(a, "dynamodb:") && !strcontains(a, "*")]
    ]]))
    error_message = "scheduled_functions[*].table_statements allow DynamoDB actions only, each named (no wildcard)."
  }
}
