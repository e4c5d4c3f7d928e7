smp-remind --clinic ../../share/examples/clinic.yaml --today 2026-11-22 --ics /nonexistent/feed.ics remind/clinic
