smp-heal --clinic ../../share/examples/clinic.yaml --today 2026-11-08 -f tsv ../../share/examples/clients/c-0042.yaml
