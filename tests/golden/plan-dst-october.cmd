smp-plan --clinic plan/dst/clinic.yaml --today 2027-10-15 --ics $OUT/october.ics plan/dst/october.yaml
