smp-plan --clinic plan/contra/clinic.yaml --today 2027-04-30 --force plan/contra/both.yaml
