smp-heal --today 2026-11-22 heal/long.yaml heal/refresh.yaml heal/sean.yaml heal/lukasz.yaml ../../share/examples/clients/c-0042.yaml ../../share/examples/clients/c-0107.yaml
