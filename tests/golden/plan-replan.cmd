smp-plan --clinic plan/replan/clinic.yaml --today 2027-04-30 --ics $OUT/rita.ics plan/replan/rita.yaml
