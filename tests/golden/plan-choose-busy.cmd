smp-plan --clinic plan/choose-busy/clinic.yaml --today 2027-05-05 plan/choose-busy/otto.yaml
