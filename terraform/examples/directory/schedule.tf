# The scheduled function that fills the directory: samples/directory's FillUsers, from the same jar as the resolver
# function, invoked by an EventBridge schedule rule with a "Scheduled Event" (locally, `./fieldgate local --schedule`
# invokes the same handler with the same event shape). It may put items into the User table and nothing else.

locals {
  fill_users_name = "${local.name_prefix}-fill-users"
  fill_users_jar  = coalesce(var.function_artifact_path, "${local.app_dir}/${local.fn.artifact}")
}

data "aws_iam_policy_document" "fill_users_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "fill_users" {
  name                 = local.fill_users_name
  description          = "Scheduled FillUsers function of ${local.app} (${var.environment})"
  assume_role_policy   = data.aws_iam_policy_document.fill_users_trust.json
  permissions_boundary = var.permissions_boundary
}

data "aws_iam_policy_document" "fill_users" {
  statement {
    sid       = "PutPeople"
    effect    = "Allow"
    actions   = ["dynamodb:PutItem"]
    resources = [module.api.table_arns["User"]]
  }

  statement {
    sid       = "Logs"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.fill_users.arn}:log-stream:*"]
  }
}

resource "aws_iam_role_policy" "fill_users" {
  name   = "fill-users"
  role   = aws_iam_role.fill_users.id
  policy = data.aws_iam_policy_document.fill_users.json
}

resource "aws_cloudwatch_log_group" "fill_users" {
  name              = "/aws/lambda/${local.fill_users_name}"
  retention_in_days = local.retention_days
}

resource "aws_lambda_function" "fill_users" {
  function_name = local.fill_users_name
  description   = "Fills the directory of ${local.app} (${var.environment}) on a schedule"
  role          = aws_iam_role.fill_users.arn
  handler       = var.fill_users.handler
  runtime       = local.fn.runtime
  memory_size   = var.fill_users.memory_mb
  timeout       = var.fill_users.timeout_seconds

  filename         = local.fill_users_jar
  source_code_hash = fileexists(local.fill_users_jar) ? filebase64sha256(local.fill_users_jar) : null

  environment {
    variables = {
      FIELDGATE_TABLE_PREFIX = module.api.table_prefix
      USERS_PER_RUN          = tostring(var.fill_users.users_per_run)
    }
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.fill_users.name
  }

  depends_on = [aws_iam_role_policy.fill_users]
}

resource "aws_cloudwatch_event_rule" "fill_users" {
  name                = local.fill_users_name
  description         = "Runs ${local.fill_users_name} on its schedule"
  schedule_expression = var.fill_users.schedule
  state               = var.fill_users.enabled ? "ENABLED" : "DISABLED"
}

resource "aws_cloudwatch_event_target" "fill_users" {
  rule = aws_cloudwatch_event_rule.fill_users.name
  arn  = aws_lambda_function.fill_users.arn
}

resource "aws_lambda_permission" "fill_users" {
  statement_id  = "AllowTheScheduleRule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.fill_users.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.fill_users.arn
}

# With alarms on (production), a failed or throttled run notifies the same topics as the API's alarms.
resource "aws_cloudwatch_metric_alarm" "fill_users" {
  for_each = var.alarms.enabled ? {
    errors    = { metric = "Errors", threshold = var.alarms.function_errors_threshold }
    throttles = { metric = "Throttles", threshold = var.alarms.function_throttles_threshold }
  } : {}

  alarm_name          = "${local.fill_users_name}-${each.key}"
  alarm_description   = "${local.fill_users_name}: ${each.value.metric} in a scheduled run"
  namespace           = "AWS/Lambda"
  metric_name         = each.value.metric
  dimensions          = { FunctionName = aws_lambda_function.fill_users.function_name }
  statistic           = "Sum"
  period              = var.alarms.period_seconds
  evaluation_periods  = var.alarms.evaluation_periods
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  # No run in the period means nothing failed.
  treat_missing_data = "notBreaching"
  alarm_actions      = var.alarms.actions
  ok_actions         = var.alarms.actions
}
