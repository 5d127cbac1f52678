data "aws_region" "current" {}

locals {
  # Standard attributes are strings of 0-2048 characters. Writing the constraints out matches what Cognito returns,
  # so plans stay clean instead of proposing to replace the pool.
  standard_string_max_length = "2048"

  clients = { for c in var.clients : c.name => c }

  confidential_clients = { for name, c in local.clients : name => c if c.generate_secret }

  verify_email_before_update = contains(var.auto_verified_attributes, "email")

  managed_login_v2 = var.domain == null ? false : var.domain.managed_login_version == 2

  # The clients whose hosted pages managed login serves: those with OAuth flows.
  branded_clients = { for name, c in local.clients : name => c if local.managed_login_v2 && length(c.allowed_oauth_flows) > 0 }
}

resource "aws_cognito_user_pool" "this" {
  name                     = var.name
  username_attributes      = var.username_attributes
  auto_verified_attributes = var.auto_verified_attributes
  mfa_configuration        = var.mfa
  deletion_protection      = var.deletion_protection ? "ACTIVE" : "INACTIVE"
  user_pool_tier           = var.tier

  username_configuration {
    # Case-insensitive sign-in: "Alice@Example.com" and "alice@example.com" are one user.
    case_sensitive = false
  }

  password_policy {
    minimum_length                   = var.password_policy.minimum_length
    require_lowercase                = var.password_policy.require_lowercase
    require_uppercase                = var.password_policy.require_uppercase
    require_numbers                  = var.password_policy.require_numbers
    require_symbols                  = var.password_policy.require_symbols
    temporary_password_validity_days = var.password_policy.temporary_password_validity_days
    password_history_size            = var.password_policy.password_history_size
  }

  account_recovery_setting {
    dynamic "recovery_mechanism" {
      for_each = var.account_recovery_mechanisms
      content {
        name     = recovery_mechanism.value
        priority = recovery_mechanism.key + 1
      }
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = !var.self_sign_up
  }

  verification_message_template {
    default_email_option = "CONFIRM_WITH_CODE"
    email_subject        = var.verification_message.email_subject
    email_message        = var.verification_message.email_message
  }

  # Threat protection (advanced security): OFF unless asked for, since it needs the PLUS feature plan.
  user_pool_add_ons {
    advanced_security_mode = var.threat_protection.mode
  }

  email_configuration {
    email_sending_account  = var.email.sending_account
    source_arn             = var.email.source_arn
    from_email_address     = var.email.from_email_address
    reply_to_email_address = var.email.reply_to_address
    configuration_set      = var.email.configuration_set
  }

  dynamic "software_token_mfa_configuration" {
    # MFA ON/OPTIONAL needs at least one factor; authenticator apps need no SMS or SES setup.
    for_each = var.mfa == "OFF" ? [] : [true]
    content {
      enabled = true
    }
  }

  dynamic "user_attribute_update_settings" {
    # Keep the old, verified address until the new one is confirmed, so a typo cannot lock a user out.
    for_each = local.verify_email_before_update ? [true] : []
    content {
      attributes_require_verification_before_update = ["email"]
    }
  }

  dynamic "schema" {
    for_each = toset(var.required_attributes)
    content {
      name                     = schema.value
      attribute_data_type      = "String"
      required                 = true
      mutable                  = true
      developer_only_attribute = false

      string_attribute_constraints {
        min_length = "0"
        max_length = local.standard_string_max_length
      }
    }
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = !contains(var.username_attributes, "email") || contains(var.required_attributes, "email") || contains(var.auto_verified_attributes, "email")
      error_message = "With email as the username, make email a required or an auto-verified attribute, or users cannot receive codes."
    }

    precondition {
      condition     = !contains(var.account_recovery_mechanisms, "verified_email") || contains(var.auto_verified_attributes, "email")
      error_message = "Account recovery by verified_email needs email in auto_verified_attributes."
    }

    precondition {
      condition     = var.threat_protection.mode == "OFF" || var.tier == "PLUS"
      error_message = "Threat protection (threat_protection.mode ${var.threat_protection.mode}) needs the PLUS feature plan: set tier = \"PLUS\"."
    }
  }
}

