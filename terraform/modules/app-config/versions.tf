terraform {
  # Reads files only: no provider. 1.5.7, like the other modules (optional() defaults, check blocks).
  required_version = ">= 1.5.7"
}
