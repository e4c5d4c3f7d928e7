smp-heal --clinic ../../share/examples/clinic.yaml --today 2026-12-02 ../../share/examples/clients/c-0042.yaml
