smp-plan --today 2027-04-30 --dir plan/weekend --ics $OUT/utc.ics plan/weekend/adam.yaml
