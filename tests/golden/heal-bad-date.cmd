smp-heal --today 2026-11-22 heal/bad-date.yaml
