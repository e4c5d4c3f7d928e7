SMP_LOCALEDIR=${BUILD:-../../build}/locale smp-aftercare --today 2026-11-22 --ics /nonexistent/dir/x.ics aftercare/july.yaml
