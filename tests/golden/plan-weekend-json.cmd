smp-plan --clinic plan/weekend/clinic.yaml --today 2027-04-30 --format json plan/weekend/adam.yaml
