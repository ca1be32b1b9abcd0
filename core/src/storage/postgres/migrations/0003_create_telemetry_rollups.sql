-- Reserved for telemetry rollups on PostgreSQL; filled in before it lands.
SELECT 1;
