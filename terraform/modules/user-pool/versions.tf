terraform {
  # 1.5.7 is the oldest release with everything the kit uses (optional() defaults, check blocks); it is also the
  # last MPL-licensed Terraform, so OpenTofu users are covered.
  required_version = ">= 1.5.7"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
  }
}
