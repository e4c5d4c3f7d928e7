smp-heal --clinic ../../share/examples/clinic.yaml --today 2026-12-03 -f tsv ../../share/examples/clients/*.yaml
