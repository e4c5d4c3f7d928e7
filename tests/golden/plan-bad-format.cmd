smp-plan --clinic plan/weekend/clinic.yaml --today 2027-04-30 -f csv plan/weekend/adam.yaml
