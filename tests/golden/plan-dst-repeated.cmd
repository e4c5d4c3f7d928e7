smp-plan --clinic plan/dst-repeat/clinic.yaml --today 2027-10-30 --ics $OUT/repeat.ics plan/dst-repeat/rex.yaml
