smp-plan --clinic plan/daysoff/clinic.yaml --today 2027-04-30 plan/daysoff/cleo.yaml
