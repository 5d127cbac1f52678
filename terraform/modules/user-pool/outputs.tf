output "user_pool_id" {
  description = "The user pool id (`<region>_<id>`)."
  value       = aws_cognito_user_pool.this.id
}

output "user_pool_arn" {
  description = "The user pool ARN."
  value       = aws_cognito_user_pool.this.arn
}

output "user_pool_endpoint" {
  description = "`cognito-idp.<region>.amazonaws.com/<pool id>`: the identity pool's provider name for this pool."
  value       = aws_cognito_user_pool.this.endpoint
}

output "issuer_url" {
  description = "The OIDC issuer of the pool's tokens (`iss` claim)."
  value       = "https://${aws_cognito_user_pool.this.endpoint}"
}

output "client_ids" {
  description = "App client ids by client name."
  value       = { for name, c in aws_cognito_user_pool_client.this : name => c.id }
}

output "client_secrets" {
  description = "Secrets of the confidential clients, by client name. Sensitive: read it with `terraform output -json client_secrets` and put it in a secret store, never in the outputs file."
  value       = { for name, c in local.confidential_clients : name => aws_cognito_user_pool_client.this[name].client_secret }
  sensitive   = true
}

output "domain" {
  description = "Host name of the hosted UI (`<prefix>.auth.<region>.amazoncognito.com`), or null without a domain."
  value       = var.domain == null ? null : "${aws_cognito_user_pool_domain.this[0].domain}.auth.${data.aws_region.current.region}.amazoncognito.com"
}

output "hosted_ui_base_url" {
  description = "Base URL of the hosted UI and OAuth endpoints (`/oauth2/authorize`, `/oauth2/token`, `/login`), or null without a domain."
  value       = var.domain == null ? null : "https://${aws_cognito_user_pool_domain.this[0].domain}.auth.${data.aws_region.current.region}.amazoncognito.com"
}

output "group_names" {
  description = "Names of the pool's groups."
  value       = [for g in aws_cognito_user_group.this : g.name]
}

output "managed_login_branding_ids" {
  description = "Managed login branding style ids by client name (clients with OAuth flows, with managed login version 2); empty otherwise."
  value       = { for name, b in aws_cognito_managed_login_branding.this : name => b.managed_login_branding_id }
}

output "threat_protection_mode" {
  description = "The pool's threat protection mode: OFF, AUDIT or ENFORCED."
  value       = var.threat_protection.mode
}
