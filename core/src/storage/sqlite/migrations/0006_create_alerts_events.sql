-- Reserved for alerts, zone events and the realtime event log; filled in before it lands.
SELECT 1;
