output "bucket_names" {
  description = "Physical bucket names by declared bucket name (`<name_prefix>-<name>-<account id>`)."
  value       = { for name, b in aws_s3_bucket.this : name => b.bucket }
}

output "bucket_arns" {
  description = "Bucket ARNs by declared bucket name."
  value       = { for name, b in aws_s3_bucket.this : name => b.arn }
}

output "role_policy_names" {
  description = "The inline policies holding the storage statements, by role (`guest`, `authenticated`, `group-<group>`); a role granted nothing has none."
  value       = { for role, p in aws_iam_role_policy.this : role => p.name }
}
