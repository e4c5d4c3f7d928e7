smp-plan --clinic plan/fullday/clinic.yaml --today 2027-04-30 plan/fullday/short.yaml
