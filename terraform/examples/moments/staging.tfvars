# The staging environment: terraform workspace select -or-create staging && terraform plan -var-file=staging.tfvars
# App config: samples/moments/fieldgate.json with samples/moments/fieldgate.staging.json (run it locally with
# ./fieldgate local --sample moments --env staging).
# What staging gets: production's shape - managed login, the WAF rate limit, alarms, token checks - without
# production's cost and protection: the ESSENTIALS plan, Cognito's own email sender, deletion protection off.
environment = "staging"
production  = false

# aws_account_id = "111122223333"   # your staging account: the provider then refuses any other

managed_login           = { version = 2 }
server_side_token_check = true
waf                     = { enabled = true, rate_limit = 1000 }
alarms                  = { enabled = true }
