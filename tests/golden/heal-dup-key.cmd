smp-heal --today 2026-11-22 heal/dup-key.yaml
