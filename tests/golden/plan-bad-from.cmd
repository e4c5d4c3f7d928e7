smp-plan --clinic plan/weekend/clinic.yaml --today 2027-04-30 --from 2027-02-30 plan/weekend/adam.yaml
