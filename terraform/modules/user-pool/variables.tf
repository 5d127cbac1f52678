variable "name" {
  description = "User pool name. Not unique in AWS, but keep one per app and environment (for example `pins-users-dev`)."
  type        = string

  validation {
    condition     = can(regex("^[\\w\\s+=,.@-]{1,128}$", var.name))
    error_message = "name must be 1-128 characters of letters, digits, spaces and + = , . @ - _ (Cognito's UserPoolName pattern)."
  }
}

variable "username_attributes" {
  description = "Attributes users sign in with instead of a separate username: `[\"email\"]`, `[\"phone_number\"]`, both, or `[]` for plain usernames."
  type        = list(string)
  default     = ["email"]

  validation {
    condition     = alltrue([for a in var.username_attributes : contains(["email", "phone_number"], a)])
    error_message = "username_attributes may only contain \"email\" and \"phone_number\"."
  }
}

variable "auto_verified_attributes" {
  description = "Attributes Cognito verifies with a code at sign-up (`email`, `phone_number`). Sending SMS codes also needs an SNS setup that this module does not create."
  type        = list(string)
  default     = ["email"]

  validation {
    condition     = alltrue([for a in var.auto_verified_attributes : contains(["email", "phone_number"], a)])
    error_message = "auto_verified_attributes may only contain \"email\" and \"phone_number\"."
  }
}

variable "required_attributes" {
  description = "Standard attributes users must give at sign-up. Cognito cannot change this list after the pool exists: a change means a new pool."
  type        = list(string)
  default     = ["email"]

  validation {
    condition = alltrue([for a in var.required_attributes : contains([
      "address", "birthdate", "email", "family_name", "gender", "given_name", "locale", "middle_name", "name",
      "nickname", "phone_number", "picture", "preferred_username", "profile", "website", "zoneinfo",
    ], a)])
    error_message = "required_attributes must be standard string attributes of Cognito (address, birthdate, email, family_name, gender, given_name, locale, middle_name, name, nickname, phone_number, picture, preferred_username, profile, website, zoneinfo)."
  }
}

variable "password_policy" {
  description = "Password policy, with Cognito's names. `password_history_size` needs the ESSENTIALS or PLUS tier."
  type = object({
    minimum_length                   = optional(number, 8)
    require_lowercase                = optional(bool, true)
    require_uppercase                = optional(bool, true)
    require_numbers                  = optional(bool, true)
    require_symbols                  = optional(bool, true)
    temporary_password_validity_days = optional(number, 7)
    password_history_size            = optional(number)
  })
  default = {}

  validation {
    condition     = var.password_policy.minimum_length >= 6 && var.password_policy.minimum_length <= 99
    error_message = "password_policy.minimum_length must be between 6 and 99."
  }

  validation {
    condition     = var.password_policy.temporary_password_validity_days >= 0 && var.password_policy.temporary_password_validity_days <= 365
    error_message = "password_policy.temporary_password_validity_days must be between 0 and 365."
  }

  validation {
    condition     = var.password_policy.password_history_size == null ? true : (var.password_policy.password_history_size >= 0 && var.password_policy.password_history_size <= 24)
    error_message = "password_policy.password_history_size must be between 0 and 24."
  }
}

variable "mfa" {
  description = "MFA configuration: `OFF`, `OPTIONAL` or `ON`. With OPTIONAL or ON the module enables authenticator-app (TOTP) MFA, which needs no SMS or email setup."
  type        = string
  default     = "OFF"

  validation {
    condition     = contains(["OFF", "OPTIONAL", "ON"], var.mfa)
    error_message = "mfa must be OFF, OPTIONAL or ON."
  }
}

variable "deletion_protection" {
  description = "Protect the pool from deletion. Keep it on for any pool that holds real users; `terraform destroy` fails until it is turned off."
  type        = bool
  default     = true
}

