output "identity_pool_id" {
  description = "The identity pool id (`<region>:<uuid>`)."
  value       = aws_cognito_identity_pool.this.id
}

output "identity_pool_arn" {
  description = "The identity pool ARN."
  value       = aws_cognito_identity_pool.this.arn
}

output "authenticated_role_arn" {
  description = "ARN of the role signed-in identities receive."
  value       = aws_iam_role.this["authenticated"].arn
}

output "authenticated_role_name" {
  description = "Name of the role signed-in identities receive."
  value       = aws_iam_role.this["authenticated"].name
}

output "guest_role_arn" {
  description = "ARN of the role guest identities receive, or null when guest access is off."
  value       = var.allow_unauthenticated_identities ? aws_iam_role.this["guest"].arn : null
}

output "guest_role_name" {
  description = "Name of the role guest identities receive, or null when guest access is off."
  value       = var.allow_unauthenticated_identities ? aws_iam_role.this["guest"].name : null
}

output "group_role_arns" {
  description = "ARNs of the user-pool groups' roles, by group name (for the groups' `role_arn`); empty without group roles."
  value       = { for group, r in aws_iam_role.group : group => r.arn }
}

output "group_role_names" {
  description = "Names of the user-pool groups' roles, by group name (for the storage module's `roles.groups`)."
  value       = { for group, r in aws_iam_role.group : group => r.name }
}

output "grant_policy_arns" {
  description = "ARNs of the managed policies holding the AppSync field grants, by `<role>-<n>`."
  value       = { for key, p in aws_iam_policy.grants : key => p.arn }
}
