# A Fieldgate app on AWS, wired end to end from the files the local stack reads as well:
#   - fieldgate.json and the environment's fieldgate.<environment>.json (merged by the app-config module as the local
#     stack merges them, docs/app-config.md)
#   - appsync.graphql, manifest.json and, with a storage section, storage.json (written by
#     `./fieldgate policy generate --config`, docs/manifest.md)
# app-config → user-pool → api (appsync-api) → identity-pool → storage, the resolver function's own S3 grants
# (storage.json's "function" statements) and bucket names, scheduled functions (scheduled.tf), and the client outputs
# file (outputs-file.tf). No provider block: the caller configures the AWS provider (region: output "region").

module "app_config" {
  source      = "../app-config"
  config_path = var.config_path
  environment = var.environment
}

locals {
  config   = module.app_config.config
  manifest = jsondecode(file(var.manifest_path))

  # The storage section's buckets and the roles' S3 statements, as the policy module derives them (storage.json).
  # Decoding text on both sides keeps the two branches of the conditional one type.
  storage_declared = try(local.config.storage, null) != null
  storage_file     = local.storage_declared && var.storage_path != null && fileexists(coalesce(var.storage_path, "-"))
  storage = jsondecode(local.storage_file ? file(var.storage_path) : jsonencode({
    buckets     = []
    corsOrigins = []
    declared    = []
    statements  = { guest = [], authenticated = [], function = [] }
    groupRoles  = {}
  }))
  storage_statements = {
    for role in ["guest", "authenticated", "function"] : role => [
      for s in try(local.storage.statements[role], []) : {
        sid           = s.sid
        bucket        = s.bucket
        actions       = s.actions
        objects       = s.objects
        list_prefixes = s.listPrefixes
      }
    ]
  }

  # Each user-pool group that paths grant access to: its precedence and its role's statements.
  group_roles = try(local.storage.groupRoles, {})

  # fieldgate.json paths are relative to the file itself.
  app_dir = dirname(var.config_path)

  app           = local.config.app
  user_pool     = local.config.userPool
  identity_pool = local.config.identityPool
  api           = local.config.api
  fn            = local.config.function

  name_prefix    = "${local.app}-${var.environment}"
  retention_days = coalesce(var.log_retention_days, var.production ? 365 : 30)

  # The buckets the resolver function is granted on (storage.json's "function" statements, for the URLs it presigns).
  function_buckets = distinct([for s in local.storage_statements.function : s.bucket])
  function_bucket_environment = {
    for b in local.function_buckets : "FIELDGATE_BUCKET_${upper(replace(b, "-", "_"))}" => module.storage.bucket_names[b]
  }

  verified = local.user_pool.autoVerifiedAttributes
  account_recovery = concat(
    contains(local.verified, "email") ? ["verified_email"] : [],
    contains(local.verified, "phone_number") ? ["verified_phone_number"] : [],
  )
}

module "user_pool" {
  source = "../user-pool"

  name                        = "${local.user_pool.name}-${var.environment}"
  username_attributes         = local.user_pool.usernameAttributes
  auto_verified_attributes    = local.verified
  required_attributes         = local.user_pool.requiredAttributes
  mfa                         = local.user_pool.mfa
  deletion_protection         = var.production || local.user_pool.deletionProtection
  account_recovery_mechanisms = length(local.account_recovery) > 0 ? local.account_recovery : ["admin_only"]
  tier                        = var.cognito_tier
  threat_protection           = var.threat_protection
  managed_login_branding      = { settings = var.managed_login.settings }

  email = {
    sending_account    = var.cognito_email.sending_account
    source_arn         = var.cognito_email.ses_identity_arn
    from_email_address = var.cognito_email.from_address
    reply_to_address   = var.cognito_email.reply_to_address
    configuration_set  = var.cognito_email.configuration_set
  }

  password_policy = {
    minimum_length                   = local.user_pool.passwordPolicy.minimumLength
    require_lowercase                = local.user_pool.passwordPolicy.requireLowercase
    require_uppercase                = local.user_pool.passwordPolicy.requireUppercase
    require_numbers                  = local.user_pool.passwordPolicy.requireNumbers
    require_symbols                  = local.user_pool.passwordPolicy.requireSymbols
    temporary_password_validity_days = try(local.user_pool.passwordPolicy.temporaryPasswordValidityDays, null)
  }

  groups = [for g in try(local.user_pool.groups, []) : {
    name        = g.name
    description = try(g.description, null)
    precedence  = try(g.precedence, null)
    role_arn    = lookup(module.identity_pool.group_role_arns, g.name, null)
  }]

  # Domain prefixes are unique per region across all AWS accounts, hence the environment suffix.
  domain = try(local.user_pool.domainPrefix, null) == null ? null : {
    prefix                = "${local.user_pool.domainPrefix}-${var.environment}"
    managed_login_version = var.managed_login.version
  }

