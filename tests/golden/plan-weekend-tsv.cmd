smp-plan --clinic plan/weekend/clinic.yaml --today 2027-04-30 -f tsv plan/weekend/adam.yaml
