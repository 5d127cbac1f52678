# The dev environment: terraform workspace select -or-create dev && terraform plan -var-file=dev.tfvars
# App config: samples/moments/fieldgate.json as it is (no overlay: its localhost:8080 redirects are dev's).
# What dev gets: everything the app needs and nothing that costs at rest; tables with point-in-time recovery, no
# deletion protection (tear it down freely), Cognito's own email sender, the classic hosted UI.
environment = "dev"
production  = false

# aws_account_id = "111122223333"   # your dev account: the provider then refuses any other
