smp-plan --clinic plan/earlyclose/clinic.yaml --today 2027-05-06 plan/earlyclose/long.yaml
