smp-plan --clinic plan/weekend/clinic.yaml --today 2027-04-30 --ics /nonexistent/x.ics plan/weekend/adam.yaml
