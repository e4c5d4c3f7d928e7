smp-plan --clinic plan/dst/clinic.yaml --today 2027-03-12 --ics $OUT/march.ics plan/dst/march.yaml
