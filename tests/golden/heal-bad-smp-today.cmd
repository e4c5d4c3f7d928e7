SMP_TODAY=2026-13-01 smp-heal heal/sean.yaml
