smp-plan --clinic plan/closed/clinic.yaml --today 2027-04-30 plan/closed/bea.yaml
