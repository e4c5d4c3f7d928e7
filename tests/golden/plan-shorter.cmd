smp-plan --clinic plan/course/clinic.yaml --today 2027-04-30 --sessions 2 -f tsv plan/course/planned.yaml
