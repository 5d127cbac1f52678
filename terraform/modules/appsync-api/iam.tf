# Three roles, each allowed exactly what it needs:
# - appsync_logs: AppSync writes its logs to the API's own log group;
# - datasource:   AppSync invokes the resolver function's alias;
# - function:     the resolver function writes its logs and reads/writes the app's tables.
#
# The AppSync trust policies name the service only. Whether AppSync sends aws:SourceArn/aws:SourceAccount when it
# assumes data-source and logging roles is UNCONFIRMED, and a condition it does not satisfy would break every
# request; IAM does not let another account pass these roles, and their permissions stop at this API's resources.

data "aws_iam_policy_document" "appsync_trust" {
  statement {
    sid     = "AppSync"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["appsync.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "appsync_logs" {
  name                 = "${local.prefix}-appsync-logs"
  description          = "AppSync API ${var.name}: write the API's logs"
  assume_role_policy   = data.aws_iam_policy_document.appsync_trust.json
  permissions_boundary = var.permissions_boundary
  tags                 = var.tags
}

data "aws_iam_policy_document" "appsync_logs" {
  statement {
    sid       = "LogGroup"
    effect    = "Allow"
    actions   = ["logs:CreateLogGroup"]
    resources = [aws_cloudwatch_log_group.appsync.arn]
  }

  statement {
    sid     = "LogStreams"
    effect  = "Allow"
    actions = ["logs:CreateLogStream", "logs:PutLogEvents"]
    # Stream names are chosen by AppSync at run time; the wildcard stays inside this one log group.
    resources = ["${aws_cloudwatch_log_group.appsync.arn}:log-stream:*"]
  }
}

# Attached only once the log group exists, so AppSync cannot create the group itself first (without retention).
resource "aws_iam_role_policy" "appsync_logs" {
  name   = "write-api-logs"
  role   = aws_iam_role.appsync_logs.id
  policy = data.aws_iam_policy_document.appsync_logs.json
}

resource "aws_iam_role" "datasource" {
  name                 = "${local.prefix}-appsync-invoke"
  description          = "AppSync API ${var.name}: invoke the resolver function"
  assume_role_policy   = data.aws_iam_policy_document.appsync_trust.json
  permissions_boundary = var.permissions_boundary
  tags                 = var.tags
}

data "aws_iam_policy_document" "datasource" {
  statement {
    sid     = "InvokeResolverAlias"
    effect  = "Allow"
    actions = ["lambda:InvokeFunction"]
    # Exactly the alias the data source calls: neither the unqualified function nor other versions.
    resources = [aws_lambda_alias.this.arn]
  }
}

resource "aws_iam_role_policy" "datasource" {
  name   = "invoke-resolvers"
  role   = aws_iam_role.datasource.id
  policy = data.aws_iam_policy_document.datasource.json
}

data "aws_iam_policy_document" "lambda_trust" {
  statement {
    sid     = "Lambda"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  name                 = "${local.prefix}-resolvers"
  description          = "Resolver function of ${var.app} (${var.environment})"
  assume_role_policy   = data.aws_iam_policy_document.lambda_trust.json
  permissions_boundary = var.permissions_boundary
  tags                 = var.tags
}

locals {
  # Each table and each of its indexes by exact ARN: Query on an index is authorized against the index ARN.
  table_resource_arns = flatten([
    for name, t in aws_dynamodb_table.this : concat(
      [t.arn],
      [for i in local.tables[name].indexes : "${t.arn}/index/${i.name}"],
    )
  ])
}

data "aws_iam_policy_document" "function" {
  statement {
    sid       = "WriteOwnLogs"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function.arn}:log-stream:*"]
  }

  dynamic "statement" {
    for_each = length(local.tables) > 0 ? [true] : []
    content {
      sid    = "AppTables"
      effect = "Allow"
      actions = [
        "dynamodb:BatchGetItem",
        "dynamodb:BatchWriteItem",
        "dynamodb:ConditionCheckItem",
        "dynamodb:DeleteItem",
        "dynamodb:DescribeTable",
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:Query",
        "dynamodb:Scan",
        "dynamodb:UpdateItem",
      ]
      resources = local.table_resource_arns
    }
  }

  dynamic "statement" {
    for_each = var.dynamodb.kms_key_arn == null || length(local.tables) == 0 ? [] : [true]
    content {
      sid       = "TableKey"
      effect    = "Allow"
      actions   = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"]
      resources = [var.dynamodb.kms_key_arn]
    }
  }

  dynamic "statement" {
    for_each = var.xray_enabled ? [true] : []
    content {
      sid     = "XRay"
      effect  = "Allow"
      actions = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]
      # AWS requires "*" here: these X-Ray actions do not support resource-level permissions.
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "function" {
  name   = "resolvers"
  role   = aws_iam_role.function.id
  policy = data.aws_iam_policy_document.function.json
}
