SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --today 2026-11-22 aftercare/july.yaml > /dev/full
