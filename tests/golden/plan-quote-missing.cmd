smp-plan --clinic plan/quote/clinic.yaml --today 2027-04-30 -q plan/quote/quinn.yaml
