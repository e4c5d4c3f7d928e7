smp-plan --clinic plan/others/clinic.yaml --today 2027-04-30 --dir plan/weekend plan/others/eve.yaml
