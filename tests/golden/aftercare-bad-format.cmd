SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --today 2026-11-22 -f pdf aftercare/july.yaml