variable "tier" {
  description = "Feature plan: `LITE`, `ESSENTIALS` (AWS's default for new pools) or `PLUS`."
  type        = string
  default     = "ESSENTIALS"

  validation {
    condition     = contains(["LITE", "ESSENTIALS", "PLUS"], var.tier)
    error_message = "tier must be LITE, ESSENTIALS or PLUS."
  }
}

variable "threat_protection" {
  description = "Threat protection (advanced security; needs `tier = \"PLUS\"`): `mode` OFF, AUDIT (detect and record risks) or ENFORCED (act on them); the action on sign-ins, sign-ups and password changes with compromised credentials (`BLOCK` or `NO_ACTION`); and adaptive authentication's action per account-takeover risk level (`NO_ACTION`, `MFA_IF_CONFIGURED`, `MFA_REQUIRED`, `BLOCK`; the MFA actions need `mfa` OPTIONAL or ON)."
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

  validation {
    condition     = contains(["BLOCK", "NO_ACTION"], var.threat_protection.compromised_credentials_action)
    error_message = "threat_protection.compromised_credentials_action must be BLOCK or NO_ACTION."
  }

  validation {
    condition = alltrue([for a in values(var.threat_protection.account_takeover_actions) :
    contains(["NO_ACTION", "MFA_IF_CONFIGURED", "MFA_REQUIRED", "BLOCK"], a)])
    error_message = "threat_protection.account_takeover_actions must be NO_ACTION, MFA_IF_CONFIGURED, MFA_REQUIRED or BLOCK for each of low, medium and high."
  }
}

variable "managed_login_branding" {
  description = "The style of the managed login pages (with `domain.managed_login_version = 2`), given to every OAuth client: `settings` is the branding document (JSON, as the Cognito console's branding editor exports it) and `assets` its images (base64 `bytes`). Null settings: Cognito's default style. Not used by the classic hosted UI."
  type = object({
    settings = optional(string)
    assets = optional(list(object({
      category   = string
      color_mode = string
      extension  = string
      bytes      = string
    })), [])
  })
  default = {}

  validation {
    condition     = var.managed_login_branding.settings == null ? true : can(jsondecode(var.managed_login_branding.settings))
    error_message = "managed_login_branding.settings must be a JSON document (jsonencode() or file() of the exported style)."
  }

  validation {
    condition = alltrue([for a in var.managed_login_branding.assets :
    contains(["LIGHT", "DARK", "DYNAMIC"], a.color_mode) && contains(["ICO", "JPEG", "PNG", "SVG", "WEBP"], a.extension)])
    error_message = "managed_login_branding.assets: color_mode must be LIGHT, DARK or DYNAMIC and extension ICO, JPEG, PNG, SVG or WEBP."
  }
}

variable "self_sign_up" {
  description = "Let users sign themselves up. When false only administrators create users."
  type        = bool
  default     = true
}

variable "account_recovery_mechanisms" {
  description = "How users recover a forgotten password, in order of priority: `verified_email`, `verified_phone_number`, or `admin_only` alone."
  type        = list(string)
  default     = ["verified_email"]

  validation {
    condition = length(var.account_recovery_mechanisms) > 0 && alltrue([
      for m in var.account_recovery_mechanisms : contains(["verified_email", "verified_phone_number", "admin_only"], m)
    ]) && (!contains(var.account_recovery_mechanisms, "admin_only") || length(var.account_recovery_mechanisms) == 1)
    error_message = "account_recovery_mechanisms must list verified_email and/or verified_phone_number, or admin_only on its own."
  }
}

variable "verification_message" {
  description = "Subject and body of the sign-up verification email. The body must contain `{####}`, where Cognito puts the code."
  type = object({
    email_subject = optional(string, "Your verification code")
    email_message = optional(string, "Your verification code is {####}")
  })
  default = {}

  validation {
    condition     = strcontains(var.verification_message.email_message, "{####}")
    error_message = "verification_message.email_message must contain {####}, the placeholder for the code."
  }
}

