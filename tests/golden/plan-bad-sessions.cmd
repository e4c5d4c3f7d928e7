smp-plan --clinic plan/weekend/clinic.yaml --today 2027-04-30 --sessions 5 plan/weekend/adam.yaml
