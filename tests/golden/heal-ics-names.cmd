smp-heal --clinic ../../share/examples/clinic.yaml --today 2026-11-22 --ics $OUT/names.ics heal/long.yaml heal/sean.yaml heal/lukasz.yaml && cat $OUT/names.ics
