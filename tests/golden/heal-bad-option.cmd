smp-heal --frobnicate --today 2026-11-22 heal/sean.yaml
