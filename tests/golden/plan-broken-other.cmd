smp-plan --clinic plan/broken/clinic.yaml --today 2027-04-30 plan/broken/ok.yaml
