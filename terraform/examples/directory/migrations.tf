# Where the resources of the earlier example (which declared the modules and resources itself) live now that
# modules/app declares them: with these blocks `terraform plan` moves their state instead of destroying and
# recreating them. Keep them until every environment has applied once since.

moved {
  from = module.app_config
  to   = module.app.module.app_config
}

moved {
  from = module.user_pool
  to   = module.app.module.user_pool
}

moved {
  from = module.api
  to   = module.app.module.api
}

moved {
  from = module.identity_pool
  to   = module.app.module.identity_pool
}

moved {
  from = local_file.outputs
  to   = module.app.local_file.outputs
}

moved {
  from = aws_iam_role.fill_users
  to   = module.app.aws_iam_role.scheduled["fill-users"]
}

moved {
  from = aws_iam_role_policy.fill_users
  to   = module.app.aws_iam_role_policy.scheduled["fill-users"]
}

moved {
  from = aws_cloudwatch_log_group.fill_users
  to   = module.app.aws_cloudwatch_log_group.scheduled["fill-users"]
}

moved {
  from = aws_lambda_function.fill_users
  to   = module.app.aws_lambda_function.scheduled["fill-users"]
}

moved {
  from = aws_cloudwatch_event_rule.fill_users
  to   = module.app.aws_cloudwatch_event_rule.scheduled["fill-users"]
}

moved {
  from = aws_cloudwatch_event_target.fill_users
  to   = module.app.aws_cloudwatch_event_target.scheduled["fill-users"]
}

moved {
  from = aws_lambda_permission.fill_users
  to   = module.app.aws_lambda_permission.scheduled["fill-users"]
}

moved {
  from = aws_cloudwatch_metric_alarm.fill_users["errors"]
  to   = module.app.aws_cloudwatch_metric_alarm.scheduled["fill-users-errors"]
}

moved {
  from = aws_cloudwatch_metric_alarm.fill_users["throttles"]
  to   = module.app.aws_cloudwatch_metric_alarm.scheduled["fill-users-throttles"]
}
