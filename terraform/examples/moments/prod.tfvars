# The prod environment: terraform workspace select -or-create prod && terraform plan -var-file=prod.tfvars
# App config: samples/moments/fieldgate.json with samples/moments/fieldgate.prod.json (introspection off, SRP only,
# https redirects, optional MFA).
# Replace the example account 111122223333, the SES identity and the SNS topic with your own before the first plan:
# with the account set, the provider refuses to touch any other.
environment    = "prod"
production     = true # deletion protection, point-in-time recovery, a year of logs
aws_account_id = "111122223333"

# Cognito: email through SES (Cognito's own sender allows about 50 emails a day), threat protection (PLUS plan),
# managed login with a branding style per client, and revoked tokens refused by the identity pool too.
cognito_email = {
  sending_account  = "DEVELOPER"
  ses_identity_arn = "arn:aws:ses:us-east-1:111122223333:identity/moments.example.com"
  from_address     = "Moments <no-reply@moments.example.com>"
}
cognito_tier            = "PLUS"
threat_protection       = { mode = "ENFORCED" }
managed_login           = { version = 2 }
server_side_token_check = true

# The API: a WAF rate limit per IP (guests reach the API without signing in) and alarms to the on-call topic.
waf    = { enabled = true, rate_limit = 1000 }
alarms = { enabled = true, actions = ["arn:aws:sns:us-east-1:111122223333:moments-prod-alarms"] }
