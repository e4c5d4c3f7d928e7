smp-remind --clinic ../../share/examples/clinic.yaml --today 2026-11-22 --ics $OUT/feed.ics remind/clinic remind/extra
