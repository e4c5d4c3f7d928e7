SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --clinic aftercare/clinic-south.yaml --today 2026-08-02 -f html aftercare/july.yaml
