smp-heal --today 2026-11-22 -f xml heal/sean.yaml
