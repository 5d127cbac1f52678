# One state per environment, in S3. The backend is configured per environment at init time, from
# env/<environment>.tfbackend (bucket, key prefix, region, locking), and the workspace picks the environment's state:
#
#   terraform init -reconfigure -backend-config=env/staging.tfbackend
#   terraform workspace select -or-create staging
#   terraform plan -var-file=staging.tfvars -out staging.tfplan
#
# variables.tf stops any plan whose variables name another environment than the workspace. To try the example
# without a bucket, put `terraform { backend "local" {} }` in a backend_override.tf (git ignores it).
terraform {
  backend "s3" {}
}
