locals {
  tables = {
    for t in var.tables : t.name => {
      physical_name = "${local.table_prefix}${t.name}"
      partition_key = t.partition_key.name
      sort_key      = t.sort_key == null ? null : t.sort_key.name
      indexes       = t.indexes
      # Every key attribute of the table and its indexes, once, with all the types it was declared with.
      key_types = {
        for k in concat(
          [t.partition_key, t.sort_key],
          flatten([for i in t.indexes : [i.partition_key, i.sort_key]]),
        ) : k.name => k.type... if k != null
      }
    }
  }
}

resource "aws_dynamodb_table" "this" {
  for_each = local.tables

  name         = each.value.physical_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = each.value.partition_key
  range_key    = each.value.sort_key

  dynamic "attribute" {
    for_each = each.value.key_types
    content {
      name = attribute.key
      type = attribute.value[0]
    }
  }

  dynamic "global_secondary_index" {
    for_each = each.value.indexes
    content {
      name            = global_secondary_index.value.name
      hash_key        = global_secondary_index.value.partition_key.name
      range_key       = global_secondary_index.value.sort_key == null ? null : global_secondary_index.value.sort_key.name
      projection_type = "ALL"
    }
  }

  point_in_time_recovery {
    enabled = var.dynamodb.point_in_time_recovery
  }

  # Encrypted with KMS: the AWS managed key aws/dynamodb (no key charge, usage visible in CloudTrail) unless a
  # customer managed key is given.
  server_side_encryption {
    enabled     = true
    kms_key_arn = var.dynamodb.kms_key_arn
  }

  deletion_protection_enabled = var.dynamodb.deletion_protection

  tags = var.tags

  lifecycle {
    precondition {
      condition     = alltrue([for name, types in each.value.key_types : length(distinct(types)) == 1])
      error_message = "Table ${each.key}: a key attribute is declared with different types in the table and its indexes."
    }
  }
}
