# terraform plan -var-file=production.tfvars
environment = "prod"
production  = true
