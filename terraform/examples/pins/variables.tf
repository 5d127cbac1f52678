variable "environment" {
  description = "Environment name; part of every physical name (`pins-dev-…`) and of the hosted UI domain prefix."
  type        = string
  default     = "dev"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{0,11}$", var.environment))
    error_message = "environment must be 1-12 lower-case letters and digits, starting with a letter."
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
  default     = "../../../samples/pins/fieldgate.json"
}

variable "appsync_schema_path" {
  description = "The deployable schema written by `./fieldgate policy generate samples/pins/schema.graphql --out samples/pins/target/fieldgate`."
  type        = string
  default     = "../../../samples/pins/target/fieldgate/appsync.graphql"
}

variable "manifest_path" {
  description = "The policy manifest written by the same `policy generate` run."
  type        = string
  default     = "../../../samples/pins/target/fieldgate/manifest.json"
}

variable "function_artifact_path" {
  description = "The resolver function's deployable jar. Null: `function.artifact` of fieldgate.json, relative to that file (where `./fieldgate` builds it)."
  type        = string
  default     = null
}

variable "outputs_file_path" {
  description = "Where to write the client outputs file (`amplify_outputs.json` format) that `FieldgateConfig.fromOutputsFile(path)` reads, relative to the directory Terraform runs in."
  type        = string
  default     = "amplify_outputs.json"
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
