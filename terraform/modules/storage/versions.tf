terraform {
  # 1.5.7 is the oldest release with everything the kit uses (optional() defaults, check blocks); it is also the
  # last MPL-licensed Terraform, so OpenTofu users are covered.
  required_version = ">= 1.5.7"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # Any 6.x: the module uses arguments 6.0 introduced, and a new major version needs a review first.
      version = "~> 6.0"
    }
  }
}
