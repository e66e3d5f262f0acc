<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActionCommand</name>
    <message>
        <source>refusing to %1 without --yes: standard input is not a terminal, so nobody can confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not confirmed; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GROUP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HOOK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OUTCOME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DETAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INSTANCE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the audit log could not be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>action sent, outcome not recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionController</name>
    <message>
        <source>Read-only mode: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already completed by Hookdesk at %1 (%2); the instance is now %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the result…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance %1 is now in %2, not in %3 as when you confirmed: nothing was sent. Look at it again and confirm anew.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted by AWS; reading it back failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — and reading back failed (%2), so whether it took effect is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: the connection was closed before this item&apos;s turn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not applied (read back), and not sent again: the connection was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted by AWS; not read back: the connection was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent; the connection was closed before its answer was checked: it may have been applied.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionOutcome</name>
    <message>
        <source>now %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no longer in any group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted by AWS; sent by token alone, so there is no instance to read back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat recorded; still in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat accepted, but the instance has left the wait since (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 applied: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 applied to this hook; still in %2, waiting on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted; waiting for the instance to move on…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>AWS accepted %1, but %n s later the instance is still in %2.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>AWS has no active lifecycle action with this token for hook %1: the token is wrong, or its action is over. Nothing was completed by this request; check the instance&apos;s state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already completed: the instance has left the wait (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS has no active lifecycle action for hook %1 of %2, yet the instance is still in %3: the hook, token or instance does not name its action. Nothing was completed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 applied by the earlier attempt whose answer was lost: the instance has left the wait (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied by the earlier attempt whose answer was lost: hook %1 has no active action any more; the instance still waits on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already completed by Hookdesk before: hook %1 has no active action; the instance still waits on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer was lost (%1): AWS may or may not have recorded this heartbeat. It was not sent again (a second heartbeat would count twice); the countdown assumes it was not recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer was lost (%1), and a token alone names no instance to read back: whether %2 was applied is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 applied; its answer was lost (%2), and the instance has left the wait (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer was lost (%1) and the instance still waits: sending again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer was lost twice (%1), and the instance is still in %2: not applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Its answer was lost (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> An earlier attempt whose answer was lost did it; this one was answered: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hook %1 is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hook %1 reads back as saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted; reading the hooks back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS accepted the deletion, but hook %1 still reads back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS accepted the change, but hook %1 does not read back as sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer was lost (%1) and the hooks show no change: sending again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer was lost twice (%1) and the hooks show no change: not applied.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionTargetCheck</name>
    <message>
        <source>Group %1 could not be read, so the target was not checked and nothing was sent: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no Auto Scaling group named %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no Auto Scaling group named %1 in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lifecycle hooks of group %1 could not be read, so the target was not checked and nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 has no lifecycle hooks, so it has no hook named %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 has no lifecycle hook named %2. Its hooks: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lifecycle action token needs the hook name it belongs to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer waiting: instance %1 has left group %2 since it was listed (its action ended).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance %1 is not in group %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer waiting: instance %1 is now %2 (its action ended since it was listed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already completed: instance %1 is past its wait (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance %1 is not waiting on a lifecycle hook: it is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no hook Hookdesk knows of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hook %1 is a %2 hook, but instance %3 is in %4, waiting on %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hook %1 of instance %2 was already completed by Hookdesk in this wait; it still waits on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance %1 is in %2, but group %3 has no %4 hook: nothing Hookdesk can complete. Its hooks: %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every hook of this transition was already completed by Hookdesk in this wait.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance %1 is in %2, and whether it waits on group %3&apos;s launch or terminate hooks is unknown (it may be launching into the warm pool or returning to it on scale in); name the hook to complete it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActivityModel</name>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cause</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgeText</name>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n d ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no data loaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>data from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent at %1, after this computer&apos;s clock: check it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AssumeRole</name>
    <message>
        <source>No MFA code was entered for profile %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not assume the role of profile %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not get an MFA session for profile %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 needs an MFA code to sign in, but nothing can ask for one here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>Cannot write the audit log %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditReconciler</name>
    <message>
        <source>group could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a heartbeat cannot be read back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AutoScalingClient</name>
    <message>
        <source>MaxRecords must be between 1 and %1 (got %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A group filter needs a name and at least one value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An instance ID is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most %1 hook names can be described at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Status filter of scaling activities needs an Auto Scaling group name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most %1 group names can be described at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An instance ID is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes 1 to %2 instance IDs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The health status must be Healthy or Unhealthy.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AwsConfigImport</name>
    <message>
        <source>It has only one of aws_access_key_id and aws_secret_access_key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It assumes a role without a source_profile, which is not supported yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It has neither access keys nor a role to assume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neither %1 nor %2 exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Section [%1] is ignored: profiles in the config file are named [profile %1].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No region is set; %1 is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duration_seconds must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its source profile %1 is not imported from these files; it must exist in Hookdesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The AWS files have errors; fix them first (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n profile(s) imported; the keys are now in the system keychain. Hookdesk never changes %1, so you can now remove the keys from it yourself.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>the AWS files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 could not be imported: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a regular file (a directory, named pipe, socket or device); only regular files are read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is larger than 1 MiB; an AWS credentials or config file never is, so it is not read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions %1 are too open: other users of this computer can read or change the keys in it. Restrict them with chmod 600.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credential_process profiles are not imported: use them by name with --profile or AWS_PROFILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>web_identity_token_file profiles are not imported (the token file is renewed by its issuer): use them by name with --profile or AWS_PROFILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 names the section [services %2], which does not exist; its endpoints are not used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It names sso_session %1, but the config file has no usable [sso-session %1] section.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It has both source_profile and credential_source; a role takes its source credentials from one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It has credential_source but no role_arn to assume with those credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credential_source = %1 (instance or container credentials) is not supported; Environment is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credential_source = Environment profiles are not imported (the keys are those of each run&apos;s environment): use them with --profile NAME. With AWS_PROFILE the keys of the environment are used as they are, as by the AWS CLI.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AwsError</name>
    <message>
        <source>Unreadable answer (HTTP %1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(request %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AwsXml</name>
    <message>
        <source>no Account or Arn in GetCallerIdentityResult</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service answered HTTP %1 with an empty body (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service answered HTTP %1 with a body that is not an AWS answer (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no XML element</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no &lt;ErrorResponse&gt; in the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &lt;%1&gt;, found &lt;%2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service answered HTTP %1 with a body that could not be read (%2, %3 bytes); it is not shown as it may hold credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no InstanceRefreshId in %1Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no complete Credentials in %1Result</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BulkProgressDialog</name>
    <message>
        <source>Lifecycle actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome of each item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already completed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done ✓ — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done (not verified)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done, not verified: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already completed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n verified ✓</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unknown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %1 for %n lifecycle action(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending %1 for %n lifecycle action(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n heartbeat(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recording %n heartbeat(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Done: saving the lifecycle hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the lifecycle hook…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: deleting the lifecycle hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting the lifecycle hook…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Done: %1 for %n instance(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n instance(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaBundle</name>
    <message>
        <source>AWS_CA_BUNDLE names %1, which cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS_CA_BUNDLE names %1, which is too large for a PEM bundle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS_CA_BUNDLE names %1, which holds no PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA bundle %1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA bundle %1 is too large for a PEM bundle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA bundle %1 holds no PEM certificate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliArguments</name>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown option &apos;--%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option &apos;--%1&apos; takes no value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option &apos;--%1&apos; needs a value (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option &apos;--%1&apos; given more than once</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliCommand</name>
    <message>
        <source>--%1 is required</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliCommands</name>
    <message>
        <source>--transition takes launch or terminate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--heartbeat-timeout takes a number of seconds (30 to 7200)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--target-arn and --role-arn go together: AWS needs the role to publish to the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete a lifecycle hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting hook %1 of group %2 completes every action still waiting on it (ABANDON for launches, CONTINUE for terminations).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a lifecycle hook, or change an existing one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto Scaling group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hook name (letters, digits, - _ /; up to 255)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which transition the hook holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds before the default result applies (30 to 7200)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result applied when the timeout runs out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification metadata sent with each lifecycle event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM role that lets Auto Scaling publish to the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete a lifecycle hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions still waiting on the hook are completed by AWS: ABANDON for launches, CONTINUE for terminations. Asks on a terminal (type the hook name); needs --yes otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hook name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not ask for confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--filter takes tag:KEY=VALUE, tag-key=KEY or tag-value=VALUE, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Auto Scaling groups found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GROUP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DESIRED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INSTANCES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WAITING</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 has no lifecycle hooks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HOOK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TRANSITION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HEARTBEAT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GLOBAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEFAULT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TARGET</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no Auto Scaling group named &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 has no instances.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INSTANCE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AZ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TYPE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HEALTH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROTECTED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max takes a number from 1 to 1000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No scaling activities for group %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>START (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>END (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DESCRIPTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the Auto Scaling group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FIELD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(environment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the account and ARN of the credentials in use (STS GetCallerIdentity)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also shows the profile, region and endpoint the other commands would use: a quick check that a profile or the environment keys work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only groups matching this tag filter (repeatable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List a group&apos;s lifecycle hooks: transition, heartbeat and global timeouts, default result, target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List a group&apos;s instances: availability zone, type, lifecycle state, health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List a group&apos;s recent scaling activities, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many activities to show (default 20, at most 1000)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give exactly one of --instance, --token or --all-pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--token needs --hook: a token belongs to one hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--result is required: CONTINUE or ABANDON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send heartbeats for every waiting instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 every waiting instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABANDON instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>About to %1 %n lifecycle action(s) in %2:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>About to send a heartbeat for %n instance(s) in %1:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>token %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not waiting now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the heartbeats?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No instance of %1 is waiting on a lifecycle hook: nothing to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this hook (default: every hook of the instance&apos;s current transition)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance ID(s); repeat the option or list several after it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle action token (from the notification), with --hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every instance of the group in a *:Wait state (asks for confirmation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONTINUE lets the launch or termination go on; ABANDON terminates a launching instance (it is replaced) and skips the remaining hooks of a terminating one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not ask for confirmation (needed for ABANDON and --all-pending when standard input is not a terminal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not ask for confirmation of --all-pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete lifecycle actions with CONTINUE or ABANDON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record lifecycle action heartbeats: restart the hooks&apos; heartbeat timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No instance is waiting on a lifecycle hook.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No instance of %1 is waiting on a lifecycle hook.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HOOKS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEFT (EST.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List every instance waiting on a lifecycle hook: group, state, hooks, transition, default result, estimated time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this Auto Scaling group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a profile NAME is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No saved profiles. Add one with &apos;hookdesk-cli profile add NAME --region R&apos;, or import the AWS CLI&apos;s with &apos;hookdesk-cli profile import&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROFILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REGION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KEYS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ENDPOINT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>via %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--region is required (or set AWS_REGION)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile &apos;%1&apos; exists; remove it first or pick another name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added profile %1 (assumes %2 with the keys of %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added profile %1; its keys are in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access key ID: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret access key: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an access key ID and a secret access key are needed: type them at the prompts, or pipe them as two lines (a third, optional line is a session token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session token (empty for none): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no profile named &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refusing to remove a profile without --yes: standard input is not a terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing profile %1 deletes its keys from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not confirmed; nothing was removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed profile %1 and its keychain entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not imported: %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing was imported: fix the lines above first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No AWS CLI profiles found to import (read %1 and %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no credentials file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no config file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new profiles imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already in Hookdesk, left as they are: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List saved profiles: region, where the keys are, role, endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a profile; its keys go to the OS keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile&apos;s region (default: AWS_REGION)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint override for this profile (VPC endpoint, simulator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role to assume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile whose keys assume the role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>External ID the role&apos;s trust policy requires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove a profile and its keychain entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks on a terminal (type the profile name); needs --yes otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import AWS CLI profiles (~/.aws/credentials and ~/.aws/config)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read DIR/credentials and DIR/config instead of ~/.aws</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check a profile&apos;s credentials: the account and ARN they belong to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance %1 is not in any Auto Scaling group (in region %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating a hook needs --transition. Options left out keep their current value on an existing hook (AWS defaults on a new one: heartbeat timeout 3600 s, default result ABANDON). Without a target the hook&apos;s events go to EventBridge only; --target-arn &apos;&apos; removes the target of an existing hook, and its role with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SNS topic or SQS queue for lifecycle notifications; &apos;&apos; removes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--group is required with --token and --all-pending (only --instance can find its group)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no Auto Scaling group named %1 in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 has no lifecycle hook named %2. Its hooks: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto Scaling group of the instances; needed with --token and --all-pending (with --instance alone, each instance&apos;s group is looked up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep sending heartbeats, every half heartbeat timeout, for DURATION (45s, 90m, 2h, 1h30m; at most 48h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without --hook, every hook the instance still waits on in its current transition is completed. Before anything is sent, each target is checked: the group must exist, the instance must be in it and waiting, and the hook must exist for the transition it waits in; a mismatch is refused with what the instance actually waits on. After the answer the instance is read back: &quot;done ✓&quot; (verified: true in JSON) when it left the wait or moved on to its next hook. When AWS answers that no lifecycle action is active, the outcome is &quot;already-completed&quot; only if the instance has left that wait (completed elsewhere, timed out, or by an earlier attempt whose answer was lost); if it is still waiting, the outcome is &quot;failed&quot;.

With --instance and no --group, the group of each instance is looked up first (DescribeAutoScalingInstances); an instance that is in no group is reported as &quot;refused&quot; and nothing is sent for it, and when none is found the command exits with 2.

ABANDON and --all-pending ask for confirmation on a terminal (type the number of actions); without a terminal they need --yes. With --all-pending, --hook limits the action to the instances waiting on that hook.

Exit code 0 when every action is done or already completed; for one target, 2 when it was refused before sending and 1 when it failed; for several, 5 when some were refused or failed (each item&apos;s outcome is printed, and each reason in full below the table).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A heartbeat gives the hook its full heartbeat timeout again, counted from now, but never beyond its global timeout (100 × heartbeat timeout, at most 48 hours, from the start of the wait).

With --instance and no --group, the group of each instance is looked up first; an instance that is in no group is reported as &quot;refused&quot;.

With --keep-alive DURATION a heartbeat is sent at once and then every half of the smallest heartbeat timeout of the hooks kept alive, until DURATION has passed, the instance leaves the wait, the global timeout makes further heartbeats useless, or Ctrl+C / SIGTERM (the heartbeat in flight is answered and audited first). One line per heartbeat (one JSON document per line with --output json), then why it stopped. Exit code 0 when DURATION passed, the instance left the wait or it was interrupted; 7 when the global timeout ended it early; 5 when heartbeats failed after some went through, 1 when none did.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--keep-alive needs a duration such as 45s, 90m, 2h or 1h30m (at most 48h), not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>action sent, outcome not recorded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notice: an earlier run was interrupted after sending %1 %2 to %3 at %4: %5 (%6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the list again every SECONDS (5 to 86400)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--watch takes a number of seconds from 5 to 86400</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance ID(s) of the group; repeat the option or list several after it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower the desired capacity instead of letting the group launch a replacement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale-in protection keeps AWS from choosing the instances when the group shrinks; it does not stop a termination on request or a health replacement. Asks on a terminal (type the group name); needs --yes otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminate instances of a group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect instances from scale-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove scale-in protection from instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--all-profiles: there are no saved profiles (add one with &apos;hookdesk-cli profile add&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: %1 in %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2 is %3 (hookdesk-cli terminate --group %2 --instance %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retained, not terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2: ABANDON, sent or applied by a timeout, leaves it %3 (the group&apos;s instance lifecycle policy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: min %2, max %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, reuse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACCOUNT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WARM POOL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ON ABANDON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List Auto Scaling groups: min, desired, max, instances, how many wait on a lifecycle hook, and what an abandoned terminating hook does (terminated, or retained by an instance lifecycle policy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters are those of DescribeAutoScalingGroups: tag:KEY=VALUE, tag-key=KEY, tag-value=VALUE. Repeat --filter to combine them; repeated values of one filter match any of them.

WARM POOL shows a group&apos;s warm pool: its size, MinSize, MaxGroupPreparedCapacity (- when unset, the group&apos;s max size stands in), PoolState and whether instances are reused on scale in; JSON gives AWS&apos;s fields under &quot;warmPool&quot;. The pool&apos;s instances are not counted in INSTANCES.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instances in the group&apos;s warm pool (DescribeWarmPool, every page) follow the group&apos;s own, in their warm-pool states; JSON marks them &quot;warmPool&quot;: true.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--watch works on one connection: give one --profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most urgent first. The time left is an estimate (AWS does not publish when a wait started) that errs early, never late: it counts from the scaling activity that started the wait and from the moment a heartbeat was sent. Without such an activity the start is unknown and the row reads &quot;unknown — at most&quot; the longest the wait can still last. When the time runs out, the hook&apos;s default result applies: ABANDON if any waiting hook defaults to ABANDON.

Instances in *:Proceed are listed too, without a deadline: they move on by themselves. So are instances in Terminating:Retained: a terminating hook was abandoned in a group whose instance lifecycle policy retains, so the instance is retained, not terminated, until someone terminates it (hookdesk-cli terminate). Lines under the table say which instances are retained and which an ABANDON would retain.

With --watch the list is printed again after every refresh, SECONDS apart, until Ctrl+C: a table is redrawn on a terminal, JSON is one document per line. Refreshes after the first read only what the account&apos;s scaling activities say changed, plus the groups with a waiting instance, and a full sweep every 5 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List a group&apos;s instance refreshes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the group&apos;s instance refreshes of the last six weeks, newest first: status, percentage done, instances still to update, when it started, whether lifecycle actions hold it (the instances waiting and the hooks they wait on) and AWS&apos;s status reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel a group&apos;s active instance refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends CancelInstanceRefresh: AWS lets the replacements in flight finish and starts no new ones; instances already replaced stay replaced. Without an active refresh nothing is sent. Asks on a terminal (type the group name); needs --yes otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back a group&apos;s active instance refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends RollbackInstanceRefresh: AWS stops the refresh and replaces the instances it already replaced with the group&apos;s previous configuration. Without an active refresh nothing is sent. Asks on a terminal (type the group name); needs --yes otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends TerminateInstanceInAutoScalingGroup for each instance: its terminating lifecycle hooks run first, then it is terminated. Without --decrement-desired-capacity the group launches a replacement. An instance retained by an instance lifecycle policy (Terminating:Retained) is terminated without running its hooks again, and without a replacement. Instances that are not in the group are refused before anything is sent. Asks on a terminal (type the group name); needs --yes otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The health status to set: Healthy or Unhealthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks on a terminal (type the group name); needs --yes otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark instances Healthy or Unhealthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends SetInstanceHealth for each instance, ignoring the health check grace period. Unhealthy: the group terminates and replaces the instance, its terminating lifecycle hooks running first (an instance on Standby is replaced once it leaves Standby). Instances that are not in the group and a --status other than Healthy or Unhealthy are refused before anything is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move InService instances to Standby</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends EnterStandby (up to 20 instances). With --decrement-desired-capacity the desired capacity drops by one per instance (never below the group&apos;s min size); without it the group launches a replacement for each. Only InService instances of the group are accepted; anything else is refused before anything is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return Standby instances to service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends ExitStandby (up to 20 instances): each goes back through Pending, so the group&apos;s launch lifecycle hooks run again (Pending:Wait) before it is InService, and the desired capacity grows by one per instance (never above the group&apos;s max size). Only Standby instances of the group are accepted; anything else is refused before anything is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (profile %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not read, so it may be there: %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance %1 is not waiting on a lifecycle hook: it is %2 in %3 (%4); nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance %1 is listed waiting in %2 connections (%3): ambiguous, nothing was sent; name one connection with --profile and --region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance %1 is not in any Auto Scaling group of the connections that answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance %1 is not in a group named %2 in any connection that answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection that answered has an Auto Scaling group named %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 is in %2 connections (%3) and a token does not say which one: ambiguous, nothing was sent; name one connection with --profile and --region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no Auto Scaling group named %1 in any of the %2 connections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 has no lifecycle hook named %2 in any connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--keep-alive works on one connection: give --profile and --region once each</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)/region(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>About to %1 %n instance(s) in %2:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No instance of %1 is waiting on a lifecycle hook in %2: nothing to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --profile or --region given more than once, or --all-profiles, every connection loads its inventory and each instance is acted on through the one connection that lists it waiting, with that connection&apos;s account in its audit records; an instance two connections list is refused as ambiguous, one that none lists is refused, and nothing is sent for either. --all-pending acts in every connection that has the group; --token only where one connection has it. The table gains ACCOUNT and REGION columns, JSON items gain account, region and profile, and connections that failed are listed under errors (exit 5 when others answered). --keep-alive works on one connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks for the access key ID, the secret access key (not echoed) and an optional session token. When standard input is not a terminal, reads them as lines in that order, e.g. printf &apos;%s\n&apos; &quot;$ID&quot; &quot;$SECRET&quot; | hookdesk-cli profile add NAME --region R. Keys are never taken from arguments.

With --role-arn the profile assumes that role with the keys of --source-profile (asking for an MFA code when --mfa-serial is set), and stores no keys of its own. With --mfa-serial and no role, the keys are used in an MFA session of the user (GetSessionToken), asked for once per session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA device ARN; a code is asked for when the role or the MFA session starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session length in seconds (a role: 900 to 43200; an MFA session: 900 to 129600; default 3600)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--duration takes a number of seconds (900 to 129600)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 has no session kept in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot the session kept for profile %1: its next use signs in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop the MFA session kept in the keychain for a profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A session made with an MFA code (a role&apos;s, or the user&apos;s own) is kept in the OS keychain until five minutes before it ends, so the next run does not ask for the code again. Forgetting it makes the next use sign in anew.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(direct)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added profile %1 (role %2 in account %3 through IAM Identity Center session %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--account and --role need --sso-session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no IAM Identity Center session named &apos;%1&apos;: define it with &apos;hookdesk-cli sso login --session %1 --start-url URL --sso-region REGION&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM Identity Center session the profile signs in through (see &apos;sso login&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --sso-session: the account ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --sso-session: the permission set (role) name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys move into the OS keychain; profiles Hookdesk already has are left as they are. IAM Identity Center profiles come with their session (sign in with &apos;sso login&apos;); credential_process and web identity profiles are not imported but used by name (--profile, AWS_PROFILE). Hookdesk never edits the AWS files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to IAM Identity Center (browser, or device code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the browser at the directory&apos;s sign-in page and receives its answer on 127.0.0.1 (PKCE). With --no-browser, shows a code and a URL instead: approve the code in a browser, on this machine or another. The sign-in (client registration, access and refresh tokens) is kept in the OS keychain, never in a file; profiles of the session use it until it ends, renewing it with the refresh token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out of IAM Identity Center (every session by default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tells IAM Identity Center, then removes the sign-in from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the accounts and roles a sign-in can use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile &apos;%1&apos; does not sign in through IAM Identity Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name the session with --session NAME (sessions: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no IAM Identity Center session named &apos;%1&apos;: define it with --start-url URL --sso-region REGION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To sign in, open %1 in a browser and confirm the code %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in in the browser that opened. If none did, open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser could be started. Open %1 on this machine, or sign in with --no-browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to IAM Identity Center session %1 until %2; the sign-in is kept in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no IAM Identity Center session named &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No IAM Identity Center session to sign out of.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM Identity Center was not told (%1); the keychain entries go all the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM Identity Center gives this sign-in no account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EMAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROLES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The IAM Identity Center session (default: that of --profile, or the only one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Define or change the session: its start URL, https://d-…awsapps.com/start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Define or change the session: its region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the code and URL to open on another device</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliContext</name>
    <message>
        <source>Credentials: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no region: use --region, the profile&apos;s region or AWS_REGION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--endpoint-url &apos;%1&apos; is not a URL like https://host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoints: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliMfaPrompter</name>
    <message>
        <source>MFA code for %1 (profile %2): </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliPrompt</name>
    <message>
        <source>Type %1 to confirm: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliProxyPrompter</name>
    <message>
        <source>The proxy %1 asks for a user name and password, and standard input is not a terminal to ask on: give them in HTTPS_PROXY (http://user:password@host:port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name for the proxy %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 for the proxy %2: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CliRunner</name>
    <message>
        <source>table (default): aligned columns for people; json: one stable JSON document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print every request and the debug log to standard error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show help (for a command: hookdesk-cli COMMAND --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: hookdesk-cli [GLOBAL OPTIONS] COMMAND [OPTIONS]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows EC2 Auto Scaling lifecycle hooks and the instances waiting on them, and completes or extends those waits. Every deadline is an estimate: AWS does not publish when a wait started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global options (before or after the command):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit codes: 0 success; 1 AWS error; 2 usage error or confirmation refused; 3 credentials or keychain error; 4 network error; 5 some items of a bulk action failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &apos;hookdesk-cli COMMAND --help&apos; for a command&apos;s options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: hookdesk-cli [GLOBAL OPTIONS] %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &apos;hookdesk-cli --help&apos; for usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a subcommand:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &apos;hookdesk-cli --help&apos; for the list of commands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &apos;hookdesk-cli %1 --help&apos; for usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--output must be &apos;table&apos; or &apos;json&apos;, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give up on a request that has not fully answered after SECONDS, retries included (default: 60)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds from 1 to 3600, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse every command that would change something in AWS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global options: --profile, --region, --endpoint-url, --output, --timeout, --read-only, --verbose (see hookdesk-cli --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the saved profile NAME (default: AWS_PROFILE, else the AWS_* environment keys); repeat it for pending and groups over several profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS region, e.g. eu-west-1 (default: the profile&apos;s, else AWS_REGION); repeated, every profile is read in every region named</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending and groups: every saved profile, each in its region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use --all-profiles or --profile, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 works on one connection: give --profile and --region once each (several, or --all-profiles, are for pending, groups, complete and heartbeat)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send requests to URL instead of AWS (hookdesk-sim, moto, a VPC endpoint); default: the profile&apos;s, else AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL, the ~/.aws profile&apos;s services and endpoint_url</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmActionDialog</name>
    <message>
        <source>Confirm lifecycle action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this action does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instances this action applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation: type the number of instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue lifecycle action</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Send CONTINUE for %n instance(s)?&lt;/b&gt;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Abandon lifecycle action</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Send ABANDON for %n instance(s)?&lt;/b&gt;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Record heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Record a heartbeat for %n instance(s)?&lt;/b&gt;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;On launch&lt;/b&gt;, %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;On termination&lt;/b&gt;, %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>launching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terminating</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Continue %n instance(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Abandon %n instance(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send %n heartbeat(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Type &lt;b&gt;%1&lt;/b&gt; (the number of instances) to confirm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account, region and time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account not known yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left for the first to time out (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>time left unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;On termination in a group that retains instances&lt;/b&gt;, %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terminating (group retains on ABANDON)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>(environment)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CredentialChain</name>
    <message>
        <source>environment variables (AWS_ACCESS_KEY_ID)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile %1 (from AWS_PROFILE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together; only one of them is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access keys come from the environment; set AWS_REGION (or AWS_DEFAULT_REGION) too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No credentials: add a profile, import ~/.aws, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several profiles and none named default: choose one (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no profile named %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source profiles go round in a circle: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 uses source profile %2, which does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile %1 of %2 (from AWS_PROFILE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 of %2 cannot be used: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>web identity (AWS_WEB_IDENTITY_TOKEN_FILE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 signs in through IAM Identity Center session %2, which is not defined. Define it with &apos;hookdesk-cli sso login --session %2 --start-url URL --sso-region REGION&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 signs in through IAM Identity Center, whose sign-in is kept in the keychain, which this session cannot use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The web identity comes from the environment; set AWS_REGION (or AWS_DEFAULT_REGION) too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A web identity token file needs the role to assume: set role_arn (or AWS_ROLE_ARN) too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 of %2 assumes its role with the keys of the environment (credential_source = Environment), but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <source>No access key is configured.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeleteHookDialog</name>
    <message>
        <source>Delete lifecycle hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What deleting the hook does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmation: type the hook name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Delete the lifecycle hook %1 of group %2?&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New instances will no longer wait for this hook when they launch. Instances waiting on it now are released with ABANDON: they are terminated and replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instances will no longer wait for this hook when they terminate. Instances waiting on it now are released with CONTINUE: their termination goes on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the hook name &lt;b&gt;%1&lt;/b&gt; to confirm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) waiting on this hook right now.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Account and region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account not known yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <source>Details of the selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the group&apos;s hooks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting on &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from the scaling activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first seen by Hookdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started ≈ %1 ago (%2); heartbeat timeout %3, global timeout %4; default %5: %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capped by the global timeout: a heartbeat will not add time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every hook of this transition is complete; the instance moves on shortly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONTINUE: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABANDON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times are estimates: AWS does not publish when a wait started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) selected, %1 waiting. CONTINUE, ABANDON and heartbeat apply to all waiting ones; you will be asked to confirm with the count.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>runs when instances launch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>runs when instances terminate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat timeout %1, global timeout %2 (the most a wait can last, heartbeats included).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifies %1 (as %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a waiting instance to see what will happen to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Capacity: min %1, desired %2, max %3 · %n instance(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting on a lifecycle hook.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lifecycle hook(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 in %2 · health %3%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · protected from scale-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting on a lifecycle hook: act on it in the Pending actions tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start unknown: first seen waiting %1 ago, so at most %2 left (heartbeat timeout %3); default %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clear filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filter hides the other waiting instances; Esc in the filter box clears it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) waiting on it now.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Warm pool: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the group&apos;s warm pool (listed by DescribeWarmPool, not among its instances).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A terminating hook was abandoned and the group&apos;s instance lifecycle policy retains such instances: it keeps running, and is billed, but no longer counts towards the desired capacity. No hook runs again; terminating it (TerminateInstanceInAutoScalingGroup) ends it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance lifecycle policy: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) retained, waiting for someone to terminate them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndpointOverrides</name>
    <message>
        <source>The %1 endpoint from %2 cannot be used: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndpointResolver</name>
    <message>
        <source>The endpoint URL is not a valid URL with a host name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint URL must start with https:// (or http:// for a server on this computer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a region name Hookdesk knows (for example eu-west-1, cn-north-1, us-gov-west-1). For another partition, give an endpoint URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS offers no FIPS endpoint for %1 in %2. Turn FIPS off or choose a US or Canadian region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain http is only allowed to this computer (127.0.0.1, ::1, or localhost when it resolves only to those): requests would cross the network unencrypted. Use an https:// endpoint URL for %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetBoard</name>
    <message>
        <source>no credentials for this profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(environment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetBoardWindow</name>
    <message>
        <source>Read-only mode is on: turn it off to act.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hookdesk — Fleet board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh every open connection now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send CONTINUE for the selected waiting instances, each through its account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Abandon…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send ABANDON for the selected waiting instances, each through its account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Heartbeat…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the hook timeout of the selected instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the rows of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter instances, groups, hooks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look without touching: CONTINUE, ABANDON and heartbeat are refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts, regions and groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending lifecycle actions of every open connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with errors</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All accounts and regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: actions are still running; the connection stays open until each has its outcome.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: actions are still running; close the board once each has its outcome.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetConnectionsPanel</name>
    <message>
        <source>&lt;b&gt;Connections&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections: profiles and regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile · region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetGroupTreeModel</name>
    <message>
        <source>Account · region · group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetPendingModel</name>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(loading…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 · account %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated time until the hook&apos;s timeout applies its default result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile, and the account STS named for it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupListModel</name>
    <message>
        <source>All groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) waiting across all groups</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: min %2, desired %3, max %4; %n instance(s) waiting</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) retained, waiting for someone to terminate them</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HookEditorDialog</name>
    <message>
        <source>Lifecycle hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto Scaling &amp;group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto Scaling group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hook &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hook name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. warm-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transition:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Heartbeat timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat timeout in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global timeout (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Default result:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification &amp;target ARN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification target ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: SQS queue or SNS topic ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Role ARN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: role that may publish to the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification &amp;metadata:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New lifecycle hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit lifecycle hook %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A hook is identified by its group and name; to rename, create a new hook.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance launching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance terminating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABANDON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONTINUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (100 × heartbeat = %2, capped at 48 h). Set by AWS; heartbeats cannot extend a wait beyond it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (100 × heartbeat). Set by AWS; heartbeats cannot extend a wait beyond it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A notification target and a role ARN go together: fill in both or neither.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>= %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>= %1, allowed 30 s–2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— (set a valid heartbeat timeout first)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HookListModel</name>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>launch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terminate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heartbeat timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Global timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IniFile</name>
    <message>
        <source>A section header must end with &apos;]&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A section header needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Section [%1] appears again (first on line %2); its settings are merged, later ones win.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This line is neither a [section], a key = value setting nor a comment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A setting needs a name before &apos;=&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting %1 comes before any [section].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is set again in [%2] (first on line %3); the last value is used.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstanceGroupLocator</name>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstanceListModel</name>
    <message>
        <source>protected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protected from scale in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A terminating hook of %1 was abandoned and the group&apos;s instance lifecycle policy retains such instances: %2 keeps running until someone terminates it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstanceRefreshAction</name>
    <message>
        <source>group %1 has no active instance refresh (none pending, in progress or rolling back); nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instance refresh %1 of group %2 is rolling back, which cannot be cancelled; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instance refresh %1 of group %2 is %3 and cannot be rolled back; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2% done, %3 instance(s) to update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This cancels instance refresh %1 of %2 (%3): AWS lets the replacements in flight finish and starts no new ones; instances already replaced stay replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This rolls back instance refresh %1 of %2 (%3): AWS stops it and replaces the instances it already replaced with the group&apos;s previous configuration; their lifecycle hooks run again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The refresh is waiting on lifecycle actions of %1; this does not complete them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not read the refresh back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS answered with an error, but the refresh shows the change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS accepted the request, but the refresh does not show the change yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstanceRefreshPanel</name>
    <message>
        <source>Cancel instance re&amp;fresh…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the selected group&apos;s active instance refresh (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back the selected group&apos;s active instance refresh (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance refreshes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the group&apos;s instance refreshes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the instance refreshes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None in the last six weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · &lt;b&gt;%2&lt;/b&gt; · %3% done · %4 to update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting on lifecycle actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting on lifecycle actions of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only mode is on: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log: %1; nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ro&amp;ll back instance refresh…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InventoryStore</name>
    <message>
        <source>DescribeAutoScalingGroups: the quick look at a page and the whole page gave different NextTokens; the listing was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeepAlive</name>
    <message>
        <source>Stopped; no further heartbeat is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept alive until %1 as asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left the wait (now %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no longer waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hooks of group %1 could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waits on no hook any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 no longer waits on hook %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The global timeout (estimated %1) has passed: a heartbeat cannot extend the wait.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two heartbeat rounds in a row failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The global timeout ends the wait at %1 (estimate); another heartbeat cannot extend it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left the wait.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeepAliveCommand</name>
    <message>
        <source>--keep-alive needs --instance (not --token or --all-pending)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance %1 is not in group %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Keeping %n instance(s) alive until %1; Ctrl+C stops.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>heartbeat %1 sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heartbeat %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(every %1 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>stopped after %n heartbeat(s): %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeepAliveDialog</name>
    <message>
        <source>Keep alive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep alive &amp;until:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Send a heartbeat now and then every %1 s for %n instance(s), so their wait does not time out. Hookdesk must stay open: quitting stops the heartbeats.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Keep alive</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n heartbeat(s) per instance, the last one before %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language is used the next time Hookdesk starts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecycleNotification</name>
    <message>
        <source>This is not JSON (%1 at character %2). Paste the whole message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expected a JSON object: an SQS message, an SNS notification or an EventBridge event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This JSON is not an Auto Scaling lifecycle notification: expected the fields LifecycleHookName, EC2InstanceId and LifecycleActionToken (directly, in an SNS &quot;Message&quot;, an SQS &quot;Body&quot; or an EventBridge &quot;detail&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lifecycle notification lacks %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This notification is from account %1, but Hookdesk is connected to account %2: its group, hook and token are not there. Switch to a profile of account %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This notification is from region %1, but Hookdesk is connected to %2: its group, hook and token are not there. Switch the region to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecycleState</name>
    <message>
        <source>launch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terminate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warm pool launch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warm pool terminate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>root volume replacement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instance terminated and replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instance goes InService</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instance joins the warm pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replacement fails, instance terminated and replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>root volume replaced, instance stays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remaining hooks skipped, instance terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instance terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remaining hooks skipped, instance retained, not terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retained, not terminated: waiting for someone to terminate it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABANDON on termination: retained, not terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABANDON on termination: terminated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecycleText</name>
    <message>
        <source>CONTINUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABANDON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The launch goes on: once every launch hook of the instance is complete, it is put in service (InService) and starts taking traffic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The termination goes on: once every termination hook of the instance is complete, the instance is terminated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The launch is abandoned: Auto Scaling terminates the instance and launches a replacement, which goes through the launch hooks again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The remaining termination hooks are skipped and the instance is terminated now. Any clean-up a hook was waiting for does not happen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hook&apos;s timeout restarts: %1 more before the default result applies, never beyond the global timeout. Nothing else changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If nothing is done, the timeout applies ABANDON: the instance is terminated and replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If nothing is done, the timeout applies CONTINUE: the instance goes in service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If nothing is done, the timeout applies ABANDON: the remaining hooks are skipped and the instance is terminated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If nothing is done, the timeout applies CONTINUE: the instance is terminated once its other hooks are complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>due now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The remaining termination hooks are skipped and the instance is retained, not terminated: the group&apos;s instance lifecycle policy keeps it in Terminating:Retained, running and billed, until someone terminates it. It no longer counts towards the desired capacity, so the group may launch a replacement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If nothing is done, the timeout applies ABANDON: the remaining hooks are skipped and the instance is retained, not terminated, until someone terminates it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LifecycleValidation</name>
    <message>
        <source>Enter a hook name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A hook name has at most %1 characters (this one has %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A hook name may only contain letters A–Z and a–z, digits, &apos;-&apos;, &apos;_&apos; and &apos;/&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an Auto Scaling group name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A group name has at most %1 characters (this one has %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A group name may not contain control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The heartbeat timeout must be between %1 and %2 seconds (30 s to 2 h); %3 is outside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The default result must be CONTINUE or ABANDON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lifecycle action result must be CONTINUE or ABANDON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification metadata has at most %1 characters (this has %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification metadata may only contain printable ASCII characters, tabs and line breaks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lifecycle action token has exactly %1 characters (this one has %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the transition: instance launching or instance terminating.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An instance ID has at most %1 characters (this one has %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An instance ID may not contain spaces or control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ARN has at most %1 characters (this one has %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ARN starts with &quot;arn:&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A notification target needs a role ARN that allows Auto Scaling to publish to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the instance ID or the lifecycle action token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A role ARN cannot be emptied on its own: remove the notification target, which removes its role too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A role ARN needs a notification target: removing the target removes its role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transition must be %1 or %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an instance ID (i- followed by 8 or 17 hexadecimal digits).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Hookdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload groups, instances and hooks now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send CONTINUE for the selected waiting instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Abandon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send ABANDON for the selected waiting instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Heartbeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the hook timeout of the selected instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New hook…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a lifecycle hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit hook…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the selected lifecycle hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete hook…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected lifecycle hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete from &amp;notification…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste an SQS, SNS or EventBridge lifecycle notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Profiles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add, edit, import and test AWS profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-&amp;only mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look without touching: every mutating action is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every action Hookdesk sent, with its outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by instance, group or hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit Hookdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Hookdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Hookdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Hookdesk %1&lt;/h3&gt;&lt;p&gt;A desktop console for EC2 Auto Scaling lifecycle hooks: see what waits, where and for how long, and unstick it.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hoo&amp;ks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account and identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time since the last refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter instances, groups, hooks (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo mode notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto Scaling groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending lifecycle actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle hooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scaling activities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests, last refresh and errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo — simulated endpoint.&lt;/b&gt; Hookdesk is talking to its built-in simulator%1, not to AWS: groups, hooks and waiting instances are made up, and instances keep arriving. Nothing you do here touches an AWS account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only mode is on: turn it off to act.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(environment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The simulator serves a single region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading groups and waiting instances…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending actions (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;AWS is throttling requests.&lt;/b&gt; Refreshing less often until it recovers. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Instance waiting on a lifecycle hook</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 started waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account: checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>last refresh %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⟳ refreshing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⟳ %1 s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is waiting on a lifecycle hook right now. New waits show up here within one refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a waiting instance to see what will happen to it if nothing is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create hook %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save hook %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete hook %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep alive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send heartbeats for the selected instances until a time you pick (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop keep-alive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sending heartbeats for the selected instances (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep-alive of %1 ended: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Kept alive until %1&lt;/b&gt;: a heartbeat every %2 s (%3 sent so far). &lt;a href=&quot;hookdesk:stop-keep-alive&quot;&gt;Stop keep-alive&lt;/a&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stop %n keep-alive(s) and quit?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No more heartbeats are sent once Hookdesk has quit; the waits then time out on their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 on %3 (sent %4): %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n action(s) of an interrupted Hookdesk run had no recorded outcome.&lt;/b&gt; Checked now and recorded in the audit log:&lt;br&gt;%1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Action sent, outcome not recorded.&lt;/b&gt; %1 The record is kept and written as soon as the log can be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Wait&lt;/b&gt;: nothing changes, the actions go on.&lt;br&gt;&lt;b&gt;Stop after the current requests&lt;/b&gt;: nothing more is sent; the answers to the requests already sent are checked and recorded first.&lt;br&gt;&lt;b&gt;Stop now&lt;/b&gt;: nothing more is sent; the requests already sent are recorded as &lt;i&gt;unknown&lt;/i&gt; (AWS may have applied them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop &amp;after the current requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Waiting for the answers to %n request(s) already sent…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Signed out — MFA code needed.&lt;/b&gt; The MFA prompt for profile %1 was cancelled: nothing is refreshed until you sign in again. &lt;a href=&quot;hookdesk:sign-in&quot;&gt;Sign in…&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot sign in.&lt;/b&gt; %1&lt;br&gt;Fix the profile or add one in the &lt;a href=&quot;hookdesk:profiles&quot;&gt;profile manager&lt;/a&gt;, or &lt;a href=&quot;hookdesk:demo&quot;&gt;open the demo&lt;/a&gt; (a built-in simulator, no AWS account).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request &amp;timeout…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a request to AWS may take before Hookdesk gives up on it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending actions (%1 / %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) still running.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;The last refresh failed.&lt;/b&gt; %1 Showing what was loaded before (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full sweep %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>⟳ loading: %n group(s) listed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audit log (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 for %2: sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 for %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noticed by Hookdesk; the scaling activity says the lifecycle action timed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noticed by Hookdesk: the instance left its wait at its deadline and no Hookdesk process had completed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle timeout: %1 applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2: it waits on no hook any more, so there is nothing to continue, abandon or record a heartbeat for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending actions, instances, hooks and scaling activities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the selection is and what happens to it if nothing is done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every instance waiting on a lifecycle hook, most urgent first, with the time left and the result that then applies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a group to show only its instances and hooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows only rows that contain this text; Escape clears it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When checked, every action that changes something is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More menus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select all records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Terminate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminate the selected instances (their group launches replacements unless you decrement)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Healthy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected instances Healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unhealthy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the selected instances Unhealthy: their group replaces them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enter…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected InService instances to standby</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return the selected standby instances to service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;n…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect the selected instances from scale-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;ff…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove scale-in protection from the selected instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set h&amp;ealth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stand&amp;by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale-in &amp;protection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select instances of one group: the selection spans %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fleet &amp;board…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every instance waiting on a hook across several accounts and regions, most urgent first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Net&amp;work…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy and extra certificate authorities for the connections to AWS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network settings saved: they apply to the next connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>via proxy %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MfaPromptDialog</name>
    <message>
        <source>MFA code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &lt;b&gt;%1&lt;/b&gt; assumes the role &lt;b&gt;%2&lt;/b&gt;, which needs a code from your MFA device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-time MFA code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &lt;b&gt;%1&lt;/b&gt; signs in with a code from your MFA device.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkPreferences</name>
    <message>
        <source>No manual proxy is set.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkPreferencesDialog</name>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How Hookdesk reaches AWS from this network. Changes apply to the next connection (File &gt; Profiles, or switching profile or region); requests already under way keep the settings they started with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: always connect directly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy host and port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy.example.com:3128</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional; the password is asked for and kept in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra CA bundle file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional PEM file, trusted beside the system&apos;s certificate authorities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra &amp;CA bundle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the proxy as host:port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the proxy as host:port and the user name below; the password is asked for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra CA Bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkSetup</name>
    <message>
        <source>Proxy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (direct)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS_CA_BUNDLE: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra CA bundle: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotificationDialog</name>
    <message>
        <source>Complete from notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the JSON of a lifecycle notification: an SQS message, an SNS envelope or an EventBridge event. The group, hook, instance and token are filled in from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notification JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parse result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto Scaling group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hook:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Instance:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle action token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transition:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONTINUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABANDON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;heartbeat…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Complete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a pasted notification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a lifecycle notification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is Auto Scaling&apos;s test notification, sent when a hook is created: there is nothing to complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an SQS message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an SNS notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an EventBridge event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a lifecycle notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recognised %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instance launching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instance terminating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only mode is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recognised %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age of the notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether the instance still waits on the hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown: the notification carries no time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked: the notification is from elsewhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown: not connected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotificationWaitStatus</name>
    <message>
        <source>unknown: the notification names no group or instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown: the group could not be read (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not waiting: there is no group %1 in this account and region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not waiting: %1 is no longer in group %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not waiting: %1 is %2 now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not waiting on %1: it was completed or timed out; %2 still waits on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting — %1 left, then %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PageWalker</name>
    <message>
        <source>%1 was cancelled: the connection was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service sent a page token of %1 it had already sent (after %2 pages): stopped reading, the listing would never end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 had more than %2 pages: stopped reading.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PendingAction</name>
    <message>
        <source>lifecycle actions completed; the instance is moving on by itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hooks not loaded yet: the default result is not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no hook of this transition is known to be waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if nothing is done: %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 timed out: CONTINUE applied, no longer waited on)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown — at most %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if nothing is done: CONTINUE for %1 first, then %2 times out with ABANDON → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the group&apos;s instance lifecycle policy keeps it running, and billed, until then)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>which hooks it waits on is %1; Hookdesk does not guess: name the hook to complete it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (warm pool: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until terminated</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PendingActionModel</name>
    <message>
        <source>(loading…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated: the default result applies around %1 (wait started ≈ %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimated time until the hook&apos;s timeout applies its default result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start of the wait unknown (first seen waiting at %2): the default result applies at the latest at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept alive until %1: a heartbeat every half heartbeat timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last refresh failed: this row is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is on its way (%2): it waits on no hook, so there is nothing to continue, abandon or heartbeat. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProcessCredentialProvider</name>
    <message>
        <source>its output is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its output has no &quot;Version&quot;: 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its output lacks AccessKeyId or SecretAccessKey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its Expiration is not an ISO 8601 time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credential_process is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it printed more than 1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it did not finish within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it exited with code %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it crashed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credential_process of profile %1 gave no credentials: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Profile</name>
    <message>
        <source>A profile name is 1 to 64 letters, digits or . _ - @ + = , characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a region such as eu-west-1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A role ARN looks like arn:aws:iam::123456789012:role/name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A role needs a source profile whose keys are used to assume it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile cannot be its own source profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session duration must be between 900 and 43200 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A source profile or external ID needs a role ARN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The MFA session duration must be between 900 and 129600 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An IAM Identity Center profile cannot also assume a role or use an MFA device.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileConnectionTest</name>
    <message>
        <source>No credentials to test.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileCredentialProvider</name>
    <message>
        <source>The profile store is gone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileFormCheck</name>
    <message>
        <source>Enter an access key ID and a secret access key.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileFormDialog</name>
    <message>
        <source>Edit profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. a VPC endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role ARN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: arn:aws:iam::123456789012:role/name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MFA device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: arn:aws:iam::123456789012:mfa/name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role &amp;ARN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ource profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;MFA device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;place the access keys (rotation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the access keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access &amp;key ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Secret access key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored in the keychain; tick above to replace</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileImportReport</name>
    <message>
        <source>uses credential_process, whose keys are not Hookdesk&apos;s to copy; it is usable at run time as it stands: pick it with --profile %1 or AWS_PROFILE=%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %n profile(s): %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped %n profile(s) Hookdesk has already (left as they are; use Edit to change them): %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 It is usable at run time as it stands: pick it with --profile %2 or AWS_PROFILE=%2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileManagerDialog</name>
    <message>
        <source>AWS profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import from ~/.aws</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles are not available in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>role %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No profile yet. Add one, or import your AWS CLI profiles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving %1 to the keychain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No importable profile found in ~/.aws.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Importing %n profile(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 works: account %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &lt;b&gt;%1&lt;/b&gt; and its keys are deleted from the keychain; they cannot be brought back. Type &lt;b&gt;%1&lt;/b&gt; to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the profile to remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget kept session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A session made with an MFA code is kept in the keychain, so that the next start asks for no code. Forget it to sign in anew.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgetting the kept session of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kept session of %1 stays in the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot the kept session of %1. The next start or switch to it asks for the MFA code again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in with IAM Identity Center…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from ~/.aws</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read from %1 at each use; Hookdesk does not copy or change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM Identity Center %1: %2 in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Added %n profile(s) of IAM Identity Center.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>A profile named %1 exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an access key ID and a secret access key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no profile named %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile %1 has no access keys stored.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProtectCommand</name>
    <message>
        <source>AWS takes at most 50 instances in one SetInstanceProtection call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change scale-in protection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProxyPasswordDialog</name>
    <message>
        <source>Proxy Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy %1 asks for a user name and password. The request that met it failed; the next one (Refresh) uses what you enter here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember the password in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProxyServer</name>
    <message>
        <source>&apos;%1&apos; is not a proxy URL like http://host:port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos;: only http:// proxies are supported.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProxySettings</name>
    <message>
        <source>https via %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>http via %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not for %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueryClient</name>
    <message>
        <source>The request timed out (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secure connection to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host %1 not found. Check the region and endpoint URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection to %1 refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection before answering.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network error talking to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usable credentials for this profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed the connection after the request was sent: it may or may not have been applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 took longer than %2 s to answer (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer to %1 from %2 is larger than %3: stopped reading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proxy authentication failed on the way to %1: the proxy wants a user name and password that were not given or were refused.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReadOnlyBadge</name>
    <message>
        <source>READ-ONLY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only mode is on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every action that changes something in AWS is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only mode is on: every action that changes something in AWS is disabled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefreshActionCommand</name>
    <message>
        <source>read-only mode: nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto Scaling group %1 does not exist in this account and region; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancel an instance refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>roll back an instance refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the group name to go ahead:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit log: %1; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REFRESH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OUTCOME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DETAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefreshConfirmDialog</name>
    <message>
        <source>Cancel instance refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back instance refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Cancel the instance refresh of %1?&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Roll back the instance refresh of %1?&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the group name (%1) to go ahead:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group name to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll back refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefreshesCommand</name>
    <message>
        <source>no Auto Scaling group named &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group %1 has no instance refreshes (AWS keeps six weeks of them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REFRESH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DONE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TO UPDATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WAITING ON HOOKS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REASON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Remediation</name>
    <message>
        <source>Terminate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set health to Healthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set health to Unhealthy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter standby</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit standby</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect from scale-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove scale-in protection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is %1: it has left the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is %1, and only an instance in %2 can enter standby</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is %1, not in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is already %1: it is on its way out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is %1: it is on its way out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an instance of group %2 (it is in %3); nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an instance of group %2; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is on %2: AWS replaces it only once it leaves %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only %1 instances can enter %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only %1 instances can exit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only an instance not already terminating (or one retained) can be terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an instance on its way out of the group cannot be changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lowering desired capacity from %1 to %2 would go below the group&apos;s min size %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exiting %1 raises desired capacity from %2 to %3, above the group&apos;s max size %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2 is retained, not terminated (Terminating:Retained): this terminates it now; its terminating hooks do not run again and no replacement is launched for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2 are retained, not terminated (Terminating:Retained): this terminates them now; their terminating hooks do not run again and no replacements are launched for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With the desired capacity lowered as well, it still drops from %1 to %2, so the group also terminates an instance in service to match it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This terminates %1 in %2 and lowers desired capacity from %3 to %4; terminating lifecycle hooks run first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This terminates %1 in %2 and the group launches a replacement (desired capacity stays %3); terminating lifecycle hooks run first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This marks %1 in %2 Healthy: the group keeps it in service (an instance the group is already replacing is not brought back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This marks %1 in %2 Unhealthy, ignoring the health check grace period: the group terminates and replaces it; its terminating hooks run first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This moves %1 in %2 to %3 and lowers desired capacity from %4 to %5: no replacement is launched; the instances stay in the group (and are billed) until they exit standby.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>This moves %1 in %2 to %3; desired capacity stays %4, so the group launches %n replacement(s) (their launch hooks run). The instances stay in the group (and are billed) until they exit standby.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>This moves %1 in %2 out of %3: each goes back through %4 and its launch lifecycle hooks run again (%5) before it is %6; desired capacity from %7 to %8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This protects %1 in %2 from scale-in: AWS will not pick them when the group shrinks (they can still be terminated on request or replaced when unhealthy).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This removes scale-in protection from %1 in %2: AWS may pick them when the group shrinks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not read the group back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS answered with an error, but the group shows the change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS accepted the request, but the group does not show the change yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the instance is still in a scaling activity (launching or moving into Standby); nothing was changed, try again when it has finished (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS was still applying an earlier change to this group or instance, even after retries; nothing was changed, try again in a minute (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemediationRunner</name>
    <message>
        <source>The connection was closed: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was closed before the outcome was known: look at the instance again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only mode: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not read group %1: %2; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto Scaling group %1 does not exist in this account and region; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit log: %1; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the result…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group %1 is no longer listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no longer in the group</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemedyCommand</name>
    <message>
        <source>--instance needs at least one instance ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-only mode: nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto Scaling group %1 does not exist in this account and region; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit log: %1; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an instance of group %1: %2; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the group name to go ahead:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INSTANCE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OUTCOME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DETAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; nothing was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemedyConfirmDialog</name>
    <message numerus="yes">
        <source>&lt;b&gt;%1: %n instance(s) of %2?&lt;/b&gt;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Decrement the desired capacity (no replacement is launched)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the group name (%1) to go ahead:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group name to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account not known yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestTimeoutDialog</name>
    <message>
        <source>Request Timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The longest Hookdesk waits for one request to AWS, retries included. A server that answers more slowly is given up on and the error is shown; the next refresh tries again. Applies from the next request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request timeout in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Default (%1 s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>Nothing is stored in the keychain under %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain service is running. On Linux, start a Secret Service provider (GNOME Keyring or KWallet) and unlock it, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain is locked. Unlock it (for example by logging in to the desktop session) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access to the keychain entry %1 was denied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value for %1 is too large for a keychain entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be used as a keychain entry name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain could not handle %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetHealthCommand</name>
    <message>
        <source>--status takes Healthy or Unhealthy, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set the health of instances</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Simulator</name>
    <message>
        <source>cannot read scenario %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scenario is not a JSON object: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scenario group without a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot place an instance in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad --generate item &apos;%1&apos; (expected groups=N,instances=M,hooks=K,waiting=F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--generate values out of range (hooks ≤ 50, 0 ≤ waiting ≤ 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot place a warm-pool instance in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sso account id &apos;%1&apos; is not 12 digits</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SsoCredentialProvider</name>
    <message>
        <source>Signed out of IAM Identity Center session &apos;%1&apos;%2. Sign in with &apos;hookdesk-cli sso login --session %1&apos; or Sign in with IAM Identity Center… in the profile manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sign-in has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM Identity Center answered without complete role credentials.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SsoJsonCall</name>
    <message>
        <source>IAM Identity Center answered HTTP %1 with %2 bytes that are not the expected JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SsoSession</name>
    <message>
        <source>&apos;%1&apos; cannot name an IAM Identity Center session: use 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An IAM Identity Center start URL is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not look like an IAM Identity Center start URL, such as https://d-1234567890.awsapps.com/start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The region of the IAM Identity Center directory is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not look like an AWS region, such as eu-west-1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot name an IAM Identity Center session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an AWS account ID (12 digits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a permission set (role) name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SsoSignIn</name>
    <message>
        <source>The browser sign-in was not completed within ten minutes. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM Identity Center registered no client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM Identity Center answered with no token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No local port could be opened for the browser&apos;s answer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the sign-in&apos;s redirect is served here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not the sign-in Hookdesk is waiting for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in was given up: too many unexpected requests reached its local port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in did not complete. You can close this tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in was denied in the browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM Identity Center ended the sign-in with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in to Hookdesk. You can close this tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM Identity Center started no device sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in code expired before it was approved. Sign in again for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM Identity Center renewed no token.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SsoSignInDialog</name>
    <message>
        <source>Sign in with IAM Identity Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: a VPC endpoint or a local simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a code to confirm on another device instead of opening the browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter accounts and roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts and roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add ticked as profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiles are not available in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the endpoint field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1 on any device and confirm the code %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in in the browser. Waiting for its answer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser could be opened. Open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in. Listing the accounts and roles…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in, but the sign-in could not be kept in the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n role(s) in %1 account(s). Tick the ones to add as profiles.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Tick at least one role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Added %n profile(s): %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 was not added: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StandbyCommand</name>
    <message>
        <source>AWS takes at most %1 instances in one %2 call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>move instances to Standby</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>move instances out of Standby</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StsClient</name>
    <message>
        <source>Enter the role ARN (arn:aws:iam::&lt;account&gt;:role/&lt;name&gt;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session name has 2 to 64 characters: letters, digits and + = , . @ - _.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session duration must be between 900 seconds (15 minutes) and 43200 seconds (12 hours).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The external ID has 2 to 1224 characters: letters, digits and + = , . @ : / - _.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An MFA device needs a code, and a code needs the MFA device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The MFA device is its ARN or serial number (9 to 256 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The MFA code has exactly 6 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A session token lasts between 900 seconds (15 minutes) and 129600 seconds (36 hours).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The web identity token must have 4 to 20000 characters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TerminateCommand</name>
    <message>
        <source>terminate instances</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThemeManager</name>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the desktop&apos;s light or dark preference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this theme whatever the desktop prefers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeoutNotice</name>
    <message>
        <source>the termination goes on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the launch is abandoned: the instance is terminated and replaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the launch goes on: the instance enters service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2): hook %3 timed out at ≈ %4 and AWS applied its default result, %5 — %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WarmPoolHook</name>
    <message>
        <source>unknown: the scaling activity and the group&apos;s hooks disagree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>launched into the warm pool (scaling activity): its launch hooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>returning to the warm pool on scale in (scaling activity): its terminate hooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the group has only launch hooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the group has only terminate hooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown: neither the scaling activities nor the group&apos;s hooks tell whether it is launching into the warm pool or returning to it on scale in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WarmPoolText</name>
    <message>
        <source>group max</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>warm pool: %n instance(s), min %1, max prepared %2, %3</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>, reuse on scale in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, being deleted (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WebIdentity</name>
    <message>
        <source>The web identity token file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The web identity token file %1 is larger than 16 KiB; a token never is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The web identity token file %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The web identity token file %1 is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role %1 (web identity) could not be assumed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowController</name>
    <message>
        <source>Read-only mode is on: turn it off to act.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desktop console for EC2 Auto Scaling lifecycle hooks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run against the built-in simulator with demo data (no AWS account needed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile to connect with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region to use instead of the profile&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start in read-only mode: nothing can be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start the simulator: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 needs a non-negative number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local EC2 Auto Scaling + STS simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP port on 127.0.0.1 (0 = any free port).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a JSON scenario file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate an inventory: groups=N,instances=M,hooks=K,waiting=F.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the built-in demo scenario (the default when no scenario is given).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with no groups at all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted access key as AKID:SECRET (repeatable), or &apos;none&apos; to accept unsigned requests. Default: the demo key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated seconds per real second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account ID reported by STS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region used in ARNs and zones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role ARN whose AssumeRole needs MFA (&apos;*&apos; = every role; repeatable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The MFA code AssumeRole accepts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault: milliseconds added to every answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault: share of requests answered 500 InternalFailure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault: share of requests answered 503 ServiceUnavailable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault: answer Throttling above this many requests per second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault: share of connections closed without an answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault: share of answers cut in the middle of the body.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault: seconds the server clock runs ahead (negative: behind).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random seed for faults and scenarios.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--port needs a number between 0 and 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--time-scale needs a non-negative number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--credentials needs AKID:SECRET or none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot listen on 127.0.0.1:%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in simulator could not start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault: share of requests applied, then their connection closed without an answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault: share of requests applied, then answered 500 InternalFailure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fault: share of Auto Scaling requests refused with 500 ResourceContention, not applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the fleet board too: every waiting instance across several accounts and regions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demo-eu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IAM Identity Center sign-ins: &apos;auto&apos; approves each at once, &apos;manual&apos; waits for POST /sso/approve (or the browser page).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sso-approve needs auto or manual</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
