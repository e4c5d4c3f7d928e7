smp-plan --clinic plan/course/clinic.yaml --today 2027-04-30 --from 2027-05-20 plan/course/planned.yaml
