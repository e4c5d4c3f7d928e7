smp-heal --clinic heal/clinic-slow.yaml --today 2026-11-08 -f tsv heal/sean.yaml
