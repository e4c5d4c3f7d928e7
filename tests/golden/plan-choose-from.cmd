smp-plan --clinic plan/choose/clinic.yaml --today 2027-05-05 --from 2027-05-08 plan/choose/nina.yaml
