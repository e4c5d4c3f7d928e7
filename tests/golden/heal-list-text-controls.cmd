smp-heal --today 2026-11-22 heal/tab.yaml ../../share/examples/clients/c-0042.yaml
