variable "name" {
  description = "Identity pool name (for example `pins-identities-dev`)."
  type        = string

  validation {
    condition     = can(regex("^[\\w\\s+=,.@-]{1,128}$", var.name))
    error_message = "name must be 1-128 characters of letters, digits, spaces and + = , . @ - _ (Cognito's IdentityPoolName pattern)."
  }
}

variable "role_name_prefix" {
  description = "Prefix of the IAM role and policy names: `<prefix>-authenticated`, `<prefix>-guest`, `<prefix>-<role>-<n>-appsync`. Role names are unique per account, so include the environment."
  type        = string

  validation {
    condition     = can(regex("^[\\w+=,.@-]{1,50}$", var.role_name_prefix))
    error_message = "role_name_prefix must be 1-50 characters of letters, digits and + = , . @ - _ (IAM role names end at 64 characters)."
  }
}

variable "allow_unauthenticated_identities" {
  description = "Guest access: when true the pool hands out credentials of the guest role to callers who have not signed in."
  type        = bool
  default     = false
}

variable "allow_classic_flow" {
  description = "The basic (classic) flow: GetOpenIdToken, then STS AssumeRoleWithWebIdentity with a role the caller names. Leave it off unless a client needs it: the enhanced flow (GetCredentialsForIdentity) hands out only the pool's own roles."
  type        = bool
  default     = false
}

variable "user_pool" {
  description = "The user pool whose id tokens the identity pool accepts: its `endpoint` (`cognito-idp.<region>.amazonaws.com/<pool id>`) and the ids of the app clients allowed to sign in. `server_side_token_check` makes Cognito check with the user pool that a token has not been revoked or signed out globally."
  type = object({
    endpoint                = string
    client_ids              = list(string)
    server_side_token_check = optional(bool, false)
  })

  validation {
    condition     = length(var.user_pool.client_ids) > 0
    error_message = "user_pool.client_ids must name at least one app client."
  }
}

variable "appsync_api_arn" {
  description = "ARN of the AppSync API the grants refer to (`arn:<partition>:appsync:<region>:<account>:apis/<api id>`)."
  type        = string

  validation {
    condition     = can(regex("^arn:[a-z-]+:appsync:[a-z0-9-]+:[0-9]{12}:apis/[A-Za-z0-9]+$", var.appsync_api_arn))
    error_message = "appsync_api_arn must be an AppSync API ARN: arn:<partition>:appsync:<region>:<account>:apis/<api id>."
  }
}

variable "grants" {
  description = "The policy manifest's `grants`: `appsync:GraphQL` resource suffixes (`types/<Type>/fields/<field>`) for the guest and the authenticated role. Each becomes exactly one resource ARN; wildcards are refused."
  type = object({
    guest         = list(string)
    authenticated = list(string)
  })

  validation {
    condition = alltrue([
      for s in concat(var.grants.guest, var.grants.authenticated) :
      can(regex("^types/[_A-Za-z][_0-9A-Za-z]*/fields/[_A-Za-z][_0-9A-Za-z]*$", s))
    ])
    error_message = "Every grant must be types/<Type>/fields/<field> with GraphQL names; wildcards and other resource forms are not accepted."
  }
}

variable "group_roles" {
  description = "User-pool groups that get a role of their own (storage.json's `groupRoles`), by group name, each with its `precedence` (the user-pool module sets it on the group; the lowest wins `cognito:preferred_role`). Each role is `<role_name_prefix>-group-<group>`, trusted like the authenticated role and given its AppSync grants; the storage module adds its S3 statements. Empty: no group roles and no role mapping."
  type = map(object({
    precedence = number
  }))
  default = {}

  validation {
    condition     = alltrue([for g in keys(var.group_roles) : can(regex("^[A-Za-z0-9+=,.@_-]{1,32}$", g))])
    error_message = "Group names with a role may hold only letters, digits and + = , . @ _ - (at most 32), as they end the role's name."
  }

  validation {
    condition     = length(distinct([for g in values(var.group_roles) : g.precedence])) == length(var.group_roles)
    error_message = "Groups with roles need different precedences: with a tie Cognito names no preferred role and members get the authenticated role."
  }
}

variable "grants_per_policy" {
  description = "How many field ARNs go into one managed policy. IAM limits a managed policy to 6,144 characters and a role to 10 managed policies by default, so large schemas are split across several policies."
  type        = number
  default     = 30

  validation {
    condition     = var.grants_per_policy >= 1 && var.grants_per_policy <= 50
    error_message = "grants_per_policy must be between 1 and 50."
  }
}

variable "max_policies_per_role" {
  description = "The account's quota of managed policies per role (10 unless raised). Planning fails with a clear message if the grants need more."
  type        = number
  default     = 10
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
