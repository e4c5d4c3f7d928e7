smp-plan --clinic plan/zones/clinic.yaml --today 2027-04-30 --ics $OUT/london.ics plan/zones/london.yaml
