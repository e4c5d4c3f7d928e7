smp-plan --clinic plan/dst-skip/clinic.yaml --today 2027-03-27 --ics $OUT/skip.ics plan/dst-skip/sky.yaml
