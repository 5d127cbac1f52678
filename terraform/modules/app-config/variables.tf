variable "config_path" {
  description = "The app's `fieldgate.json` (docs/app-config.md). The environment's overlay, `fieldgate.<environment>.json`, is read from the same folder when it exists. Relative paths are relative to the directory Terraform runs in."
  type        = string

  validation {
    condition     = endswith(var.config_path, ".json")
    error_message = "config_path must name the app's fieldgate.json."
  }
}

variable "environment" {
  description = "The environment (dev, staging, prod, …) whose overlay `fieldgate.<environment>.json` is merged over `fieldgate.json`."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{0,11}$", var.environment))
    error_message = "environment must be 1-12 lower-case letters and digits, starting with a letter."
  }
}
