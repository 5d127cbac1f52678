# The app's file storage: one private bucket per declared bucket, and the identity pool roles' S3 statements as the
# policy module derives them from fieldgate.json's storage section (`./fieldgate policy generate --config`,
# storage.json). Nothing here widens them: the statements name exact object patterns, with
# ${cognito-identity.amazonaws.com:sub} for each identity's own paths and s3:prefix conditions on listing.

data "aws_caller_identity" "current" {}

locals {
  buckets = toset(var.buckets)

  # Bucket names are global: the account id keeps two accounts (and so two environments in separate accounts) apart.
  bucket_names = { for b in var.buckets : b => "${var.name_prefix}-${b}-${data.aws_caller_identity.current.account_id}" }

  # role key => its statements, for the roles that are granted anything.
  # A user-pool group's role is "group-<group>": its statements are the authenticated role's and the group's own.
  role_statements = {
    for role, statements in merge(
      { guest = var.statements.guest, authenticated = var.statements.authenticated },
      { for group, statements in var.statements.groups : "group-${group}" => statements },
    ) : role => statements if length(statements) > 0
  }

  # role key => the role's name.
  role_names = merge(
    { guest = var.roles.guest, authenticated = var.roles.authenticated },
    { for group, name in var.roles.groups : "group-${group}" => name },
  )
}

resource "aws_s3_bucket" "this" {
  for_each = local.buckets

  bucket        = local.bucket_names[each.key]
  force_destroy = var.force_destroy
  tags          = var.tags

  lifecycle {
    precondition {
      condition     = length("${var.name_prefix}-${each.key}-123456789012") <= 63
      error_message = "The bucket name ${var.name_prefix}-${each.key}-<account id> is longer than S3's 63 characters: shorten name_prefix or the bucket's name in fieldgate.json."
    }
  }
}

# No public access, whatever a later ACL or bucket policy says: objects are reached with identity-pool credentials
# or presigned URLs only.
resource "aws_s3_bucket_public_access_block" "this" {
  for_each = local.buckets

  bucket                  = aws_s3_bucket.this[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# ACLs off: the bucket owner owns every object, so access is decided by IAM policies alone.
resource "aws_s3_bucket_ownership_controls" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.kms_key_arn == null ? "AES256" : "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = var.kms_key_arn != null
  }
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = var.versioning ? local.buckets : toset([])

  bucket = aws_s3_bucket.this[each.key].id

  versioning_configuration {
    status = "Enabled"
  }
}

# Parts of multipart uploads that were never completed cost storage without being objects: they go after a day.
resource "aws_s3_bucket_lifecycle_configuration" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id

  rule {
    id     = "abort-incomplete-multipart-uploads"
    status = "Enabled"

    filter {
      prefix = ""
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = var.abort_incomplete_multipart_upload_days
    }
  }

  dynamic "rule" {
    for_each = var.versioning ? [var.noncurrent_version_expiration_days] : []
    content {
      id     = "expire-noncurrent-versions"
      status = "Enabled"

      filter {
        prefix = ""
      }

      noncurrent_version_expiration {
        noncurrent_days = rule.value
      }
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

# Browsers upload and download straight from S3 (Amplify's uploadData, the JavaScript SDK): only from the app's
# origins, with the headers SigV4 and multipart uploads send, and ETag exposed (a multipart upload completes with
# each part's ETag).
resource "aws_s3_bucket_cors_configuration" "this" {
  for_each = length(var.cors_origins) > 0 ? local.buckets : toset([])

  bucket = aws_s3_bucket.this[each.key].id

  cors_rule {
    allowed_origins = var.cors_origins
    allowed_methods = ["GET", "HEAD", "PUT", "POST", "DELETE"]
    allowed_headers = ["*"]
    expose_headers  = ["ETag", "x-amz-server-side-encryption", "x-amz-request-id", "x-amz-id-2", "x-amz-version-id"]
    max_age_seconds = var.cors_max_age_seconds
  }
}

# HTTPS only: any request over plain HTTP is denied, whoever makes it.
data "aws_iam_policy_document" "bucket" {
  for_each = local.buckets

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this[each.key].arn, "${aws_s3_bucket.this[each.key].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  for_each = local.buckets

  bucket = aws_s3_bucket.this[each.key].id
  policy = data.aws_iam_policy_document.bucket[each.key].json

  # The public access block first, so the bucket is never without it.
  depends_on = [aws_s3_bucket_public_access_block.this]
}

# The region names the S3 endpoint a customer-managed key may be used through (kms:ViaService).
data "aws_region" "current" {}

# The roles' grants, statement for statement as storage.json gives them.
data "aws_iam_policy_document" "role" {
  for_each = local.role_statements

  dynamic "statement" {
    for_each = each.value
    content {
      sid     = statement.value.sid
      effect  = "Allow"
      actions = statement.value.actions
      resources = length(statement.value.list_prefixes) > 0 ? [aws_s3_bucket.this[statement.value.bucket].arn] : [
        for pattern in statement.value.objects : "${aws_s3_bucket.this[statement.value.bucket].arn}/${pattern}"
      ]

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
  # With a customer-managed key, every object read and write also uses the key: only through S3, only that key.
  dynamic "statement" {
    for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
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

resource "aws_iam_role_policy" "this" {
  for_each = local.role_statements

  name   = "${var.name_prefix}-storage"
  role   = lookup(local.role_names, each.key, null)
  policy = data.aws_iam_policy_document.role[each.key].json

  lifecycle {
    precondition {
      condition     = each.key != "guest" || var.roles.guest != null
      error_message = "The storage declaration grants guests access, but the identity pool has no guest role (identityPool.allowUnauthenticatedIdentities is false): turn guest access on or remove the guest grants."
    }

    precondition {
      condition     = contains(keys(local.role_names), each.key)
      error_message = "storage.json gives ${each.key} S3 statements, but roles.groups names no role for that group: pass the identity-pool module's group_role_names (and give it storage.json's groupRoles as group_roles)."
    }
  }
}
