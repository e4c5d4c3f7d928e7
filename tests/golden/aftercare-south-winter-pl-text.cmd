SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --clinic aftercare/clinic-south-pl.yaml --today 2026-08-02 --ics $OUT/sheet.ics aftercare/july.yaml
