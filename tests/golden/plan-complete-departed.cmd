smp-plan --clinic plan/errors/clinic.yaml --today 2027-04-30 plan/errors/departed.yaml
