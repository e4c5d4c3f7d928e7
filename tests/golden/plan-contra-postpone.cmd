smp-plan --clinic plan/contra/clinic.yaml --today 2027-04-30 plan/contra/postpone.yaml
