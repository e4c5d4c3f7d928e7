SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --clinic aftercare/clinic-south-pl.yaml --today 2027-01-29 --ics $OUT/sheet.ics aftercare/january.yaml
