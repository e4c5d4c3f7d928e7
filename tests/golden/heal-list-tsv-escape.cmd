smp-heal --today 2026-11-22 -f tsv heal/tab.yaml heal/long.yaml heal/sean.yaml heal/lukasz.yaml