  clients = [for c in local.user_pool.clients : {
    name                          = c.name
    generate_secret               = try(c.generateSecret, null)
    explicit_auth_flows           = try(c.explicitAuthFlows, null)
    allowed_oauth_flows           = try(c.allowedOAuthFlows, null)
    allowed_oauth_scopes          = try(c.allowedOAuthScopes, null)
    callback_urls                 = try(c.callbackUrls, null)
    logout_urls                   = try(c.logoutUrls, null)
    prevent_user_existence_errors = try(c.preventUserExistenceErrors, null)
    enable_token_revocation       = try(c.enableTokenRevocation, null)
    access_token_validity_minutes = try(c.accessTokenValidityMinutes, null)
    id_token_validity_minutes     = try(c.idTokenValidityMinutes, null)
    refresh_token_validity_days   = try(c.refreshTokenValidityDays, null)
    auth_session_validity_minutes = try(c.authSessionValidityMinutes, null)
  }]
}

module "api" {
  source = "../appsync-api"

  app         = local.app
  environment = var.environment
  name        = "${local.api.name}-${var.environment}"
  schema      = file(var.appsync_schema_path)

  auth = {
    default_mode     = local.manifest.api.defaultAuthMode
    additional_modes = local.manifest.api.additionalAuthModes
    user_pool = {
      user_pool_id   = module.user_pool.user_pool_id
      default_action = local.manifest.api.userPoolDefaultAction
      # Tokens of the app's own clients only.
      app_id_client_regex = "^(${join("|", [for c in local.user_pool.clients : module.user_pool.client_ids[c.name]])})$"
    }
    api_key = local.api.apiKey ? { expires = var.api_key_expires } : null
    oidc    = var.oidc_provider
  }

  resolvers = [for r in local.manifest.resolvers : {
    type           = r.type
    field          = r.field
    max_batch_size = r.maxBatchSize
  }]

  tables = [for t in local.manifest.tables : {
    name          = t.name
    partition_key = { name = t.partitionKey.name, type = t.partitionKey.type }
    sort_key      = t.sortKey == null ? null : { name = t.sortKey.name, type = t.sortKey.type }
    indexes = [for i in try(t.indexes, []) : {
      name          = i.name
      partition_key = { name = i.partitionKey.name, type = i.partitionKey.type }
      sort_key      = i.sortKey == null ? null : { name = i.sortKey.name, type = i.sortKey.type }
    }]
  }]

  dynamodb = {
    point_in_time_recovery = var.production || var.point_in_time_recovery
    deletion_protection    = var.production
  }

  function = {
    artifact_path   = coalesce(var.function_artifact_path, "${local.app_dir}/${local.fn.artifact}")
    handler         = local.fn.handler
    runtime         = local.fn.runtime
    memory_mb       = try(local.fn.memoryMb, null)
    timeout_seconds = try(local.fn.timeoutSeconds, null)
    # With storage.json's function statements: FIELDGATE_BUCKET_<NAME>, the physical name of each bucket the
    # function is granted on (the name upper-cased, '-' as '_'), as the local stack sets it.
    environment = merge(try(local.fn.environment, {}), local.function_bucket_environment)
  }

  logging = {
    field_log_level = local.api.fieldLogLevel
    retention_days  = local.retention_days
  }

  xray_enabled         = local.api.xrayEnabled
  query_depth_limit    = local.api.queryDepthLimit
  introspection        = local.api.introspection
  permissions_boundary = var.permissions_boundary
  waf                  = var.waf
  alarms               = var.alarms
}

module "identity_pool" {
  source = "../identity-pool"

  name                             = "${local.identity_pool.name}-${var.environment}"
  role_name_prefix                 = local.name_prefix
  allow_unauthenticated_identities = local.identity_pool.allowUnauthenticatedIdentities
  allow_classic_flow               = try(local.identity_pool.allowClassicFlow, false)
  permissions_boundary             = var.permissions_boundary

  user_pool = {
    endpoint                = module.user_pool.user_pool_endpoint
    client_ids              = [for name in local.identity_pool.clients : module.user_pool.client_ids[name]]
    server_side_token_check = var.server_side_token_check
  }

  # The manifest's grants, one field ARN each. The guest list only takes effect with guest access on.
  group_roles     = { for group, r in local.group_roles : group => { precedence = r.precedence } }
  appsync_api_arn = module.api.api_arn
  grants = {
    guest         = local.manifest.grants.guest
    authenticated = local.manifest.grants.authenticated
  }
}

# Files in S3 (fieldgate.json's storage section): private, encrypted, HTTPS-only buckets, and the identity pool
# roles' S3 statements. Without a storage section it creates nothing.
module "storage" {
  source = "../storage"

