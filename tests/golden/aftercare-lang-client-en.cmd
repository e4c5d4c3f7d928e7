SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --clinic aftercare/clinic-north-pl.yaml --today 2026-11-22 aftercare/lang-en.yaml
