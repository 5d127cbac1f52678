# A web ACL in front of the API: a rate limit per client IP (the one rule every public API needs, and the one that
# keeps guests - who need no sign-in - from running up the bill), plus AWS managed rule groups. AppSync takes a
# REGIONAL web ACL. Off unless var.waf.enabled.

locals {
  waf_metric_prefix = replace(local.prefix, "-", "")
}

resource "aws_wafv2_web_acl" "this" {
  count = var.waf.enabled ? 1 : 0

  name        = "${local.prefix}-api"
  description = "AppSync API ${var.name}: rate limit per IP and AWS managed rules"
  scope       = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "rate-limit-per-ip"
    priority = 0

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit                 = var.waf.rate_limit
        evaluation_window_sec = var.waf.rate_window_seconds
        aggregate_key_type    = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${local.waf_metric_prefix}RateLimit"
      sampled_requests_enabled   = true
    }
  }

  dynamic "rule" {
    for_each = var.waf.managed_rule_groups
    content {
      name     = rule.value
      priority = 10 + rule.key

      override_action {
        none {}
      }

      statement {
        managed_rule_group_statement {
          name        = rule.value
          vendor_name = "AWS"
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${local.waf_metric_prefix}${rule.value}"
        sampled_requests_enabled   = true
      }
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${local.waf_metric_prefix}Api"
    sampled_requests_enabled   = true
  }

  tags = var.tags
}

resource "aws_wafv2_web_acl_association" "this" {
  count = var.waf.enabled ? 1 : 0

  resource_arn = aws_appsync_graphql_api.this.arn
  web_acl_arn  = aws_wafv2_web_acl.this[0].arn
}
