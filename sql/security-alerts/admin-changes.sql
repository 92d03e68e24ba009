-- Changes to who is an admin: workspace and account admin grants and removals, and membership of the "admins" group.
-- Action names: https://docs.databricks.com/aws/en/admin/account-settings/audit-logs (service "accounts").
SELECT count(*) AS events
FROM system.access.audit
WHERE event_time >= current_timestamp() - INTERVAL 24 HOURS
  AND workspace_id IN (0, :workspace_id)
  AND service_name = 'accounts'
  AND (
    action_name IN ('setAdmin', 'removeAdmin', 'setAccountAdmin', 'changeAccountOwner')
    OR (action_name IN ('addPrincipalToGroup', 'removePrincipalFromGroup') AND request_params.targetGroupName = 'admins')
  )
