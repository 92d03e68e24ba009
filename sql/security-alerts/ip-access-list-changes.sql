-- IP access lists created, changed or deleted outside a deploy of <env>-workspace-config (and by it: expect one after a deploy).
-- Action names: https://docs.databricks.com/aws/en/admin/account-settings/audit-logs (service "accounts").
SELECT count(*) AS events
FROM system.access.audit
WHERE event_time >= current_timestamp() - INTERVAL 24 HOURS
  AND workspace_id = :workspace_id
  AND service_name = 'accounts'
  AND action_name IN ('createIpAccessList', 'updateIpAccessList', 'deleteIpAccessList')
