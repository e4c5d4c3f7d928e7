smp-heal --clinic ../../share/examples/clinic.yaml --today 2026-11-22 --ics $OUT/sean.ics heal/sean.yaml >/dev/null && tr -d "\r" < $OUT/sean.ics