variable "email" {
  description = "How Cognito sends email. `COGNITO_DEFAULT` is limited to a few dozen emails a day (fine for development); production pools should use `DEVELOPER` with a verified SES identity (`source_arn`)."
  type = object({
    sending_account    = optional(string, "COGNITO_DEFAULT")
    source_arn         = optional(string)
    from_email_address = optional(string)
    reply_to_address   = optional(string)
    configuration_set  = optional(string)
  })
  default = {}

  validation {
    condition     = contains(["COGNITO_DEFAULT", "DEVELOPER"], var.email.sending_account)
    error_message = "email.sending_account must be COGNITO_DEFAULT or DEVELOPER."
  }

  validation {
    condition     = var.email.sending_account != "DEVELOPER" || var.email.source_arn != null
    error_message = "email.source_arn (a verified SES identity) is required when email.sending_account is DEVELOPER."
  }
}

variable "groups" {
  description = "User groups. Kit rules such as `{allow: groups, groups: [\"Admins\"]}` refer to these names. `role_arn`: the group's identity-pool role (the identity-pool module's `group_role_arns`), which Cognito puts in members' ID tokens (`cognito:roles`, and `cognito:preferred_role` for the group with the lowest precedence)."
  type = list(object({
    name        = string
    description = optional(string)
    precedence  = optional(number)
    role_arn    = optional(string)
  }))
  default = []

  validation {
    condition     = length(distinct([for g in var.groups : g.name])) == length(var.groups)
    error_message = "Group names must be unique."
  }

  validation {
    condition     = alltrue([for g in var.groups : can(regex("^[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,128}$", g.name))])
    error_message = "Group names must be 1-128 characters without spaces."
  }

  validation {
    condition     = alltrue([for g in var.groups : g.precedence == null ? true : g.precedence >= 0])
    error_message = "Group precedence must be zero or more (lower wins)."
  }
}

variable "domain" {
  description = "Hosted UI domain. `prefix` gives `<prefix>.auth.<region>.amazoncognito.com` and must be unique in the region; `managed_login_version` 1 is the classic hosted UI, 2 the newer managed login (which also needs a branding style per client). Null: no domain, no hosted UI."
  type = object({
    prefix                = string
    managed_login_version = optional(number, 1)
  })
  default = null

  validation {
    condition     = var.domain == null ? true : can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", var.domain.prefix))
    error_message = "domain.prefix must be 1-63 lower-case letters, digits and hyphens, not starting or ending with a hyphen."
  }

  validation {
    # Cognito rejects prefixes that contain these reserved words.
    condition     = var.domain == null ? true : length(regexall("aws|amazon|cognito", var.domain.prefix)) == 0
    error_message = "domain.prefix must not contain \"aws\", \"amazon\" or \"cognito\"."
  }

  validation {
    condition     = var.domain == null ? true : contains([1, 2], var.domain.managed_login_version)
    error_message = "domain.managed_login_version must be 1 (classic hosted UI) or 2 (managed login)."
  }
}

