smp-plan --clinic plan/weekend/clinic.yaml --today 2027-04-30 --dir plan/nowhere plan/weekend/adam.yaml
