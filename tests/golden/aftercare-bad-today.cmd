SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --today 2026-13-01 aftercare/july.yaml
