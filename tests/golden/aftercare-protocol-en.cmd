SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --clinic aftercare/clinic-protocol.yaml --today 2026-11-22 aftercare/refresh.yaml
