SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --clinic ../../share/examples/clinic.yaml --today 2026-08-02 --ics $OUT/sheet.ics aftercare/july.yaml
