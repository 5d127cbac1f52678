output "config" {
  description = "The environment's app config: fieldgate.json with the overlay merged over it (the same document `AppConfig.read(file, environment)` reads in Java)."
  value       = local.config

  precondition {
    condition     = length(local.overlay_problems) == 0
    error_message = "${local.overlay_path}: ${join(", ", local.overlay_problems)}. An overlay sets keys of fieldgate.json (docs/app-config.md) to values; leave a key out to keep fieldgate.json's value."
  }
}

output "files" {
  description = "The files the config was read from: fieldgate.json and, when it exists, the overlay."
  value       = concat([var.config_path], local.has_overlay ? [local.overlay_path] : [])
}

output "overlay_path" {
  description = "Where the environment's overlay is read from (whether or not it exists)."
  value       = local.overlay_path
}
