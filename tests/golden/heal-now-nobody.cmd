smp-heal --clinic ../../share/examples/clinic.yaml --today 2026-11-02 ../../share/examples/clients/*.yaml
