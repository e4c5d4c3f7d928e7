smp-heal --today 2026-11-22 --ics no-such-dir/heal.ics heal/sean.yaml
