smp-heal --today 2026-13-01 heal/sean.yaml
