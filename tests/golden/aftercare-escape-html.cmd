SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --clinic aftercare/clinic-hostile.yaml --today 2026-11-22 -f html aftercare/escape.yaml
