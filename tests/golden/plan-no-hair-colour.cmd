smp-plan --clinic plan/course/clinic.yaml --today 2027-04-30 -f json plan/course/nohair.yaml
