SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --today 2026-11-22 --width wide aftercare/july.yaml
