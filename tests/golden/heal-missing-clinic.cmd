smp-heal --clinic heal/no-such-clinic.yaml --today 2026-11-22 heal/sean.yaml
