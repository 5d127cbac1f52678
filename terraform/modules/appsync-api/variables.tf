variable "app" {
  description = "The app's short name from `fieldgate.json` (`app`). With `environment` it prefixes every physical name: `<app>-<environment>-…`."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.app))
    error_message = "app must match [a-z][a-z0-9-]{1,30}, as in fieldgate.json."
  }
}

variable "environment" {
  description = "Environment name (`dev`, `staging`, `prod`, …); part of every physical name."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{0,11}$", var.environment))
    error_message = "environment must be 1-12 lower-case letters and digits, starting with a letter."
  }
}

variable "name" {
  description = "AppSync API name."
  type        = string

  validation {
    condition     = can(regex("^[_A-Za-z][_0-9A-Za-z -]{0,64}$", var.name))
    error_message = "name must start with a letter or _ and contain letters, digits, _, - and spaces (at most 65 characters)."
  }
}

variable "schema" {
  description = "The deployable schema: the contents of `appsync.graphql` written by `fieldgate policy generate`."
  type        = string

  validation {
    condition     = length(trimspace(var.schema)) > 0
    error_message = "schema is empty; run `./fieldgate policy generate` first."
  }
}

variable "auth" {
  description = "Authorization modes, as the policy manifest's `api` lists them. `user_pool` is needed when AMAZON_COGNITO_USER_POOLS is used (`default_action` is the manifest's `userPoolDefaultAction`; `app_id_client_regex` limits which app clients' tokens the API accepts); `oidc` when OPENID_CONNECT is; `api_key` when API_KEY is (API keys expire: `expires` is an RFC 3339 time at most 365 days ahead)."
  type = object({
    default_mode     = string
    additional_modes = optional(list(string), [])
    user_pool = optional(object({
      user_pool_id        = string
      default_action      = optional(string, "ALLOW")
      app_id_client_regex = optional(string)
    }))
    oidc = optional(object({
      issuer    = string
      client_id = optional(string)
      auth_ttl  = optional(number)
      iat_ttl   = optional(number)
    }))
    api_key = optional(object({
      description = optional(string, "Fieldgate API key")
      expires     = string
    }))
  })

  validation {
    condition = alltrue([for m in concat([var.auth.default_mode], var.auth.additional_modes) :
    contains(["AMAZON_COGNITO_USER_POOLS", "AWS_IAM", "API_KEY", "OPENID_CONNECT"], m)])
    error_message = "Authorization modes must be AMAZON_COGNITO_USER_POOLS, AWS_IAM, API_KEY or OPENID_CONNECT (Lambda authorizers are not part of the kit)."
  }

  validation {
    condition     = length(distinct(concat([var.auth.default_mode], var.auth.additional_modes))) == 1 + length(var.auth.additional_modes)
    error_message = "Each authorization mode may appear once, and the default mode not again among the additional modes."
  }

  validation {
    condition     = !contains(concat([var.auth.default_mode], var.auth.additional_modes), "AMAZON_COGNITO_USER_POOLS") || var.auth.user_pool != null
    error_message = "auth.user_pool is required when AMAZON_COGNITO_USER_POOLS is an authorization mode."
  }

  validation {
    condition     = var.auth.user_pool == null ? true : contains(["ALLOW", "DENY"], var.auth.user_pool.default_action)
    error_message = "auth.user_pool.default_action must be ALLOW or DENY."
  }

  validation {
    # AppSync rejects DENY as soon as there are additional modes.
    condition     = var.auth.user_pool == null || length(var.auth.additional_modes) == 0 ? true : var.auth.user_pool.default_action == "ALLOW"
    error_message = "auth.user_pool.default_action must be ALLOW when there are additional authorization modes (AppSync requires it)."
  }

  validation {
    condition     = !contains(concat([var.auth.default_mode], var.auth.additional_modes), "OPENID_CONNECT") || var.auth.oidc != null
    error_message = "auth.oidc is required when OPENID_CONNECT is an authorization mode."
  }

  validation {
    condition     = contains(concat([var.auth.default_mode], var.auth.additional_modes), "API_KEY") == (var.auth.api_key != null)
    error_message = "auth.api_key must be set exactly when API_KEY is an authorization mode (fieldgate.json api.apiKey and the schema's @api directive must agree)."
  }

  validation {
    condition     = var.auth.api_key == null ? true : can(formatdate("YYYY", var.auth.api_key.expires))
    error_message = "auth.api_key.expires must be an RFC 3339 time such as 2027-01-31T00:00:00Z."
  }
}

