locals {
  # Role key => the `amr` value Cognito puts in the web identity token for that kind of identity.
  roles = merge(
    { authenticated = "authenticated" },
    var.allow_unauthenticated_identities ? { guest = "unauthenticated" } : {},
  )

  # Trust policies: one per role above, and one per group role ("group-<group>"), which signed-in identities assume.
  trusted = merge(local.roles, { for group in keys(var.group_roles) : "group-${group}" => "authenticated" })

  # "<group>/<role>-<n>": the authenticated role's AppSync policies, attached to each group role as well.
  group_grant_attachments = merge([
    for group in keys(var.group_roles) : {
      for key, p in local.grant_policies : "${group}/${key}" => { group = group, policy = key } if p.role == "authenticated"
    }
  ]...)

  grants_by_role = {
    authenticated = var.grants.authenticated
    guest         = var.grants.guest
  }

  # "<role>-<n>" => the field ARNs of one managed policy. Exactly one ARN per granted field, nothing wider.
  grant_policies = merge([
    for role in keys(local.roles) : {
      for index, chunk in chunklist(sort(distinct(local.grants_by_role[role])), var.grants_per_policy) :
      "${role}-${index + 1}" => {
        role      = role
        resources = [for suffix in chunk : "${var.appsync_api_arn}/${suffix}"]
      }
    }
  ]...)
}

# A role per user-pool group with grants of its own (storage.json's groupRoles): trusted like the authenticated role,
# holding the authenticated role's AppSync grants (the storage module adds the S3 statements), handed out by
# token-based role mapping to members whose ID token names it as cognito:preferred_role.
resource "aws_iam_role" "group" {
  for_each = var.group_roles

  name                 = "${var.role_name_prefix}-group-${each.key}"
  description          = "Cognito identity pool ${var.name}: signed-in members of the user-pool group ${each.key}"
  assume_role_policy   = data.aws_iam_policy_document.trust["group-${each.key}"].json
  permissions_boundary = var.permissions_boundary
  tags                 = var.tags

  lifecycle {
    precondition {
      condition     = length("${var.role_name_prefix}-group-${each.key}") <= 64
      error_message = "The role name ${var.role_name_prefix}-group-${each.key} is longer than IAM's 64 characters: shorten role_name_prefix or the group's name."
    }

    # The classic flow lets any signed-in identity assume any role that trusts the pool, a group's role too.
    precondition {
      condition     = !var.allow_classic_flow
      error_message = "Group ${each.key} has a role of its own, but allow_classic_flow is true: with the classic flow any signed-in user could assume it. Turn the classic flow off."
    }
  }
}

resource "aws_iam_role_policy_attachment" "group_grants" {
  for_each = local.group_grant_attachments

  role       = aws_iam_role.group[each.value.group].name
  policy_arn = aws_iam_policy.grants[each.value.policy].arn
}

resource "aws_cognito_identity_pool" "this" {
  identity_pool_name               = var.name
  allow_unauthenticated_identities = var.allow_unauthenticated_identities
  # The basic (classic) flow lets a caller pick any role the pool may assume; the enhanced flow only hands out the
  # pool's own roles. Off unless the app config asks for it.
  allow_classic_flow = var.allow_classic_flow

  dynamic "cognito_identity_providers" {
    for_each = var.user_pool.client_ids
    content {
      provider_name           = var.user_pool.endpoint
      client_id               = cognito_identity_providers.value
      server_side_token_check = var.user_pool.server_side_token_check
    }
  }

  tags = var.tags
}

data "aws_iam_policy_document" "trust" {
  for_each = local.trusted

  statement {
    sid     = startswith(each.key, "group-") ? "CognitoIdentityGroup" : "CognitoIdentity${title(each.key)}"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = ["cognito-identity.amazonaws.com"]
    }

    # Only identities of this pool ...
    condition {
      test     = "StringEquals"
      variable = "cognito-identity.amazonaws.com:aud"
      values   = [aws_cognito_identity_pool.this.id]
    }

    # ... and only the matching kind of identity (guest or signed in).
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "cognito-identity.amazonaws.com:amr"
      values   = [each.value]
    }
  }
}

resource "aws_iam_role" "this" {
  for_each = local.roles

  name                 = "${var.role_name_prefix}-${each.key}"
  description          = "Cognito identity pool ${var.name}: ${each.key == "guest" ? "guest (unauthenticated)" : "signed-in"} identities"
  assume_role_policy   = data.aws_iam_policy_document.trust[each.key].json
  permissions_boundary = var.permissions_boundary
  tags                 = var.tags

  lifecycle {
    precondition {
      condition     = length([for key, p in local.grant_policies : key if p.role == each.key]) <= var.max_policies_per_role
      error_message = "The ${each.key} role needs ${length([for key, p in local.grant_policies : key if p.role == each.key])} managed policies for its grants, more than max_policies_per_role (${var.max_policies_per_role}). Raise grants_per_policy or the account's quota."
    }
  }
}

data "aws_iam_policy_document" "grants" {
  for_each = local.grant_policies

  statement {
    sid       = "AppSyncFields"
    effect    = "Allow"
    actions   = ["appsync:GraphQL"]
    resources = each.value.resources
  }
}

resource "aws_iam_policy" "grants" {
  for_each = local.grant_policies

  name        = "${var.role_name_prefix}-${each.key}-appsync"
  description = "AppSync fields the ${each.value.role} role may reach (part ${split("-", each.key)[1]})"
  policy      = data.aws_iam_policy_document.grants[each.key].json
  tags        = var.tags
}

resource "aws_iam_role_policy_attachment" "grants" {
  for_each = local.grant_policies

  role       = aws_iam_role.this[each.value.role].name
  policy_arn = aws_iam_policy.grants[each.key].arn
}

resource "aws_cognito_identity_pool_roles_attachment" "this" {
  identity_pool_id = aws_cognito_identity_pool.this.id

  roles = merge(
    { authenticated = aws_iam_role.this["authenticated"].arn },
    var.allow_unauthenticated_identities ? { unauthenticated = aws_iam_role.this["guest"].arn } : {},
  )

  # With group roles: the role from the ID token (cognito:preferred_role, or a CustomRoleArn among cognito:roles),
  # and the authenticated role when the token names none.
  dynamic "role_mapping" {
    for_each = length(var.group_roles) > 0 ? var.user_pool.client_ids : []
    content {
      identity_provider         = "${var.user_pool.endpoint}:${role_mapping.value}"
      type                      = "Token"
      ambiguous_role_resolution = "AuthenticatedRole"
    }
  }
}
