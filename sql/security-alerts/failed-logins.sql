-- Repeated failed logins: the most failed login attempts (401/403) by one identity in the last 24 hours.
-- Action names: https://docs.databricks.com/aws/en/admin/account-settings/audit-logs (service "accounts").
SELECT coalesce(max(failures), 0) AS events
FROM (
  SELECT coalesce(user_identity.email, request_params.user) AS identity, count(*) AS failures
  FROM system.access.audit
  WHERE event_time >= current_timestamp() - INTERVAL 24 HOURS
    AND workspace_id IN (0, :workspace_id)
    AND service_name = 'accounts'
    AND action_name IN ('login', 'tokenLogin', 'samlLogin', 'oidcBrowserLogin', 'certLogin', 'jwtLogin')
    AND response.status_code IN (401, 403)
  GROUP BY 1
)
