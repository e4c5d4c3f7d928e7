smp-heal --today 2026-12-20 --session 2 heal/sean.yaml
