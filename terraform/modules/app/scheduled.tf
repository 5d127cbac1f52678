# Scheduled functions (var.scheduled_functions): handlers of the resolver function's jar that an EventBridge schedule
# rule invokes with a "Scheduled Event" (locally, `./fieldgate local --schedule` invokes the same handler with the same
# event shape). Each has its own role, allowed its declared DynamoDB actions on the declared tables and its own log
# stream, nothing else.

locals {
  scheduled = {
    for name, f in var.scheduled_functions : name => merge(f, { function_name = "${local.name_prefix}-${name}" })
  }
  scheduled_jar = coalesce(var.function_artifact_path, "${local.app_dir}/${local.fn.artifact}")

  # With alarms on (production), a failed or throttled run notifies the same topics as the API's alarms.
  scheduled_alarms = merge([
    for name, f in local.scheduled : {
      "${name}-errors"    = { function = name, metric = "Errors", threshold = var.alarms.function_errors_threshold }
      "${name}-throttles" = { function = name, metric = "Throttles", threshold = var.alarms.function_throttles_threshold }
    } if var.alarms.enabled
  ]...)
}

data "aws_iam_policy_document" "scheduled_trust" {
  count = length(local.scheduled) > 0 ? 1 : 0

  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "scheduled" {
  for_each = local.scheduled

  name                 = each.value.function_name
  description          = "Scheduled ${each.value.label} function of ${local.app} (${var.environment})"
  assume_role_policy   = data.aws_iam_policy_document.scheduled_trust[0].json
  permissions_boundary = var.permissions_boundary
}

data "aws_iam_policy_document" "scheduled" {
  for_each = local.scheduled

  dynamic "statement" {
    for_each = each.value.table_statements
    content {
      sid       = statement.value.sid
      effect    = "Allow"
      actions   = statement.value.actions
      resources = [for t in statement.value.tables : module.api.table_arns[t]]
    }
  }

  statement {
    sid       = "Logs"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.scheduled[each.key].arn}:log-stream:*"]
  }
}

resource "aws_iam_role_policy" "scheduled" {
  for_each = local.scheduled

  name   = each.key
  role   = aws_iam_role.scheduled[each.key].id
  policy = data.aws_iam_policy_document.scheduled[each.key].json
}

resource "aws_cloudwatch_log_group" "scheduled" {
  for_each = local.scheduled

  name              = "/aws/lambda/${each.value.function_name}"
  retention_in_days = local.retention_days
}

resource "aws_lambda_function" "scheduled" {
  for_each = local.scheduled

  function_name = each.value.function_name
  description   = "${each.value.purpose} of ${local.app} (${var.environment}) on a schedule"
  role          = aws_iam_role.scheduled[each.key].arn
  handler       = each.value.handler
  runtime       = local.fn.runtime
  memory_size   = each.value.memory_mb
  timeout       = each.value.timeout_seconds

  filename         = local.scheduled_jar
  source_code_hash = fileexists(local.scheduled_jar) ? filebase64sha256(local.scheduled_jar) : null

  environment {
    variables = merge(each.value.environment, {
      FIELDGATE_TABLE_PREFIX = module.api.table_prefix
    })
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.scheduled[each.key].name
  }

  depends_on = [aws_iam_role_policy.scheduled]
}

resource "aws_cloudwatch_event_rule" "scheduled" {
  for_each = local.scheduled

  name                = each.value.function_name
  description         = "Runs ${each.value.function_name} on its schedule"
  schedule_expression = each.value.schedule
  state               = each.value.enabled ? "ENABLED" : "DISABLED"
}

resource "aws_cloudwatch_event_target" "scheduled" {
  for_each = local.scheduled

  rule = aws_cloudwatch_event_rule.scheduled[each.key].name
  arn  = aws_lambda_function.scheduled[each.key].arn
}

resource "aws_lambda_permission" "scheduled" {
  for_each = local.scheduled

  statement_id  = "AllowTheScheduleRule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.scheduled[each.key].function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.scheduled[each.key].arn
}

resource "aws_cloudwatch_metric_alarm" "scheduled" {
  for_each = local.scheduled_alarms

  alarm_name          = "${local.scheduled[each.value.function].function_name}-${lower(each.value.metric)}"
  alarm_description   = "${local.scheduled[each.value.function].function_name}: ${each.value.metric} in a scheduled run"
  namespace           = "AWS/Lambda"
  metric_name         = each.value.metric
  dimensions          = { FunctionName = aws_lambda_function.scheduled[each.value.function].function_name }
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
