variable "name_prefix" {
  description = "Prefix of the physical bucket names (`<name_prefix>-<bucket>-<account id>`) and of the roles' inline policy (`<name_prefix>-storage`): the app and the environment, such as `pins-dev`."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,30}$", var.name_prefix))
    error_message = "name_prefix must be 1-31 lower-case letters, digits and hyphens, starting with a letter or digit (it starts S3 bucket names)."
  }
}

variable "buckets" {
  description = "The declared bucket names (`storage.buckets[].name` of fieldgate.json, as storage.json lists them). Empty: no storage, nothing is created."
  type        = list(string)

  validation {
    condition     = alltrue([for b in var.buckets : can(regex("^[a-z][a-z0-9-]{1,30}$", b))])
    error_message = "Every bucket name must match [a-z][a-z0-9-]{1,30}, as fieldgate.json's storage section requires."
  }
}

variable "statements" {
  description = "The S3 statements of the identity pool's guest and authenticated roles, from storage.json (`statements`), and of each user-pool group's role (`groups`, by group name: storage.json's `groupRoles[<group>].statements`, which include the authenticated role's): per statement a `sid`, the declared `bucket`, the `actions`, and either `objects` (key patterns in the bucket, `$${cognito-identity.amazonaws.com:sub}` for an identity's own paths) or `list_prefixes` (the `s3:prefix` values `s3:ListBucket` is limited to)."
  type = object({
    guest = list(object({
      sid           = string
      bucket        = string
      actions       = list(string)
      objects       = list(string)
      list_prefixes = list(string)
    }))
    authenticated = list(object({
      sid           = string
      bucket        = string
      actions       = list(string)
      objects       = list(string)
      list_prefixes = list(string)
    }))
    groups = optional(map(list(object({
        sid           = string
        bucket        = string
        actions       = list(string)
        objects       = list(string)
        list_prefixes = list(string)
      }))), {})
  })

  validation {
    condition = alltrue([
      for s in concat(var.statements.guest, var.statements.authenticated, flatten(values(var.statements.groups))) :
      alltrue([for a in s.actions : contains(["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:DeleteObject", "s3:ListBucket"], a)])
    ])
    error_message = "Storage statements may only allow s3:GetObject, s3:PutObject, s3:AbortMultipartUpload, s3:DeleteObject and s3:ListBucket: regenerate storage.json with ./fieldgate policy generate --config."
  }

  validation {
    condition = alltrue([
      for s in concat(var.statements.guest, var.statements.authenticated, flatten(values(var.statements.groups))) :
      (length(s.objects) > 0) != (length(s.list_prefixes) > 0) && (length(s.list_prefixes) == 0 || s.actions == ["s3:ListBucket"])
    ])
    error_message = "Each storage statement gives either object patterns (object actions) or list prefixes (s3:ListBucket alone)."
  }

  validation {
    condition = alltrue([
      for s in concat(var.statements.guest, var.statements.authenticated, flatten(values(var.statements.groups))) :
      alltrue([for p in concat(s.objects, s.list_prefixes) : can(regex("^[A-Za-z0-9!_.'()-]+/", p))])
    ])
    error_message = "Every object pattern and list prefix starts with a declared path's first segment (public/, private/, ...): a pattern that starts with a wildcard would reach the whole bucket."
  }
}

variable "roles" {
  description = "Names of the identity pool's roles the statements go to: `authenticated`, `guest` (null when guest access is off), and `groups`: each group role's name by group (the identity-pool module's `group_role_names`)."
  type = object({
    guest         = optional(string)
    authenticated = string
    groups        = optional(map(string), {})
  })
}

variable "cors_origins" {
  description = "The origins web clients upload and download from (`storage.corsOrigins` of the environment's app config), such as `https://app.example.com`. Empty: no CORS configuration, browsers cannot call the buckets."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for o in var.cors_origins : can(regex("^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$", o))])
    error_message = "Every CORS origin is scheme://host[:port] with no path and no wildcard, such as https://app.example.com."
  }
}

variable "cors_max_age_seconds" {
  description = "How long browsers may cache the answer to a CORS preflight request."
  type        = number
  default     = 3000
}

variable "versioning" {
  description = "Keep earlier versions of overwritten and deleted objects; they expire after `noncurrent_version_expiration_days`."
  type        = bool
  default     = false
}

variable "noncurrent_version_expiration_days" {
  description = "With versioning on, how many days an overwritten or deleted object's earlier version is kept."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1
    error_message = "noncurrent_version_expiration_days must be at least 1."
  }
}

variable "abort_incomplete_multipart_upload_days" {
  description = "Days after which the parts of a multipart upload that was never completed are deleted."
  type        = number
  default     = 1

  validation {
    condition     = var.abort_incomplete_multipart_upload_days >= 1
    error_message = "abort_incomplete_multipart_upload_days must be at least 1."
  }
}

variable "kms_key_arn" {
  description = "A customer-managed KMS key to encrypt objects with (SSE-KMS, with an S3 bucket key). Null: S3-managed keys (SSE-S3, AES256). With a key, the roles this module grants S3 access also get kms:Decrypt and kms:GenerateDataKey on it, through S3 only (kms:ViaService); the key's policy must let the account's IAM policies grant it (the default key policy does)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null ? true : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN: arn:aws:kms:<region>:<account>:key/<key id>."
  }
}

variable "force_destroy" {
  description = "Let `terraform destroy` delete buckets that still hold objects. Leave it false outside throw-away environments."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags for every resource that takes them (on top of the provider's default_tags)."
  type        = map(string)
  default     = {}
}
