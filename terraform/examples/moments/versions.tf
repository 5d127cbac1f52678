terraform {
  # 1.10: S3 state locking without a DynamoDB table (use_lockfile in env/*.tfbackend), and validations that refer to
  # terraform.workspace (the environment guard in variables.tf).
  required_version = ">= 1.10.0, < 2.0.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 6.25 is the release the offline validator checks against; .terraform.lock.hcl pins it.
      version = "~> 6.25"
    }
    local = {
      source  = "hashicorp/local"
      version = "~> 2.5"
    }
  }
}
