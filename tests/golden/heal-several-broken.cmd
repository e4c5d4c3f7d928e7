smp-heal --today 2026-11-22 heal/bad-date.yaml heal/sean.yaml ../../share/examples/clients/c-0042.yaml heal/lukasz.yaml
