smp-plan --today 2027-04-30 --quote -f tsv --dir plan/weekend plan/weekend/adam.yaml
