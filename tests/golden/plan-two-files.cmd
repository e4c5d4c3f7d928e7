smp-plan --clinic plan/weekend/clinic.yaml --today 2027-04-30 plan/weekend/adam.yaml plan/weekend/adam.yaml
