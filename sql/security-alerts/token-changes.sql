-- Personal access tokens created or revoked in the workspace (the environment limits their lifetime; new ones are rare).
-- Action names: https://docs.databricks.com/aws/en/admin/account-settings/audit-logs (service "accounts").
SELECT count(*) AS events
FROM system.access.audit
WHERE event_time >= current_timestamp() - INTERVAL 24 HOURS
  AND workspace_id = :workspace_id
  AND service_name = 'accounts'
  AND action_name IN ('generateDbToken', 'revokeDbToken')