variable "clients" {
  description = "App clients. A public SPA/mobile client has `generate_secret = false` and uses SRP, refresh tokens and the authorization-code flow with PKCE; a confidential server-side client has `generate_secret = true`. Token validities are in minutes (access, id) and days (refresh)."
  type = list(object({
    name                          = string
    generate_secret               = optional(bool, false)
    explicit_auth_flows           = optional(list(string), ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    allowed_oauth_flows           = optional(list(string), [])
    allowed_oauth_scopes          = optional(list(string), [])
    callback_urls                 = optional(list(string), [])
    logout_urls                   = optional(list(string), [])
    prevent_user_existence_errors = optional(string, "ENABLED")
    enable_token_revocation       = optional(bool, true)
    access_token_validity_minutes = optional(number, 60)
    id_token_validity_minutes     = optional(number, 60)
    refresh_token_validity_days   = optional(number, 30)
    auth_session_validity_minutes = optional(number, 3)
  }))

  validation {
    condition     = length(var.clients) > 0 && length(distinct([for c in var.clients : c.name])) == length(var.clients)
    error_message = "Give at least one client; client names must be unique."
  }

  validation {
    condition     = alltrue([for c in var.clients : can(regex("^[\\w\\s+=,.@-]{1,128}$", c.name))])
    error_message = "Client names must be 1-128 characters of letters, digits, spaces and + = , . @ - _."
  }

  validation {
    condition = alltrue(flatten([for c in var.clients : [for f in c.explicit_auth_flows : contains([
      "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH",
      "ALLOW_CUSTOM_AUTH", "ALLOW_USER_AUTH",
    ], f)]]))
    error_message = "explicit_auth_flows may contain ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_PASSWORD_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_CUSTOM_AUTH and ALLOW_USER_AUTH."
  }

  validation {
    condition     = alltrue([for c in var.clients : contains(c.explicit_auth_flows, "ALLOW_REFRESH_TOKEN_AUTH")])
    error_message = "Every client needs ALLOW_REFRESH_TOKEN_AUTH in explicit_auth_flows (Cognito adds it anyway, and leaving it out makes every plan show a change)."
  }

  validation {
    condition     = alltrue(flatten([for c in var.clients : [for f in c.allowed_oauth_flows : contains(["code", "implicit", "client_credentials"], f)]]))
    error_message = "allowed_oauth_flows may contain code, implicit and client_credentials."
  }

  validation {
    condition     = alltrue([for c in var.clients : c.generate_secret || !contains(c.allowed_oauth_flows, "client_credentials")])
    error_message = "The client_credentials flow needs a confidential client (generate_secret = true)."
  }

  validation {
    condition     = alltrue([for c in var.clients : !contains(c.allowed_oauth_flows, "client_credentials") || length(c.allowed_oauth_flows) == 1])
    error_message = "client_credentials cannot be combined with the code or implicit flows in one client."
  }

  validation {
    condition     = alltrue([for c in var.clients : length(c.allowed_oauth_flows) == 0 || (length(c.allowed_oauth_scopes) > 0 && (contains(c.allowed_oauth_flows, "client_credentials") || length(c.callback_urls) > 0))])
    error_message = "A client with OAuth flows needs allowed_oauth_scopes, and callback_urls for the code and implicit flows."
  }

  validation {
    # Cognito takes plain http only for loopback addresses; app schemes (myapp://) are fine for native apps.
    condition = alltrue(flatten([for c in var.clients : [for u in concat(c.callback_urls, c.logout_urls) :
      startswith(u, "http://") ? can(regex("^http://(localhost|127\\.0\\.0\\.1|\\[::1\\])(:[0-9]+)?(/|$)", u)) : can(regex("^[a-z][a-z0-9+.-]*://[^#]+$", u))
    ]]))
    error_message = "callback_urls and logout_urls must be absolute URLs without a fragment, using https (plain http only for localhost, 127.0.0.1 and [::1]) or an app scheme such as myapp://."
  }

  validation {
    condition     = alltrue([for c in var.clients : contains(["ENABLED", "LEGACY"], c.prevent_user_existence_errors)])
    error_message = "prevent_user_existence_errors must be ENABLED (recommended) or LEGACY."
  }

  validation {
    condition = alltrue([for c in var.clients :
      c.access_token_validity_minutes >= 5 && c.access_token_validity_minutes <= 1440 &&
      c.id_token_validity_minutes >= 5 && c.id_token_validity_minutes <= 1440 &&
      c.refresh_token_validity_days >= 1 && c.refresh_token_validity_days <= 3650 &&
      c.auth_session_validity_minutes >= 3 && c.auth_session_validity_minutes <= 15
    ])
    error_message = "Token validity: access and id tokens 5-1440 minutes, refresh tokens 1-3650 days, auth sessions 3-15 minutes."
  }
}

variable "tags" {
  description = "Tags for every resource that takes them (on top of the provider's default_tags)."
  type        = map(string)
  default     = {}
}
