smp-heal --today 2026-11-22 -f tsv heal/refresh.yaml
