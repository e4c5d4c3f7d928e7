smp-heal --clinic ../../share/examples/clinic.yaml --today 2026-11-08 --ics $OUT/heal.ics ../../share/examples/clients/c-0042.yaml
