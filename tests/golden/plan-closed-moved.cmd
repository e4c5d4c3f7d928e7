smp-plan --clinic plan/closed/clinic.yaml --today 2027-04-30 --ics $OUT/moved.ics plan/closed/moved.yaml
