# The client outputs file, in the amplify_outputs.json (1.4) format of docs/outputs-file.md: the same format
# `./fieldgate local` writes, so the SDK reads either with FieldgateConfig.fromOutputsFile(path). No secrets here:
# client secrets and API keys stay in sensitive Terraform outputs.

locals {
  first_client = local.user_pool.clients[0]

  # Amplify's names for the MFA setting.
  outputs_mfa = { OFF = "NONE", OPTIONAL = "OPTIONAL", ON = "REQUIRED" }

  # The hosted UI block describes the first client, the one the file names as user_pool_client_id.
  outputs_oauth_enabled = try(local.user_pool.domainPrefix, null) != null && length(try(local.first_client.allowedOAuthFlows, [])) > 0

  # Amplify's storage category (Gen 2's outputs): the first bucket is the default one. Present only with a storage
  # section (a for expression, as for the hosted UI block below).
  outputs_storage = {
    for key, value in {
      storage = {
        aws_region  = local.config.region
        bucket_name = try(module.storage.bucket_names[local.storage.buckets[0].name], null)
        buckets = [for b in local.storage.buckets : {
          name        = b.name
          bucket_name = module.storage.bucket_names[b.name]
          aws_region  = local.config.region
          paths       = b.paths
        }]
      }
    } : key => value if local.storage_declared
  }

  outputs_document = merge(local.outputs_storage, {
    version = "1.4"

    auth = merge(
      {
        aws_region                         = local.config.region
        user_pool_id                       = module.user_pool.user_pool_id
        user_pool_client_id                = module.user_pool.client_ids[local.first_client.name]
        identity_pool_id                   = module.identity_pool.identity_pool_id
        unauthenticated_identities_enabled = local.identity_pool.allowUnauthenticatedIdentities
        username_attributes                = local.user_pool.usernameAttributes
        standard_required_attributes       = local.user_pool.requiredAttributes
        user_verification_types            = local.user_pool.autoVerifiedAttributes
        password_policy = {
          min_length        = local.user_pool.passwordPolicy.minimumLength
          require_numbers   = local.user_pool.passwordPolicy.requireNumbers
          require_lowercase = local.user_pool.passwordPolicy.requireLowercase
          require_uppercase = local.user_pool.passwordPolicy.requireUppercase
          require_symbols   = local.user_pool.passwordPolicy.requireSymbols
        }
        mfa_configuration = local.outputs_mfa[local.user_pool.mfa]
        mfa_methods       = local.user_pool.mfa == "OFF" ? [] : ["TOTP"]
        groups            = [for g in try(local.user_pool.groups, []) : { (g.name) = { precedence = try(g.precedence, null) } }]
      },
      # Present only when the first client uses the hosted UI (a for expression, because the two branches of a
      # conditional would have different object types).
      {
        for key, value in {
          oauth = {
            identity_providers    = []
            domain                = module.user_pool.domain
            scopes                = try(local.first_client.allowedOAuthScopes, [])
            redirect_sign_in_uri  = try(local.first_client.callbackUrls, [])
            redirect_sign_out_uri = try(local.first_client.logoutUrls, [])
            response_type         = "code"
          }
        } : key => value if local.outputs_oauth_enabled
      },
    )

    data = {
      aws_region                 = local.config.region
      url                        = module.api.graphql_url
      default_authorization_type = local.manifest.api.defaultAuthMode
      authorization_types        = local.manifest.api.additionalAuthModes
    }

    custom = {
      fieldgate = {
        app                    = local.app
        environment            = "aws"
        api_id                 = module.api.api_id
        realtime_url           = module.api.realtime_url
        user_pool_clients      = module.user_pool.client_ids
        guest_role_arn         = module.identity_pool.guest_role_arn
        authenticated_role_arn = module.identity_pool.authenticated_role_arn
        # Empty on AWS: clients use the regional AWS endpoints.
        endpoints = {}
      }
    }
  })
}

resource "local_file" "outputs" {
  count = var.write_outputs_file ? 1 : 0

  filename        = coalesce(var.outputs_file_path, "amplify_outputs.${var.environment}.json")
  content         = "${jsonencode(local.outputs_document)}\n"
  file_permission = "0644"
}
