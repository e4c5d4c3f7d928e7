smp-heal --today 2026-11-22 -f json heal/tab.yaml heal/long.yaml heal/sean.yaml heal/lukasz.yaml
