smp-remind --clinic remind/factors/clinic.yaml --today 2021-01-15 --days 3650 --kinds refresh remind/factors
