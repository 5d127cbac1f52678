locals {
  function_name = "${local.prefix}-resolvers"

  function_environment = merge(var.function.environment, {
    FIELDGATE_TABLE_PREFIX = local.table_prefix
  })

  artifact_exists = fileexists(var.function.artifact_path)
}

# Created before the function so that its very first log line already lands in a group with a retention period.
resource "aws_cloudwatch_log_group" "function" {
  name              = "/aws/lambda/${local.function_name}"
  retention_in_days = var.logging.retention_days
  tags              = var.tags
}

resource "aws_lambda_function" "this" {
  function_name = local.function_name
  description   = "Fieldgate resolvers of ${var.app} (${var.environment})"
  role          = aws_iam_role.function.arn
  handler       = var.function.handler
  runtime       = var.function.runtime
  architectures = [var.function.architecture]
  memory_size   = var.function.memory_mb
  timeout       = var.function.timeout_seconds

  filename = var.function.artifact_path
  # A new jar means a new published version, a new SnapStart snapshot, and the alias moving to it.
  source_code_hash = local.artifact_exists ? filebase64sha256(var.function.artifact_path) : null
  publish          = true

  reserved_concurrent_executions = var.function.reserved_concurrency

  dynamic "snap_start" {
    for_each = var.function.snap_start ? [true] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  environment {
    variables = local.function_environment
  }

  tracing_config {
    mode = var.xray_enabled ? "Active" : "PassThrough"
  }

  logging_config {
    log_format = var.function.log_format
    log_group  = aws_cloudwatch_log_group.function.name
  }

  tags = var.tags

  depends_on = [aws_iam_role_policy.function]

  lifecycle {
    precondition {
      condition     = local.artifact_exists
      error_message = "The resolver artifact ${var.function.artifact_path} does not exist. Build it first (see docs/deploying.md)."
    }
  }
}

resource "aws_lambda_alias" "this" {
  name             = var.function.alias
  description      = "The version AppSync invokes"
  function_name    = aws_lambda_function.this.function_name
  function_version = aws_lambda_function.this.version
}
