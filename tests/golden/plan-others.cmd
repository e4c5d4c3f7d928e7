smp-plan --clinic plan/others/clinic.yaml --today 2027-04-30 plan/others/eve.yaml
