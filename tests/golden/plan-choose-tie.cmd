smp-plan --clinic plan/choose/clinic.yaml --today 2027-05-05 plan/choose/nina.yaml
