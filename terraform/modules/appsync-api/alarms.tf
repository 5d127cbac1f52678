# CloudWatch alarms on what breaks first: resolver function errors and throttles, and AppSync answering 5XX. Each
# notifies var.alarms.actions (SNS topic ARNs) when it fires and when it clears. Off unless var.alarms.enabled.

locals {
  # A for expression rather than a conditional: the alarms' dimensions differ in type.
  alarms = { for name, alarm in {
    "resolver-errors" = {
      description = "The resolver function ${local.function_name} failed (Lambda Errors: exceptions, timeouts, out of memory)."
      namespace   = "AWS/Lambda"
      metric      = "Errors"
      dimensions  = { FunctionName = local.function_name }
      threshold   = var.alarms.function_errors_threshold
    }
    "resolver-throttles" = {
      description = "Invocations of the resolver function ${local.function_name} were throttled (concurrency limit reached)."
      namespace   = "AWS/Lambda"
      metric      = "Throttles"
      dimensions  = { FunctionName = local.function_name }
      threshold   = var.alarms.function_throttles_threshold
    }
    "api-5xx" = {
      description = "The AppSync API ${var.name} answered with server errors (5XXError)."
      namespace   = "AWS/AppSync"
      metric      = "5XXError"
      dimensions  = { GraphQLAPIId = aws_appsync_graphql_api.this.id }
      threshold   = var.alarms.api_5xx_threshold
    }
  } : name => alarm if var.alarms.enabled }
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${local.prefix}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  statistic           = "Sum"
  period              = var.alarms.period_seconds
  evaluation_periods  = var.alarms.evaluation_periods
  threshold           = each.value.threshold
  comparison_operator = "GreaterThanOrEqualToThreshold"
  # No requests means nothing failed.
  treat_missing_data = "notBreaching"
  alarm_actions      = var.alarms.actions
  ok_actions         = var.alarms.actions

  tags = var.tags
}
