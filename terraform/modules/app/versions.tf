terraform {
  # 1.5.7, like the other modules (optional() defaults, check blocks, moved blocks into child modules).
  required_version = ">= 1.5.7"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # Any 6.x: the modules it wires use arguments 6.0 introduced, and a new major version needs a review first.
      version = "~> 6.0"
    }
    local = {
      source  = "hashicorp/local"
      version = "~> 2.5"
    }
  }
}
