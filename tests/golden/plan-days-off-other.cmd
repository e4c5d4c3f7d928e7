smp-plan --clinic plan/daysoff/clinic.yaml --today 2027-04-30 --practitioner ola plan/daysoff/cleo.yaml