  name_prefix = local.name_prefix
  buckets     = [for b in local.storage.buckets : b.name]
  # Guest grants only reach guests when the pool hands out guest credentials (check "guest_grants_reachable").
  statements = {
    guest         = local.identity_pool.allowUnauthenticatedIdentities ? local.storage_statements.guest : []
    authenticated = local.storage_statements.authenticated
    groups = { for group, r in local.group_roles : group => [
      for s in r.statements : {
        sid = s.sid, bucket = s.bucket, actions = s.actions, objects = s.objects, list_prefixes = s.listPrefixes
      }
    ] }
  }
  roles = {
    guest         = module.identity_pool.guest_role_name
    authenticated = module.identity_pool.authenticated_role_name
    groups        = module.identity_pool.group_role_names
  }
  # The environment's origins: the overlay fieldgate.<environment>.json sets its own.
  cors_origins  = try(local.config.storage.corsOrigins, [])
  versioning    = var.storage.versioning
  force_destroy = var.storage.force_destroy && !var.production
  kms_key_arn   = var.storage.kms_key_arn
}

# The resolver function's own S3 statements (storage.json's "function" statements, derived from the paths fieldgate.json
# declares for "function"): exactly those actions on exactly those object patterns of the app's buckets, on the
# function's execution role. A presigned URL carries its signer's permissions, no more; a path not declared for the
# function gets nothing.
data "aws_iam_policy_document" "function_storage" {
  count = length(local.storage_statements.function) > 0 ? 1 : 0

  dynamic "statement" {
    for_each = local.storage_statements.function
    content {
      sid       = statement.value.sid
      effect    = "Allow"
      actions   = statement.value.actions
      resources = length(statement.value.objects) > 0 ? [for o in statement.value.objects : "${module.storage.bucket_arns[statement.value.bucket]}/${o}"] : [module.storage.bucket_arns[statement.value.bucket]]

      dynamic "condition" {
        for_each = length(statement.value.list_prefixes) > 0 ? [statement.value.list_prefixes] : []
        content {
          test     = "StringLike"
          variable = "s3:prefix"
          values   = condition.value
        }
      }
    }
  }

  # With a customer-managed key the objects it presigns for are encrypted with, the key too: through S3 only.
  dynamic "statement" {
    for_each = var.storage.kms_key_arn == null ? [] : [var.storage.kms_key_arn]
    content {
      sid       = "ObjectsKey"
      effect    = "Allow"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.${data.aws_region.current.region}.amazonaws.com"]
      }
    }
  }
}

# The region names the S3 endpoint a customer-managed key may be used through (kms:ViaService).
data "aws_region" "current" {}

resource "aws_iam_role_policy" "function_storage" {
  count = length(local.storage_statements.function) > 0 ? 1 : 0

  name   = "${local.name_prefix}-storage"
  role   = module.api.function_role_name
  policy = data.aws_iam_policy_document.function_storage[0].json

  lifecycle {
    precondition {
      condition = alltrue([
        for s in local.storage_statements.function :
        alltrue([for a in s.actions : contains(["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:DeleteObject", "s3:ListBucket"], a)])
        && alltrue([for p in concat(s.objects, s.list_prefixes) : can(regex("^[A-Za-z0-9!_.'()-]+/", p))])
      ])
      error_message = "storage.json's function statements may only allow S3 object actions and s3:ListBucket on declared paths (never a pattern that starts with a wildcard): regenerate it with ./fieldgate policy generate --config."
    }
  }
}

# What production needs (docs/deploying.md): a warning in every plan of production = true that lacks one of them.
# The offline validator (terraform/tools/validate) refuses such a prod.tfvars outright.
check "production_settings" {
  assert {
    condition     = !var.production || length(local.production_gaps) == 0
    error_message = "This is a production plan (production = true) without: ${join("; ", local.production_gaps)}."
  }
}

locals {
  production_gaps = concat(
    var.cognito_email.sending_account == "DEVELOPER" ? [] : ["email through SES (cognito_email.sending_account = \"DEVELOPER\"; Cognito's own sender allows about 50 emails a day)"],
    var.threat_protection.mode == "ENFORCED" ? [] : ["threat protection (threat_protection.mode = \"ENFORCED\", cognito_tier = \"PLUS\")"],
    var.server_side_token_check ? [] : ["server_side_token_check = true (the identity pool refuses revoked and signed-out tokens)"],
    var.waf.enabled ? [] : ["a WAF web ACL with a rate limit per IP (waf.enabled = true)${local.identity_pool.allowUnauthenticatedIdentities ? ": guests reach the API without signing in" : ""}"],
    var.alarms.enabled ? [] : ["CloudWatch alarms on resolver errors, throttles and API 5XX (alarms.enabled = true)"],
    local.api.introspection ? ["introspection off (api.introspection = false in fieldgate.${var.environment}.json)"] : [],
  )
}

check "guest_grants_reachable" {
  assert {
    condition     = local.identity_pool.allowUnauthenticatedIdentities || length(local.manifest.grants.guest) == 0
    error_message = "The schema lets guests read ${length(local.manifest.grants.guest)} fields, but fieldgate.json turns guest access off (identityPool.allowUnauthenticatedIdentities), so guests will get no credentials."
  }

  assert {
    condition     = local.identity_pool.allowUnauthenticatedIdentities || length(local.storage_statements.guest) == 0
    error_message = "fieldgate.json's storage section gives guests access to ${length(local.storage_statements.guest)} kinds of S3 request, but guest access is off (identityPool.allowUnauthenticatedIdentities), so guests will get no credentials."
  }
}
