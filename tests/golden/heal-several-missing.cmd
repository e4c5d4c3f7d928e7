smp-heal --today 2026-11-22 -f tsv heal/sean.yaml heal/no-such-client.yaml ../../share/examples/clients/c-0042.yaml
