# The app config of one environment: fieldgate.json with the environment's overlay, fieldgate.<environment>.json
# beside it, merged over it when it exists. The Java config module (AppConfig.read(file, environment)), and so
# `./fieldgate local --env <environment>`, merges the same two files by the same rules (docs/app-config.md):
#   - an object in the overlay merges into the object of the same key, key by key, at any depth;
#   - an array, a string, a number or a boolean in the overlay replaces the base's value (a client list is given
#     whole: arrays are never merged element by element);
#   - a key only in the overlay is added, a key only in fieldgate.json is kept;
#   - null is not allowed in an overlay (leave the key out instead), and neither is a key fieldgate.json does not
#     know.

locals {
  base         = jsondecode(file(var.config_path))
  overlay_path = "${dirname(var.config_path)}/fieldgate.${var.environment}.json"
  has_overlay  = fileexists(local.overlay_path)
  # Decoding the text of either file keeps the two branches of the conditional one type.
  overlay = jsondecode(local.has_overlay ? file(local.overlay_path) : "{}")

  # Objects merge, anything else replaces. Terraform has no recursion, so the merge is spelt out for the depths
  # fieldgate.json has: the file, its sections (userPool, api, …) and their objects (userPool.passwordPolicy,
  # function.environment). The for expressions filter rather than branch, because a conditional's two results
  # must be of one type and merged objects are not.
  config = merge(
    local.base,
    local.overlay,
    {
      for section, value in local.overlay : section => merge(
        local.base[section],
        value,
        {
          for key, inner in value : key => merge(local.base[section][key], inner)
          if can(keys(inner)) && can(keys(local.base[section][key]))
        },
      ) if can(keys(value)) && can(keys(local.base[section]))
    },
  )

  # The keys fieldgate.json knows (docs/app-config.md), for the overlay check below.
  known_keys = {
    root                      = ["$schema", "app", "region", "schema", "userPool", "identityPool", "api", "function", "storage"]
    userPool                  = ["name", "usernameAttributes", "autoVerifiedAttributes", "requiredAttributes", "passwordPolicy", "mfa", "deletionProtection", "groups", "domainPrefix", "clients"]
    "userPool.passwordPolicy" = ["minimumLength", "requireLowercase", "requireUppercase", "requireNumbers", "requireSymbols", "temporaryPasswordValidityDays"]
    "userPool.clients"        = ["name", "generateSecret", "explicitAuthFlows", "allowedOAuthFlows", "allowedOAuthScopes", "callbackUrls", "logoutUrls", "preventUserExistenceErrors", "enableTokenRevocation", "accessTokenValidityMinutes", "idTokenValidityMinutes", "refreshTokenValidityDays", "authSessionValidityMinutes"]
    "userPool.groups"         = ["name", "description", "precedence"]
    identityPool              = ["name", "allowUnauthenticatedIdentities", "clients", "allowClassicFlow"]
    api                       = ["name", "apiKey", "queryDepthLimit", "introspection", "xrayEnabled", "fieldLogLevel"]
    function                  = ["artifact", "handler", "runtime", "memoryMb", "timeoutSeconds", "environment"]
    storage                   = ["buckets", "corsOrigins"]
  }

  # Every key path of the overlay that fieldgate.json does not know, or whose value is null.
  overlay_problems = concat(
    [for k, v in local.overlay : "${k} (unknown key)" if !contains(local.known_keys.root, k)],
    [for k, v in local.overlay : "${k} (null)" if v == null],
    flatten([for s, section in local.overlay : [
      for k, v in section : "${s}.${k} (${contains(local.known_keys[s], k) ? "null" : "unknown key"})"
      if !contains(local.known_keys[s], k) || v == null
    ] if can(keys(section)) && contains(keys(local.known_keys), s)]),
    [for k, v in try(local.overlay.userPool.passwordPolicy, {}) : "userPool.passwordPolicy.${k} (${v == null ? "null" : "unknown key"})" if v == null || !contains(local.known_keys["userPool.passwordPolicy"], k)],
    [for k, v in try(local.overlay.function.environment, {}) : "function.environment.${k} (null)" if v == null],
    flatten([for key in ["clients", "groups"] : [
      for i, o in try(local.overlay.userPool[key], []) : [
        for k, v in o : "userPool.${key}[${i}].${k} (${v == null ? "null" : "unknown key"})"
        if v == null || !contains(local.known_keys["userPool.${key}"], k)
      ]
    ]]),
  )
}