variable "resolvers" {
  description = "The policy manifest's `resolvers`: one Direct Lambda resolver per `type`.`field`; `max_batch_size` (1-2000) turns on BatchInvoke."
  type = list(object({
    type           = string
    field          = string
    max_batch_size = optional(number)
  }))

  validation {
    condition     = alltrue([for r in var.resolvers : can(regex("^[_A-Za-z][_0-9A-Za-z]*$", r.type)) && can(regex("^[_A-Za-z][_0-9A-Za-z]*$", r.field))])
    error_message = "Resolver type and field must be GraphQL names."
  }

  validation {
    condition     = length(distinct([for r in var.resolvers : "${r.type}.${r.field}"])) == length(var.resolvers)
    error_message = "Each type.field may have only one resolver."
  }

  validation {
    condition     = alltrue([for r in var.resolvers : r.max_batch_size == null ? true : r.max_batch_size >= 1 && r.max_batch_size <= 2000])
    error_message = "max_batch_size must be null or between 1 and 2000."
  }
}

variable "tables" {
  description = "The policy manifest's `tables`. Each becomes an on-demand DynamoDB table named `<app>-<environment>-<name>` with encryption at rest; key types are DynamoDB's S, N or B."
  type = list(object({
    name          = string
    partition_key = object({ name = string, type = string })
    sort_key      = optional(object({ name = string, type = string }))
    indexes = optional(list(object({
      name          = string
      partition_key = object({ name = string, type = string })
      sort_key      = optional(object({ name = string, type = string }))
    })), [])
  }))
  default = []

  validation {
    condition     = alltrue([for t in var.tables : can(regex("^[A-Za-z0-9_.-]{1,200}$", t.name))])
    error_message = "Table names must be 1-200 characters of letters, digits, _ . and -."
  }

  validation {
    condition     = length(distinct([for t in var.tables : t.name])) == length(var.tables)
    error_message = "Table names must be unique."
  }

  validation {
    condition = alltrue(flatten([for t in var.tables : [
      for k in concat([t.partition_key, t.sort_key], flatten([for i in t.indexes : [i.partition_key, i.sort_key]])) :
      k == null ? true : contains(["S", "N", "B"], k.type)
    ]]))
    error_message = "Key attribute types must be S, N or B."
  }

  validation {
    condition     = alltrue([for t in var.tables : length(t.indexes) <= 20])
    error_message = "A table may have at most 20 global secondary indexes."
  }
}

variable "dynamodb" {
  description = "Table protection: point-in-time recovery (35 days of restorable history), deletion protection, and the KMS key for encryption at rest (null: the AWS managed key `aws/dynamodb`; a customer managed key ARN also gets the function the KMS permissions it needs)."
  type = object({
    point_in_time_recovery = optional(bool, true)
    deletion_protection    = optional(bool, false)
    kms_key_arn            = optional(string)
  })
  default = {}
}

variable "function" {
  description = "The resolver function, from `fieldgate.json` `function`: the deployable jar, the Spring Cloud Function handler, the Java runtime, memory (MB), timeout (seconds; AppSync gives up after 30) and extra environment variables. SnapStart is on by default; AppSync calls the alias."
  type = object({
    artifact_path        = string
    handler              = string
    runtime              = string
    memory_mb            = optional(number, 1024)
    timeout_seconds      = optional(number, 10)
    environment          = optional(map(string), {})
    architecture         = optional(string, "x86_64")
    snap_start           = optional(bool, true)
    alias                = optional(string, "live")
    reserved_concurrency = optional(number)
    log_format           = optional(string, "Text")
  })

  validation {
    condition     = contains(["java17", "java21"], var.function.runtime)
    error_message = "function.runtime must be java17 or java21."
  }

  validation {
    condition     = can(regex("^[^\\s]{1,128}$", var.function.handler))
    error_message = "function.handler must be a Lambda handler string without spaces, e.g. org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest."
  }

  validation {
    condition     = var.function.memory_mb >= 128 && var.function.memory_mb <= 10240
    error_message = "function.memory_mb must be between 128 and 10240."
  }

  validation {
    condition     = var.function.timeout_seconds >= 1 && var.function.timeout_seconds <= 30
    error_message = "function.timeout_seconds must be between 1 and 30: AppSync stops waiting for a resolver after 30 seconds."
  }

  validation {
    condition     = contains(["x86_64", "arm64"], var.function.architecture)
    error_message = "function.architecture must be x86_64 or arm64."
  }

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_-]{0,127}$", var.function.alias)) && !can(regex("^[0-9]+$", var.function.alias))
    error_message = "function.alias must be a Lambda alias name (letters, digits, - and _, starting with a letter)."
  }

  validation {
    condition     = contains(["Text", "JSON"], var.function.log_format)
    error_message = "function.log_format must be Text or JSON."
  }

  validation {
    condition     = alltrue([for k in keys(var.function.environment) : can(regex("^[A-Za-z][A-Za-z0-9_]*$", k))])
    error_message = "Environment variable names must start with a letter and contain only letters, digits and _."
  }

  validation {
    # Set by the module, or reserved by Lambda (setting them fails at apply).
    condition = length(setintersection(keys(var.function.environment), [
      "FIELDGATE_TABLE_PREFIX", "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
      "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
      "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY",
      "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT",
      "LAMBDA_RUNTIME_DIR",
    ])) == 0
    error_message = "function.environment must not set FIELDGATE_TABLE_PREFIX (the module sets it) or variables Lambda reserves (AWS_REGION, _HANDLER, AWS_LAMBDA_*, credentials, …)."
  }

  validation {
    condition     = var.function.reserved_concurrency == null ? true : var.function.reserved_concurrency >= 0
    error_message = "function.reserved_concurrency must be null or zero or more."
  }
}

