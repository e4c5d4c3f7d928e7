smp-heal --clinic heal/clinic-bad.yaml --today 2026-11-22 heal/sean.yaml
