SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --clinic aftercare/no-clinic.yaml --today 2026-11-22 aftercare/july.yaml