variable "logging" {
  description = "AppSync logging: `field_log_level` (NONE, ERROR, ALL; request-level logs are always on), `exclude_verbose_content` (keep headers, context and evaluated templates out of the logs), and how long CloudWatch keeps the AppSync and Lambda logs."
  type = object({
    field_log_level         = optional(string, "ERROR")
    exclude_verbose_content = optional(bool, true)
    retention_days          = optional(number, 30)
  })
  default = {}

  validation {
    condition     = contains(["NONE", "ERROR", "ALL"], var.logging.field_log_level)
    error_message = "logging.field_log_level must be NONE, ERROR or ALL."
  }

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.logging.retention_days)
    error_message = "logging.retention_days must be one of CloudWatch's values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "xray_enabled" {
  description = "X-Ray tracing for the API and the function."
  type        = bool
  default     = false
}

variable "query_depth_limit" {
  description = "Maximum depth of a query (1-75); 0 means no limit."
  type        = number
  default     = 0

  validation {
    condition     = var.query_depth_limit >= 0 && var.query_depth_limit <= 75
    error_message = "query_depth_limit must be between 0 (no limit) and 75."
  }
}

variable "introspection" {
  description = "Answer introspection queries. Turning it off hides the schema from clients (tools such as code generators then need the schema file)."
  type        = bool
  default     = true
}

variable "waf" {
  description = "A WAF web ACL in front of the API: `rate_limit` requests per client IP in `rate_window_seconds` (60, 120, 300 or 600) before WAF blocks that IP, and the AWS managed rule groups to apply (by name, vendor AWS). The default groups block known-malicious IPs and request patterns; `AWSManagedRulesCommonRuleSet` is left out because its 8 KB body limit blocks large GraphQL requests."
  type = object({
    enabled             = optional(bool, false)
    rate_limit          = optional(number, 1000)
    rate_window_seconds = optional(number, 300)
    managed_rule_groups = optional(list(string), ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet"])
  })
  default = {}

  validation {
    condition     = var.waf.rate_limit >= 10 && var.waf.rate_limit <= 2000000000 && floor(var.waf.rate_limit) == var.waf.rate_limit
    error_message = "waf.rate_limit must be a whole number from 10 to 2,000,000,000 (requests per IP in the window)."
  }

  validation {
    condition     = contains([60, 120, 300, 600], var.waf.rate_window_seconds)
    error_message = "waf.rate_window_seconds must be 60, 120, 300 or 600."
  }

  validation {
    condition     = alltrue([for g in var.waf.managed_rule_groups : can(regex("^AWSManagedRules[A-Za-z0-9]+$", g))]) && length(distinct(var.waf.managed_rule_groups)) == length(var.waf.managed_rule_groups)
    error_message = "waf.managed_rule_groups must name distinct AWS managed rule groups (AWSManagedRules...)."
  }
}

variable "alarms" {
  description = "CloudWatch alarms on the resolver function's Errors and Throttles and the API's 5XXError, each the Sum over `period_seconds` compared with its threshold for `evaluation_periods` periods. `actions` are the SNS topic ARNs notified when an alarm fires and when it clears (empty: the alarms only show in CloudWatch)."
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
    condition     = alltrue([for a in var.alarms.actions : can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_.-]{1,256}$", a))])
    error_message = "alarms.actions must be SNS topic ARNs (arn:aws:sns:<region>:<account>:<topic>)."
  }

  validation {
    condition     = var.alarms.period_seconds >= 60 && var.alarms.period_seconds % 60 == 0
    error_message = "alarms.period_seconds must be a multiple of 60 (standard-resolution metrics)."
  }

  validation {
    condition     = var.alarms.evaluation_periods >= 1 && var.alarms.function_errors_threshold >= 1 && var.alarms.function_throttles_threshold >= 1 && var.alarms.api_5xx_threshold >= 1
    error_message = "alarms.evaluation_periods and the thresholds must be at least 1."
  }
}

variable "permissions_boundary" {
  description = "ARN of a permissions boundary to put on every role the module creates, or null."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for every resource that takes them (on top of the provider's default_tags)."
  type        = map(string)
  default     = {}
}