# What threat protection does about the risks it detects (in AUDIT mode it only records them). Compromised
# credentials are refused at sign-in, sign-up and password change; for account-takeover risks the actions are
# adaptive authentication's: MFA when the user has it set up, or MFA required (which blocks users without MFA).
resource "aws_cognito_risk_configuration" "this" {
  count = var.threat_protection.mode == "OFF" ? 0 : 1

  user_pool_id = aws_cognito_user_pool.this.id

  compromised_credentials_risk_configuration {
    event_filter = ["SIGN_IN", "SIGN_UP", "PASSWORD_CHANGE"]

    actions {
      event_action = var.threat_protection.compromised_credentials_action
    }
  }

  account_takeover_risk_configuration {
    actions {
      low_action {
        event_action = var.threat_protection.account_takeover_actions.low
        notify       = false
      }

      medium_action {
        event_action = var.threat_protection.account_takeover_actions.medium
        notify       = false
      }

      high_action {
        event_action = var.threat_protection.account_takeover_actions.high
        notify       = false
      }
    }
  }

  lifecycle {
    precondition {
      condition     = var.mfa != "OFF" || length([for a in values(var.threat_protection.account_takeover_actions) : a if startswith(a, "MFA_")]) == 0
      error_message = "threat_protection.account_takeover_actions asks for MFA, which needs mfa = \"OPTIONAL\" or \"ON\"; or choose NO_ACTION and BLOCK only."
    }
  }
}

resource "aws_cognito_user_group" "this" {
  for_each = { for g in var.groups : g.name => g }

  user_pool_id = aws_cognito_user_pool.this.id
  name         = each.value.name
  description  = each.value.description
  precedence   = each.value.precedence
  role_arn     = each.value.role_arn
}

resource "aws_cognito_user_pool_domain" "this" {
  count = var.domain == null ? 0 : 1

  user_pool_id          = aws_cognito_user_pool.this.id
  domain                = var.domain.prefix
  managed_login_version = var.domain.managed_login_version
}

# Managed login (domain version 2) shows a client's pages only once the client has a branding style; without one its
# sign-in page is an error. Every OAuth client gets the given style, or Cognito's default one.
resource "aws_cognito_managed_login_branding" "this" {
  for_each = local.branded_clients

  user_pool_id = aws_cognito_user_pool.this.id
  client_id    = aws_cognito_user_pool_client.this[each.key].id

  use_cognito_provided_values = var.managed_login_branding.settings == null ? true : null
  settings                    = var.managed_login_branding.settings

  dynamic "asset" {
    for_each = var.managed_login_branding.settings == null ? [] : var.managed_login_branding.assets
    content {
      category   = asset.value.category
      color_mode = asset.value.color_mode
      extension  = asset.value.extension
      bytes      = asset.value.bytes
    }
  }
}

resource "aws_cognito_user_pool_client" "this" {
  for_each = local.clients

  user_pool_id    = aws_cognito_user_pool.this.id
  name            = each.value.name
  generate_secret = each.value.generate_secret

  explicit_auth_flows           = each.value.explicit_auth_flows
  prevent_user_existence_errors = each.value.prevent_user_existence_errors
  enable_token_revocation       = each.value.enable_token_revocation
  auth_session_validity         = each.value.auth_session_validity_minutes

  access_token_validity  = each.value.access_token_validity_minutes
  id_token_validity      = each.value.id_token_validity_minutes
  refresh_token_validity = each.value.refresh_token_validity_days

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }

  # Hosted UI / OAuth settings only for clients that use OAuth flows. A public client (no secret) with the `code`
  # flow is the authorization-code + PKCE client: Cognito has no switch that forces PKCE, it checks the
  # code_verifier whenever the authorization request carried a code_challenge, and the kit's SDK always sends one.
  allowed_oauth_flows_user_pool_client = length(each.value.allowed_oauth_flows) > 0
  allowed_oauth_flows                  = length(each.value.allowed_oauth_flows) > 0 ? each.value.allowed_oauth_flows : null
  allowed_oauth_scopes                 = length(each.value.allowed_oauth_flows) > 0 ? each.value.allowed_oauth_scopes : null
  callback_urls                        = length(each.value.callback_urls) > 0 ? each.value.callback_urls : null
  logout_urls                          = length(each.value.logout_urls) > 0 ? each.value.logout_urls : null
  supported_identity_providers         = length(each.value.allowed_oauth_flows) > 0 ? ["COGNITO"] : null

  lifecycle {
    precondition {
      condition     = length(each.value.allowed_oauth_flows) == 0 || var.domain != null
      error_message = "Client \"${each.key}\" uses OAuth flows, which need the hosted UI: set var.domain."
    }
  }
}
