# Where the resources of the earlier example (which declared the modules and resources itself) live now that
# modules/app declares them: with these blocks `terraform plan` moves their state instead of destroying and
# recreating them. Keep them until every environment has applied once since.

moved {
  from = module.app_config
  to   = module.app.module.app_config
}

moved {
  from = module.user_pool
  to   = module.app.module.user_pool
}

moved {
  from = module.api
  to   = module.app.module.api
}

moved {
  from = module.identity_pool
  to   = module.app.module.identity_pool
}

moved {
  from = local_file.outputs
  to   = module.app.local_file.outputs
}
