<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ActionCommand</name>
    <message>
        <source>refusing to %1 without --yes: standard input is not a terminal, so nobody can confirm</source>
        <translation>Ohne --yes nicht ausgeführt (%1): Die Standardeingabe ist kein Terminal, also kann niemand bestätigen</translation>
    </message>
    <message>
        <source>not confirmed; nothing was sent</source>
        <translation>nicht bestätigt; nichts wurde gesendet</translation>
    </message>
    <message>
        <source>GROUP</source>
        <translation>GRUPPE</translation>
    </message>
    <message>
        <source>HOOK</source>
        <translation>HOOK</translation>
    </message>
    <message>
        <source>OUTCOME</source>
        <translation>AUSGANG</translation>
    </message>
    <message>
        <source>DETAIL</source>
        <translation>DETAIL</translation>
    </message>
    <message>
        <source>INSTANCE</source>
        <translation>INSTANZ</translation>
    </message>
    <message>
        <source>request %1</source>
        <translation>Anfrage %1</translation>
    </message>
    <message>
        <source>token %1</source>
        <translation>Token %1</translation>
    </message>
    <message>
        <source>the audit log could not be written</source>
        <translation>das Audit-Protokoll konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>action sent, outcome not recorded: %1</source>
        <translation>Aktion gesendet, Ergebnis nicht protokolliert: %1</translation>
    </message>
</context>
<context>
    <name>ActionController</name>
    <message>
        <source>Read-only mode: nothing was sent.</source>
        <translation>Nur-Lesen-Modus: Nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Instance %1 is now in %2, not in %3 as when you confirmed: nothing was sent. Look at it again and confirm anew.</source>
        <translation>Instanz %1 ist jetzt in %2, nicht mehr in %3 wie bei Ihrer Bestätigung: Nichts wurde gesendet. Prüfen Sie sie erneut und bestätigen Sie neu.</translation>
    </message>
    <message>
        <source>Already completed by Hookdesk at %1 (%2); the instance is now %3.</source>
        <translation>Bereits von Hookdesk abgeschlossen um %1 (%2); die Instanz ist jetzt %3.</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
    <message>
        <source>Checking the result…</source>
        <translation>Ergebnis wird geprüft…</translation>
    </message>
    <message>
        <source>Accepted by AWS; reading it back failed: %1</source>
        <translation>Von AWS angenommen; das Zurücklesen ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>%1 — and reading back failed (%2), so whether it took effect is unknown.</source>
        <translation>%1 – und das Zurücklesen ist fehlgeschlagen (%2), daher ist unbekannt, ob es gewirkt hat.</translation>
    </message>
    <message>
        <source>Not sent: the connection was closed before this item&apos;s turn.</source>
        <translation>Nicht gesendet: Die Verbindung wurde geschlossen, bevor dieser Eintrag an der Reihe war.</translation>
    </message>
    <message>
        <source>Not applied (read back), and not sent again: the connection was closed.</source>
        <translation>Nicht angewendet (zurückgelesen) und nicht erneut gesendet: Die Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>Accepted by AWS; not read back: the connection was closed.</source>
        <translation>Von AWS angenommen; nicht zurückgelesen: Die Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>Sent; the connection was closed before its answer was checked: it may have been applied.</source>
        <translation>Gesendet; die Verbindung wurde geschlossen, bevor die Antwort geprüft war: Es wurde möglicherweise angewendet.</translation>
    </message>
</context>
<context>
    <name>ActionOutcome</name>
    <message>
        <source>now %1</source>
        <translation>jetzt %1</translation>
    </message>
    <message>
        <source>no longer in any group</source>
        <translation>in keiner Gruppe mehr</translation>
    </message>
    <message>
        <source>Accepted by AWS; sent by token alone, so there is no instance to read back.</source>
        <translation>Von AWS angenommen; nur per Token gesendet, daher gibt es keine Instanz zum Zurücklesen.</translation>
    </message>
    <message>
        <source>Heartbeat recorded; still in %1.</source>
        <translation>Heartbeat erfasst; noch in %1.</translation>
    </message>
    <message>
        <source>Heartbeat accepted, but the instance has left the wait since (%1).</source>
        <translation>Heartbeat angenommen, aber die Instanz hat das Warten inzwischen verlassen (%1).</translation>
    </message>
    <message>
        <source>%1 applied: %2.</source>
        <translation>%1 angewendet: %2.</translation>
    </message>
    <message>
        <source>%1 applied to this hook; still in %2, waiting on %3.</source>
        <translation>%1 auf diesen Hook angewendet; weiterhin in %2, wartet auf %3.</translation>
    </message>
    <message>
        <source>Accepted; waiting for the instance to move on…</source>
        <translation>Angenommen; warte darauf, dass die Instanz weitergeht…</translation>
    </message>
    <message numerus="yes">
        <source>AWS accepted %1, but %n s later the instance is still in %2.</source>
        <translation>
            <numerusform>AWS hat %1 angenommen, aber %n s später ist die Instanz noch in %2.</numerusform>
            <numerusform>AWS hat %1 angenommen, aber %n s später ist die Instanz noch in %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>AWS has no active lifecycle action with this token for hook %1: the token is wrong, or its action is over. Nothing was completed by this request; check the instance&apos;s state.</source>
        <translation>AWS hat für Hook %1 keine aktive Lifecycle-Aktion mit diesem Token: Das Token ist falsch oder seine Aktion ist vorbei. Durch diese Anfrage wurde nichts abgeschlossen; prüfen Sie den Zustand der Instanz.</translation>
    </message>
    <message>
        <source>%1 applied by the earlier attempt whose answer was lost: the instance has left the wait (%2).</source>
        <translation>%1 wurde durch den früheren Versuch angewendet, dessen Antwort verloren ging: Die Instanz hat das Warten verlassen (%2).</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Heartbeat</translation>
    </message>
    <message>
        <source>Already completed: the instance has left the wait (%1).</source>
        <translation>Bereits abgeschlossen: Die Instanz hat das Warten verlassen (%1).</translation>
    </message>
    <message>
        <source>Applied by the earlier attempt whose answer was lost: hook %1 has no active action any more; the instance still waits on %2.</source>
        <translation>Durch den früheren Versuch angewendet, dessen Antwort verloren ging: Hook %1 hat keine aktive Aktion mehr; die Instanz wartet noch auf %2.</translation>
    </message>
    <message>
        <source>Already completed by Hookdesk before: hook %1 has no active action; the instance still waits on %2.</source>
        <translation>Bereits zuvor von Hookdesk abgeschlossen: Hook %1 hat keine aktive Aktion; die Instanz wartet noch auf %2.</translation>
    </message>
    <message>
        <source>AWS has no active lifecycle action for hook %1 of %2, yet the instance is still in %3: the hook, token or instance does not name its action. Nothing was completed.</source>
        <translation>AWS hat keine aktive Lifecycle-Aktion für Hook %1 von %2, dennoch ist die Instanz noch in %3: Hook, Token oder Instanz bezeichnen ihre Aktion nicht. Nichts wurde abgeschlossen.</translation>
    </message>
    <message>
        <source>The answer was lost (%1): AWS may or may not have recorded this heartbeat. It was not sent again (a second heartbeat would count twice); the countdown assumes it was not recorded.</source>
        <translation>Die Antwort ging verloren (%1): AWS hat diesen Heartbeat möglicherweise erfasst, möglicherweise nicht. Er wurde nicht erneut gesendet (ein zweiter Heartbeat würde doppelt zählen); der Countdown nimmt an, dass er nicht erfasst wurde.</translation>
    </message>
    <message>
        <source>The answer was lost (%1), and a token alone names no instance to read back: whether %2 was applied is unknown.</source>
        <translation>Die Antwort ging verloren (%1), und ein Token allein nennt keine Instanz zum Zurücklesen: Ob %2 angewendet wurde, ist unbekannt.</translation>
    </message>
    <message>
        <source>%1 applied; its answer was lost (%2), and the instance has left the wait (%3).</source>
        <translation>%1 angewendet; die Antwort ging verloren (%2), und die Instanz hat das Warten verlassen (%3).</translation>
    </message>
    <message>
        <source>The answer was lost (%1) and the instance still waits: sending again.</source>
        <translation>Die Antwort ging verloren (%1) und die Instanz wartet noch: wird erneut gesendet.</translation>
    </message>
    <message>
        <source>The answer was lost twice (%1), and the instance is still in %2: not applied.</source>
        <translation>Die Antwort ging zweimal verloren (%1), und die Instanz ist noch in %2: nicht angewendet.</translation>
    </message>
    <message>
        <source> Its answer was lost (%1).</source>
        <translation> Die Antwort ging verloren (%1).</translation>
    </message>
    <message>
        <source> An earlier attempt whose answer was lost did it; this one was answered: %1</source>
        <translation> Ein früherer Versuch, dessen Antwort verloren ging, hat es erledigt; dieser wurde beantwortet: %1</translation>
    </message>
    <message>
        <source>Hook %1 is gone.</source>
        <translation>Hook %1 ist entfernt.</translation>
    </message>
    <message>
        <source>Hook %1 reads back as saved.</source>
        <translation>Hook %1 wird wie gespeichert zurückgelesen.</translation>
    </message>
    <message>
        <source>Accepted; reading the hooks back…</source>
        <translation>Angenommen; Hooks werden zurückgelesen…</translation>
    </message>
    <message>
        <source>AWS accepted the deletion, but hook %1 still reads back.</source>
        <translation>AWS hat das Löschen angenommen, aber Hook %1 wird weiterhin zurückgelesen.</translation>
    </message>
    <message>
        <source>AWS accepted the change, but hook %1 does not read back as sent.</source>
        <translation>AWS hat die Änderung angenommen, aber Hook %1 wird nicht wie gesendet zurückgelesen.</translation>
    </message>
    <message>
        <source>The answer was lost (%1) and the hooks show no change: sending again.</source>
        <translation>Die Antwort ging verloren (%1) und die Hooks zeigen keine Änderung: wird erneut gesendet.</translation>
    </message>
    <message>
        <source>The answer was lost twice (%1) and the hooks show no change: not applied.</source>
        <translation>Die Antwort ging zweimal verloren (%1) und die Hooks zeigen keine Änderung: nicht angewendet.</translation>
    </message>
</context>
<context>
    <name>ActionTargetCheck</name>
    <message>
        <source>Group %1 could not be read, so the target was not checked and nothing was sent: %2</source>
        <translation>Gruppe %1 konnte nicht gelesen werden, daher wurde das Ziel nicht geprüft und nichts gesendet: %2</translation>
    </message>
    <message>
        <source>There is no Auto Scaling group named %1.</source>
        <translation>Es gibt keine Auto-Scaling-Gruppe namens %1.</translation>
    </message>
    <message>
        <source>There is no Auto Scaling group named %1 in %2.</source>
        <translation>Es gibt keine Auto-Scaling-Gruppe namens %1 in %2.</translation>
    </message>
    <message>
        <source>Group %1 has no lifecycle hooks, so it has no hook named %2.</source>
        <translation>Gruppe %1 hat keine Lifecycle-Hooks, also auch keinen Hook namens %2.</translation>
    </message>
    <message>
        <source>Group %1 has no lifecycle hook named %2. Its hooks: %3.</source>
        <translation>Gruppe %1 hat keinen Lifecycle-Hook namens %2. Ihre Hooks: %3.</translation>
    </message>
    <message>
        <source>No longer waiting: instance %1 has left group %2 since it was listed (its action ended).</source>
        <translation>Wartet nicht mehr: Instanz %1 hat Gruppe %2 verlassen, seit sie aufgelistet wurde (ihre Aktion ist beendet).</translation>
    </message>
    <message>
        <source>Instance %1 is not in group %2.</source>
        <translation>Instanz %1 ist nicht in Gruppe %2.</translation>
    </message>
    <message>
        <source>No longer waiting: instance %1 is now %2 (its action ended since it was listed).</source>
        <translation>Wartet nicht mehr: Instanz %1 ist jetzt %2 (ihre Aktion endete, seit sie aufgelistet wurde).</translation>
    </message>
    <message>
        <source>Already completed: instance %1 is past its wait (%2).</source>
        <translation>Bereits abgeschlossen: Instanz %1 ist über ihr Warten hinaus (%2).</translation>
    </message>
    <message>
        <source>Instance %1 is not waiting on a lifecycle hook: it is %2.</source>
        <translation>Instanz %1 wartet auf keinen Lifecycle-Hook: Sie ist %2.</translation>
    </message>
    <message>
        <source>no hook Hookdesk knows of</source>
        <translation>kein Hook, den Hookdesk kennt</translation>
    </message>
    <message>
        <source>Hook %1 is a %2 hook, but instance %3 is in %4, waiting on %5.</source>
        <translation>Hook %1 ist ein %2-Hook, aber Instanz %3 ist in %4 und wartet auf %5.</translation>
    </message>
    <message>
        <source>Hook %1 of instance %2 was already completed by Hookdesk in this wait; it still waits on %3.</source>
        <translation>Hook %1 von Instanz %2 wurde in diesem Warten bereits von Hookdesk abgeschlossen; sie wartet noch auf %3.</translation>
    </message>
    <message>
        <source>Instance %1 is in %2, but group %3 has no %4 hook: nothing Hookdesk can complete. Its hooks: %5.</source>
        <translation>Instanz %1 ist in %2, aber Gruppe %3 hat keinen %4-Hook: Hookdesk kann nichts abschließen. Ihre Hooks: %5.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Every hook of this transition was already completed by Hookdesk in this wait.</source>
        <translation>Jeder Hook dieses Übergangs wurde in diesem Warten bereits von Hookdesk abgeschlossen.</translation>
    </message>
    <message>
        <source>The lifecycle hooks of group %1 could not be read, so the target was not checked and nothing was sent.</source>
        <translation>Die Lifecycle-Hooks von Gruppe %1 konnten nicht gelesen werden, daher wurde das Ziel nicht geprüft und nichts gesendet.</translation>
    </message>
    <message>
        <source>A lifecycle action token needs the hook name it belongs to.</source>
        <translation>Ein Lifecycle-Action-Token braucht den Namen des Hooks, zu dem es gehört.</translation>
    </message>
    <message>
        <source>Instance %1 is in %2, and whether it waits on group %3&apos;s launch or terminate hooks is unknown (it may be launching into the warm pool or returning to it on scale in); name the hook to complete it.</source>
        <translation>Instanz %1 ist in %2, und ob sie auf die Start- oder Beendigungs-Hooks von Gruppe %3 wartet, ist unbekannt (sie startet vielleicht in den Warm-Pool oder kehrt beim Scale-in dorthin zurück); nennen Sie den Hook, um ihn abzuschließen.</translation>
    </message>
</context>
<context>
    <name>ActivityModel</name>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Ursache</translation>
    </message>
</context>
<context>
    <name>AgeText</name>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>%n s ago</source>
        <translation>vor %n s</translation>
    </message>
    <message>
        <source>%n min ago</source>
        <translation>vor %n min</translation>
    </message>
    <message>
        <source>%n h ago</source>
        <translation>vor %n h</translation>
    </message>
    <message>
        <source>%1 h %2 min ago</source>
        <translation>vor %1 h %2 min</translation>
    </message>
    <message>
        <source>%n d ago</source>
        <translation>vor %n d</translation>
    </message>
    <message>
        <source>no data loaded yet</source>
        <translation>noch keine Daten geladen</translation>
    </message>
    <message>
        <source>data from %1</source>
        <translation>Datenstand: %1</translation>
    </message>
    <message>
        <source>sent at %1, after this computer&apos;s clock: check it</source>
        <translation>gesendet um %1, laut Uhr dieses Computers in der Zukunft: Prüfen Sie die Uhr</translation>
    </message>
    <message>
        <source>sent %1 (%2)</source>
        <translation>gesendet %1 (%2)</translation>
    </message>
</context>
<context>
    <name>AssumeRole</name>
    <message>
        <source>No MFA code was entered for profile %1.</source>
        <translation>Für Profil %1 wurde kein MFA-Code eingegeben.</translation>
    </message>
    <message>
        <source>Could not assume the role of profile %1: %2</source>
        <translation>Die Rolle von Profil %1 konnte nicht übernommen werden: %2</translation>
    </message>
    <message>
        <source>Could not get an MFA session for profile %1: %2</source>
        <translation>Keine MFA-Sitzung für Profil %1 erhalten: %2</translation>
    </message>
    <message>
        <source>Profile %1 needs an MFA code to sign in, but nothing can ask for one here.</source>
        <translation>Profil %1 braucht zur Anmeldung einen MFA-Code, aber hier kann niemand danach fragen.</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>Cannot write the audit log %1: %2</source>
        <translation>Das Audit-Protokoll %1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Hook</source>
        <translation>Hook</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>Anfrage-ID</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>AuditReconciler</name>
    <message>
        <source>group could not be read</source>
        <translation>Gruppe konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>a heartbeat cannot be read back</source>
        <translation>ein Heartbeat kann nicht zurückgelesen werden</translation>
    </message>
</context>
<context>
    <name>AutoScalingClient</name>
    <message>
        <source>MaxRecords must be between 1 and %1 (got %2).</source>
        <translation>MaxRecords muss zwischen 1 und %1 liegen (erhalten: %2).</translation>
    </message>
    <message>
        <source>A group filter needs a name and at least one value.</source>
        <translation>Ein Gruppenfilter braucht einen Namen und mindestens einen Wert.</translation>
    </message>
    <message>
        <source>An instance ID is empty.</source>
        <translation>Eine Instanz-ID ist leer.</translation>
    </message>
    <message>
        <source>At most %1 hook names can be described at once.</source>
        <translation>Höchstens %1 Hook-Namen können auf einmal abgefragt werden.</translation>
    </message>
    <message>
        <source>The Status filter of scaling activities needs an Auto Scaling group name.</source>
        <translation>Der Status-Filter für Skalierungsaktivitäten braucht den Namen einer Auto-Scaling-Gruppe.</translation>
    </message>
    <message>
        <source>At most %1 group names can be described at once.</source>
        <translation>Höchstens %1 Gruppennamen können auf einmal abgefragt werden.</translation>
    </message>
    <message>
        <source>An instance ID is required.</source>
        <translation>Eine Instanz-ID ist erforderlich.</translation>
    </message>
    <message>
        <source>%1 takes 1 to %2 instance IDs.</source>
        <translation>%1 nimmt 1 bis %2 Instanz-IDs.</translation>
    </message>
    <message>
        <source>The health status must be Healthy or Unhealthy.</source>
        <translation>Der Integritätsstatus muss Healthy oder Unhealthy sein.</translation>
    </message>
</context>
<context>
    <name>AwsConfigImport</name>
    <message>
        <source>credential_process profiles are not imported: use them by name with --profile or AWS_PROFILE.</source>
        <translation>credential_process-Profile werden nicht importiert: Verwenden Sie sie per Name mit --profile oder AWS_PROFILE.</translation>
    </message>
    <message>
        <source>It has only one of aws_access_key_id and aws_secret_access_key.</source>
        <translation>Es hat nur eines von aws_access_key_id und aws_secret_access_key.</translation>
    </message>
    <message>
        <source>It assumes a role without a source_profile, which is not supported yet.</source>
        <translation>Es übernimmt eine Rolle ohne source_profile, was noch nicht unterstützt wird.</translation>
    </message>
    <message>
        <source>It has neither access keys nor a role to assume.</source>
        <translation>Es hat weder Zugriffsschlüssel noch eine zu übernehmende Rolle.</translation>
    </message>
    <message>
        <source>This is not a regular file (a directory, named pipe, socket or device); only regular files are read.</source>
        <translation>Dies ist keine reguläre Datei (ein Verzeichnis, eine Named Pipe, ein Socket oder ein Gerät); nur reguläre Dateien werden gelesen.</translation>
    </message>
    <message>
        <source>The file is larger than 1 MiB; an AWS credentials or config file never is, so it is not read.</source>
        <translation>Die Datei ist größer als 1 MiB; eine AWS-Credentials- oder Config-Datei ist das nie, daher wird sie nicht gelesen.</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Section [%1] is ignored: profiles in the config file are named [profile %1].</source>
        <translation>Abschnitt [%1] wird ignoriert: Profile in der Config-Datei heißen [profile %1].</translation>
    </message>
    <message>
        <source>No region is set; %1 is used.</source>
        <translation>Keine Region gesetzt; %1 wird verwendet.</translation>
    </message>
    <message>
        <source>duration_seconds must be a number.</source>
        <translation>duration_seconds muss eine Zahl sein.</translation>
    </message>
    <message>
        <source>Permissions %1 are too open: other users of this computer can read or change the keys in it. Restrict them with chmod 600.</source>
        <translation>Die Berechtigungen %1 sind zu offen: Andere Benutzer dieses Computers können die Schlüssel darin lesen oder ändern. Schränken Sie sie mit chmod 600 ein.</translation>
    </message>
    <message>
        <source>Neither %1 nor %2 exists.</source>
        <translation>Weder %1 noch %2 existiert.</translation>
    </message>
    <message>
        <source>Its source profile %1 is not imported from these files; it must exist in Hookdesk.</source>
        <translation>Sein Quellprofil %1 wird nicht aus diesen Dateien importiert; es muss in Hookdesk vorhanden sein.</translation>
    </message>
    <message>
        <source>The AWS files have errors; fix them first (%1).</source>
        <translation>Die AWS-Dateien enthalten Fehler; beheben Sie diese zuerst (%1).</translation>
    </message>
    <message numerus="yes">
        <source>%n profile(s) imported; the keys are now in the system keychain. Hookdesk never changes %1, so you can now remove the keys from it yourself.</source>
        <translation>
            <numerusform>%n Profil importiert; die Schlüssel liegen jetzt im Schlüsselbund des Systems. Hookdesk ändert %1 nie, Sie können die Schlüssel dort also jetzt selbst entfernen.</numerusform>
            <numerusform>%n Profile importiert; die Schlüssel liegen jetzt im Schlüsselbund des Systems. Hookdesk ändert %1 nie, Sie können die Schlüssel dort also jetzt selbst entfernen.</numerusform>
        </translation>
    </message>
    <message>
        <source>the AWS files</source>
        <translation>die AWS-Dateien</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source>Profile %1 could not be imported: %2</source>
        <translation>Profil %1 konnte nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>web_identity_token_file profiles are not imported (the token file is renewed by its issuer): use them by name with --profile or AWS_PROFILE.</source>
        <translation>Profile mit web_identity_token_file werden nicht importiert (die Tokendatei wird von ihrem Aussteller erneuert): Verwenden Sie sie per Name mit --profile oder AWS_PROFILE.</translation>
    </message>
    <message>
        <source>Profile %1 names the section [services %2], which does not exist; its endpoints are not used.</source>
        <translation>Profil %1 nennt den Abschnitt [services %2], der nicht existiert; seine Endpunkte werden nicht verwendet.</translation>
    </message>
    <message>
        <source>It names sso_session %1, but the config file has no usable [sso-session %1] section.</source>
        <translation>Es nennt sso_session %1, aber die Config-Datei hat keinen verwendbaren Abschnitt [sso-session %1].</translation>
    </message>
    <message>
        <source>It has both source_profile and credential_source; a role takes its source credentials from one.</source>
        <translation>Es hat sowohl source_profile als auch credential_source; eine Rolle nimmt ihre Quell-Anmeldedaten aus nur einem davon.</translation>
    </message>
    <message>
        <source>It has credential_source but no role_arn to assume with those credentials.</source>
        <translation>Es hat credential_source, aber keine role_arn, die mit diesen Anmeldedaten übernommen würde.</translation>
    </message>
    <message>
        <source>credential_source = %1 (instance or container credentials) is not supported; Environment is.</source>
        <translation>credential_source = %1 (Anmeldedaten einer Instanz oder eines Containers) wird nicht unterstützt; Environment schon.</translation>
    </message>
    <message>
        <source>credential_source = Environment profiles are not imported (the keys are those of each run&apos;s environment): use them with --profile NAME. With AWS_PROFILE the keys of the environment are used as they are, as by the AWS CLI.</source>
        <translation>Profile mit credential_source = Environment werden nicht importiert (die Schlüssel sind die der Umgebung jedes Laufs): Verwenden Sie sie mit --profile NAME. Mit AWS_PROFILE werden die Schlüssel der Umgebung unverändert verwendet, wie von der AWS CLI.</translation>
    </message>
</context>
<context>
    <name>AwsError</name>
    <message>
        <source>Unreadable answer (HTTP %1): %2</source>
        <translation>Unlesbare Antwort (HTTP %1): %2</translation>
    </message>
    <message>
        <source>(request %1)</source>
        <translation>(Anfrage %1)</translation>
    </message>
</context>
<context>
    <name>AwsXml</name>
    <message>
        <source>the answer could not be read</source>
        <translation>die Antwort konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>no Account or Arn in GetCallerIdentityResult</source>
        <translation>kein Account oder Arn in GetCallerIdentityResult</translation>
    </message>
    <message>
        <source>The service answered HTTP %1 with a body that could not be read (%2, %3 bytes); it is not shown as it may hold credentials.</source>
        <translation>Der Dienst antwortete HTTP %1 mit einem Inhalt, der nicht gelesen werden konnte (%2, %3 Bytes); er wird nicht angezeigt, da er Zugangsdaten enthalten kann.</translation>
    </message>
    <message>
        <source>The service answered HTTP %1 with an empty body (%2).</source>
        <translation>Der Dienst antwortete HTTP %1 mit leerem Inhalt (%2).</translation>
    </message>
    <message>
        <source>The service answered HTTP %1 with a body that is not an AWS answer (%2): %3</source>
        <translation>Der Dienst antwortete HTTP %1 mit einem Inhalt, der keine AWS-Antwort ist (%2): %3</translation>
    </message>
    <message>
        <source>no XML element</source>
        <translation>kein XML-Element</translation>
    </message>
    <message>
        <source>no &lt;ErrorResponse&gt; in the answer</source>
        <translation>kein &lt;ErrorResponse&gt; in der Antwort</translation>
    </message>
    <message>
        <source>expected &lt;%1&gt;, found &lt;%2&gt;</source>
        <translation>&lt;%1&gt; erwartet, &lt;%2&gt; gefunden</translation>
    </message>
    <message>
        <source>no InstanceRefreshId in %1Result</source>
        <translation>keine InstanceRefreshId in %1Result</translation>
    </message>
    <message>
        <source>no complete Credentials in %1Result</source>
        <translation>keine vollständigen Credentials in %1Result</translation>
    </message>
</context>
<context>
    <name>BulkProgressDialog</name>
    <message numerus="yes">
        <source>Done: %1 for %n lifecycle action(s)</source>
        <translation>
            <numerusform>Fertig: %1 für %n Lifecycle-Aktion</numerusform>
            <numerusform>Fertig: %1 für %n Lifecycle-Aktionen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending %1 for %n lifecycle action(s)…</source>
        <translation>
            <numerusform>%1 wird für %n Lifecycle-Aktion gesendet…</numerusform>
            <numerusform>%1 wird für %n Lifecycle-Aktionen gesendet…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n heartbeat(s)</source>
        <translation>
            <numerusform>Fertig: %n Heartbeat</numerusform>
            <numerusform>Fertig: %n Heartbeats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recording %n heartbeat(s)…</source>
        <translation>
            <numerusform>%n Heartbeat wird erfasst…</numerusform>
            <numerusform>%n Heartbeats werden erfasst…</numerusform>
        </translation>
    </message>
    <message>
        <source>Done: saving the lifecycle hook</source>
        <translation>Fertig: Lifecycle-Hook gespeichert</translation>
    </message>
    <message>
        <source>Saving the lifecycle hook…</source>
        <translation>Lifecycle-Hook wird gespeichert…</translation>
    </message>
    <message>
        <source>Done: deleting the lifecycle hook</source>
        <translation>Fertig: Lifecycle-Hook gelöscht</translation>
    </message>
    <message>
        <source>Deleting the lifecycle hook…</source>
        <translation>Lifecycle-Hook wird gelöscht…</translation>
    </message>
    <message>
        <source>Lifecycle actions</source>
        <translation>Lifecycle-Aktionen</translation>
    </message>
    <message>
        <source>Outcome of each item</source>
        <translation>Ausgang jedes Eintrags</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Hook</source>
        <translation>Hook</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>&amp;Retry failed</source>
        <translation>Fehlgeschlagene &amp;wiederholen</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>in Warteschlange</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>wird gesendet…</translation>
    </message>
    <message>
        <source>done ✓</source>
        <translation>erledigt ✓</translation>
    </message>
    <message>
        <source>done ✓ — %1</source>
        <translation>erledigt ✓ – %1</translation>
    </message>
    <message>
        <source>done (not verified)</source>
        <translation>erledigt (nicht geprüft)</translation>
    </message>
    <message>
        <source>done, not verified: %1</source>
        <translation>erledigt, nicht geprüft: %1</translation>
    </message>
    <message>
        <source>already completed</source>
        <translation>bereits abgeschlossen</translation>
    </message>
    <message>
        <source>already completed: %1</source>
        <translation>bereits abgeschlossen: %1</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>nicht gesendet</translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation>nicht gesendet: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>unknown: %1</source>
        <translation>unbekannt: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n done</source>
        <translation>
            <numerusform>%n erledigt</numerusform>
            <numerusform>%n erledigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n verified ✓</source>
        <translation>
            <numerusform>%n geprüft ✓</numerusform>
            <numerusform>%n geprüft ✓</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already completed</source>
        <translation>
            <numerusform>%n bereits abgeschlossen</numerusform>
            <numerusform>%n bereits abgeschlossen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent</source>
        <translation>
            <numerusform>%n nicht gesendet</numerusform>
            <numerusform>%n nicht gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unknown</source>
        <translation>
            <numerusform>%n unbekannt</numerusform>
            <numerusform>%n unbekannt</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 finished</source>
        <translation>%1 von %2 abgeschlossen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
    <message numerus="yes">
        <source>Done: %1 for %n instance(s)</source>
        <translation>
            <numerusform>Fertig: %1 für %n Instanz</numerusform>
            <numerusform>Fertig: %1 für %n Instanzen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n instance(s)…</source>
        <translation>
            <numerusform>%1: %n Instanz…</numerusform>
            <numerusform>%1: %n Instanzen…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaBundle</name>
    <message>
        <source>AWS_CA_BUNDLE names %1, which cannot be read.</source>
        <translation>AWS_CA_BUNDLE nennt %1, das nicht gelesen werden kann.</translation>
    </message>
    <message>
        <source>AWS_CA_BUNDLE names %1, which is too large for a PEM bundle.</source>
        <translation>AWS_CA_BUNDLE nennt %1, das für ein PEM-Bundle zu groß ist.</translation>
    </message>
    <message>
        <source>AWS_CA_BUNDLE names %1, which holds no PEM certificate.</source>
        <translation>AWS_CA_BUNDLE nennt %1, das kein PEM-Zertifikat enthält.</translation>
    </message>
    <message>
        <source>The CA bundle %1 cannot be read.</source>
        <translation>Das CA-Bundle %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The CA bundle %1 is too large for a PEM bundle.</source>
        <translation>Das CA-Bundle %1 ist für ein PEM-Bundle zu groß.</translation>
    </message>
    <message>
        <source>The CA bundle %1 holds no PEM certificate.</source>
        <translation>Das CA-Bundle %1 enthält kein PEM-Zertifikat.</translation>
    </message>
</context>
<context>
    <name>CliArguments</name>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>unbekannte Option „%1“</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>unerwartetes Argument „%1“</translation>
    </message>
    <message>
        <source>unknown option &apos;--%1&apos;</source>
        <translation>unbekannte Option „--%1“</translation>
    </message>
    <message>
        <source>option &apos;--%1&apos; takes no value</source>
        <translation>Option „--%1“ nimmt keinen Wert</translation>
    </message>
    <message>
        <source>option &apos;--%1&apos; needs a value (%2)</source>
        <translation>Option „--%1“ braucht einen Wert (%2)</translation>
    </message>
    <message>
        <source>option &apos;--%1&apos; given more than once</source>
        <translation>Option „--%1“ mehrfach angegeben</translation>
    </message>
</context>
<context>
    <name>CliCommand</name>
    <message>
        <source>--%1 is required</source>
        <translation>--%1 ist erforderlich</translation>
    </message>
</context>
<context>
    <name>CliCommands</name>
    <message>
        <source>notice: an earlier run was interrupted after sending %1 %2 to %3 at %4: %5 (%6)</source>
        <translation>Hinweis: Ein früherer Lauf wurde unterbrochen, nachdem %1 %2 an %3 gesendet wurde (%4): %5 (%6)</translation>
    </message>
    <message>
        <source>Instance %1 is not in any Auto Scaling group (in region %2)</source>
        <translation>Instanz %1 ist in keiner Auto-Scaling-Gruppe (in Region %2)</translation>
    </message>
    <message>
        <source>action sent, outcome not recorded: %1</source>
        <translation>Aktion gesendet, Ergebnis nicht protokolliert: %1</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>--transition takes launch or terminate</source>
        <translation>--transition nimmt launch oder terminate</translation>
    </message>
    <message>
        <source>--target-arn and --role-arn go together: AWS needs the role to publish to the target</source>
        <translation>--target-arn und --role-arn gehören zusammen: AWS braucht die Rolle, um an das Ziel zu veröffentlichen</translation>
    </message>
    <message>
        <source>delete a lifecycle hook</source>
        <translation>einen Lifecycle-Hook löschen</translation>
    </message>
    <message>
        <source>Deleting hook %1 of group %2 completes every action still waiting on it (ABANDON for launches, CONTINUE for terminations).</source>
        <translation>Das Löschen von Hook %1 der Gruppe %2 schließt jede Aktion ab, die noch auf ihn wartet (ABANDON bei Starts, CONTINUE bei Beendigungen).</translation>
    </message>
    <message>
        <source>Delete it?</source>
        <translation>Löschen?</translation>
    </message>
    <message>
        <source>Auto Scaling group</source>
        <translation>Auto-Scaling-Gruppe</translation>
    </message>
    <message>
        <source>Create a lifecycle hook, or change an existing one</source>
        <translation>Einen Lifecycle-Hook anlegen oder einen vorhandenen ändern</translation>
    </message>
    <message>
        <source>Creating a hook needs --transition. Options left out keep their current value on an existing hook (AWS defaults on a new one: heartbeat timeout 3600 s, default result ABANDON). Without a target the hook&apos;s events go to EventBridge only; --target-arn &apos;&apos; removes the target of an existing hook, and its role with it.</source>
        <translation>Das Anlegen eines Hooks braucht --transition. Weggelassene Optionen behalten bei einem vorhandenen Hook ihren Wert (bei einem neuen die AWS-Vorgaben: Heartbeat-Timeout 3600 s, Standardergebnis ABANDON). Ohne Ziel gehen die Ereignisse des Hooks nur an EventBridge; --target-arn &apos;&apos; entfernt das Ziel eines vorhandenen Hooks und mit ihm seine Rolle.</translation>
    </message>
    <message>
        <source>Hook name (letters, digits, - _ /; up to 255)</source>
        <translation>Hook-Name (Buchstaben, Ziffern, - _ /; bis zu 255)</translation>
    </message>
    <message>
        <source>Which transition the hook holds</source>
        <translation>Welchen Übergang der Hook anhält</translation>
    </message>
    <message>
        <source>Seconds before the default result applies (30 to 7200)</source>
        <translation>Sekunden, bis das Standardergebnis greift (30 bis 7200)</translation>
    </message>
    <message>
        <source>--heartbeat-timeout takes a number of seconds (30 to 7200)</source>
        <translation>--heartbeat-timeout nimmt eine Anzahl Sekunden (30 bis 7200)</translation>
    </message>
    <message>
        <source>Result applied when the timeout runs out</source>
        <translation>Ergebnis, das bei Ablauf des Timeouts angewendet wird</translation>
    </message>
    <message>
        <source>Notification metadata sent with each lifecycle event</source>
        <translation>Benachrichtigungs-Metadaten, die mit jedem Lifecycle-Ereignis gesendet werden</translation>
    </message>
    <message>
        <source>SNS topic or SQS queue for lifecycle notifications; &apos;&apos; removes it</source>
        <translation>SNS-Topic oder SQS-Queue für Lifecycle-Benachrichtigungen; &apos;&apos; entfernt sie</translation>
    </message>
    <message>
        <source>IAM role that lets Auto Scaling publish to the target</source>
        <translation>IAM-Rolle, mit der Auto Scaling an das Ziel veröffentlichen darf</translation>
    </message>
    <message>
        <source>Delete a lifecycle hook</source>
        <translation>Einen Lifecycle-Hook löschen</translation>
    </message>
    <message>
        <source>Actions still waiting on the hook are completed by AWS: ABANDON for launches, CONTINUE for terminations. Asks on a terminal (type the hook name); needs --yes otherwise.</source>
        <translation>Aktionen, die noch auf den Hook warten, schließt AWS ab: ABANDON bei Starts, CONTINUE bei Beendigungen. Fragt an einem Terminal nach (Hook-Namen eingeben); braucht sonst --yes.</translation>
    </message>
    <message>
        <source>Hook name</source>
        <translation>Hook-Name</translation>
    </message>
    <message>
        <source>Do not ask for confirmation</source>
        <translation>Nicht um Bestätigung bitten</translation>
    </message>
    <message>
        <source>--filter takes tag:KEY=VALUE, tag-key=KEY or tag-value=VALUE, not &apos;%1&apos;</source>
        <translation>--filter nimmt tag:SCHLÜSSEL=WERT, tag-key=SCHLÜSSEL oder tag-value=WERT, nicht „%1“</translation>
    </message>
    <message>
        <source>No Auto Scaling groups found.</source>
        <translation>Keine Auto-Scaling-Gruppen gefunden.</translation>
    </message>
    <message>
        <source>GROUP</source>
        <translation>GRUPPE</translation>
    </message>
    <message>
        <source>MIN</source>
        <translation>MIN</translation>
    </message>
    <message>
        <source>DESIRED</source>
        <translation>SOLL</translation>
    </message>
    <message>
        <source>MAX</source>
        <translation>MAX</translation>
    </message>
    <message>
        <source>INSTANCES</source>
        <translation>INSTANZEN</translation>
    </message>
    <message>
        <source>WAITING</source>
        <translation>WARTEND</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <source>Group %1 has no lifecycle hooks.</source>
        <translation>Gruppe %1 hat keine Lifecycle-Hooks.</translation>
    </message>
    <message>
        <source>HOOK</source>
        <translation>HOOK</translation>
    </message>
    <message>
        <source>TRANSITION</source>
        <translation>ÜBERGANG</translation>
    </message>
    <message>
        <source>HEARTBEAT</source>
        <translation>HEARTBEAT</translation>
    </message>
    <message>
        <source>GLOBAL</source>
        <translation>GLOBAL</translation>
    </message>
    <message>
        <source>DEFAULT</source>
        <translation>STANDARD</translation>
    </message>
    <message>
        <source>TARGET</source>
        <translation>ZIEL</translation>
    </message>
    <message>
        <source>no Auto Scaling group named &apos;%1&apos;</source>
        <translation>keine Auto-Scaling-Gruppe namens „%1“</translation>
    </message>
    <message>
        <source>Group %1 has no instances.</source>
        <translation>Gruppe %1 hat keine Instanzen.</translation>
    </message>
    <message>
        <source>INSTANCE</source>
        <translation>INSTANZ</translation>
    </message>
    <message>
        <source>AZ</source>
        <translation>AZ</translation>
    </message>
    <message>
        <source>TYPE</source>
        <translation>TYP</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>ZUSTAND</translation>
    </message>
    <message>
        <source>HEALTH</source>
        <translation>INTEGRITÄT</translation>
    </message>
    <message>
        <source>PROTECTED</source>
        <translation>GESCHÜTZT</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>No scaling activities for group %1.</source>
        <translation>Keine Skalierungsaktivitäten für Gruppe %1.</translation>
    </message>
    <message>
        <source>START (UTC)</source>
        <translation>BEGINN (UTC)</translation>
    </message>
    <message>
        <source>END (UTC)</source>
        <translation>ENDE (UTC)</translation>
    </message>
    <message>
        <source>DESCRIPTION</source>
        <translation>BESCHREIBUNG</translation>
    </message>
    <message>
        <source>Name of the Auto Scaling group</source>
        <translation>Name der Auto-Scaling-Gruppe</translation>
    </message>
    <message>
        <source>FIELD</source>
        <translation>FELD</translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation>WERT</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>ARN</source>
        <translation>ARN</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>Benutzer-ID</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>(environment)</source>
        <translation>(Umgebung)</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Show the account and ARN of the credentials in use (STS GetCallerIdentity)</source>
        <translation>Account und ARN der verwendeten Anmeldedaten anzeigen (STS GetCallerIdentity)</translation>
    </message>
    <message>
        <source>Also shows the profile, region and endpoint the other commands would use: a quick check that a profile or the environment keys work.</source>
        <translation>Zeigt auch Profil, Region und Endpunkt, die die anderen Befehle verwenden würden: eine schnelle Prüfung, ob ein Profil oder die Schlüssel aus der Umgebung funktionieren.</translation>
    </message>
    <message>
        <source>Only groups matching this tag filter (repeatable)</source>
        <translation>Nur Gruppen, die zu diesem Tag-Filter passen (wiederholbar)</translation>
    </message>
    <message>
        <source>List a group&apos;s lifecycle hooks: transition, heartbeat and global timeouts, default result, target</source>
        <translation>Lifecycle-Hooks einer Gruppe auflisten: Übergang, Heartbeat- und globales Timeout, Standardergebnis, Ziel</translation>
    </message>
    <message>
        <source>List a group&apos;s instances: availability zone, type, lifecycle state, health</source>
        <translation>Instanzen einer Gruppe auflisten: Availability Zone, Typ, Lifecycle-Zustand, Integrität</translation>
    </message>
    <message>
        <source>List a group&apos;s recent scaling activities, newest first</source>
        <translation>Die letzten Skalierungsaktivitäten einer Gruppe auflisten, neueste zuerst</translation>
    </message>
    <message>
        <source>How many activities to show (default 20, at most 1000)</source>
        <translation>Wie viele Aktivitäten angezeigt werden (Standard 20, höchstens 1000)</translation>
    </message>
    <message>
        <source>--max takes a number from 1 to 1000</source>
        <translation>--max nimmt eine Zahl von 1 bis 1000</translation>
    </message>
    <message>
        <source>give exactly one of --instance, --token or --all-pending</source>
        <translation>geben Sie genau eines von --instance, --token oder --all-pending an</translation>
    </message>
    <message>
        <source>--group is required with --token and --all-pending (only --instance can find its group)</source>
        <translation>--group ist mit --token und --all-pending erforderlich (nur --instance kann seine Gruppe finden)</translation>
    </message>
    <message>
        <source>--token needs --hook: a token belongs to one hook</source>
        <translation>--token braucht --hook: Ein Token gehört zu einem Hook</translation>
    </message>
    <message>
        <source>--result is required: CONTINUE or ABANDON</source>
        <translation>--result ist erforderlich: CONTINUE oder ABANDON</translation>
    </message>
    <message>
        <source>send heartbeats for every waiting instance</source>
        <translation>Heartbeats für jede wartende Instanz senden</translation>
    </message>
    <message>
        <source>%1 every waiting instance</source>
        <translation>%1 für jede wartende Instanz senden</translation>
    </message>
    <message>
        <source>ABANDON instances</source>
        <translation>ABANDON für Instanzen senden</translation>
    </message>
    <message>
        <source>There is no Auto Scaling group named %1 in %2.</source>
        <translation>Es gibt keine Auto-Scaling-Gruppe namens %1 in %2.</translation>
    </message>
    <message>
        <source>Group %1 has no lifecycle hook named %2. Its hooks: %3.</source>
        <translation>Gruppe %1 hat keinen Lifecycle-Hook namens %2. Ihre Hooks: %3.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message numerus="yes">
        <source>About to %1 %n lifecycle action(s) in %2:</source>
        <translation>
            <numerusform>%1 wird für %n Lifecycle-Aktion in %2 gesendet:</numerusform>
            <numerusform>%1 wird für %n Lifecycle-Aktionen in %2 gesendet:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>About to send a heartbeat for %n instance(s) in %1:</source>
        <translation>
            <numerusform>Ein Heartbeat wird für %n Instanz in %1 gesendet:</numerusform>
            <numerusform>Ein Heartbeat wird für %n Instanzen in %1 gesendet:</numerusform>
        </translation>
    </message>
    <message>
        <source>token %1</source>
        <translation>Token %1</translation>
    </message>
    <message>
        <source>(not waiting now)</source>
        <translation>(wartet gerade nicht)</translation>
    </message>
    <message>
        <source>%1 them?</source>
        <translation>%1 senden?</translation>
    </message>
    <message>
        <source>Send the heartbeats?</source>
        <translation>Heartbeats senden?</translation>
    </message>
    <message>
        <source>No instance of %1 is waiting on a lifecycle hook: nothing to do.</source>
        <translation>Keine Instanz von %1 wartet auf einen Lifecycle-Hook: nichts zu tun.</translation>
    </message>
    <message>
        <source>Auto Scaling group of the instances; needed with --token and --all-pending (with --instance alone, each instance&apos;s group is looked up)</source>
        <translation>Auto-Scaling-Gruppe der Instanzen; erforderlich mit --token und --all-pending (mit --instance allein wird die Gruppe jeder Instanz ermittelt)</translation>
    </message>
    <message>
        <source>Only this hook (default: every hook of the instance&apos;s current transition)</source>
        <translation>Nur dieser Hook (Standard: jeder Hook des aktuellen Übergangs der Instanz)</translation>
    </message>
    <message>
        <source>Instance ID(s); repeat the option or list several after it</source>
        <translation>Instanz-ID(s); wiederholen Sie die Option oder nennen Sie mehrere danach</translation>
    </message>
    <message>
        <source>Lifecycle action token (from the notification), with --hook</source>
        <translation>Lifecycle-Action-Token (aus der Benachrichtigung), mit --hook</translation>
    </message>
    <message>
        <source>Every instance of the group in a *:Wait state (asks for confirmation)</source>
        <translation>Jede Instanz der Gruppe in einem *:Wait-Zustand (fragt nach Bestätigung)</translation>
    </message>
    <message>
        <source>CONTINUE lets the launch or termination go on; ABANDON terminates a launching instance (it is replaced) and skips the remaining hooks of a terminating one</source>
        <translation>CONTINUE lässt den Start oder die Beendigung weiterlaufen; ABANDON beendet eine startende Instanz (sie wird ersetzt) und überspringt die restlichen Hooks einer beendeten</translation>
    </message>
    <message>
        <source>Do not ask for confirmation (needed for ABANDON and --all-pending when standard input is not a terminal)</source>
        <translation>Nicht um Bestätigung bitten (nötig für ABANDON und --all-pending, wenn die Standardeingabe kein Terminal ist)</translation>
    </message>
    <message>
        <source>Do not ask for confirmation of --all-pending</source>
        <translation>Nicht um Bestätigung von --all-pending bitten</translation>
    </message>
    <message>
        <source>Keep sending heartbeats, every half heartbeat timeout, for DURATION (45s, 90m, 2h, 1h30m; at most 48h)</source>
        <translation>Heartbeats weiter senden, jeweils nach dem halben Heartbeat-Timeout, für DAUER (45s, 90m, 2h, 1h30m; höchstens 48h)</translation>
    </message>
    <message>
        <source>--keep-alive needs a duration such as 45s, 90m, 2h or 1h30m (at most 48h), not &apos;%1&apos;</source>
        <translation>--keep-alive braucht eine Dauer wie 45s, 90m, 2h oder 1h30m (höchstens 48h), nicht „%1“</translation>
    </message>
    <message>
        <source>Complete lifecycle actions with CONTINUE or ABANDON</source>
        <translation>Lifecycle-Aktionen mit CONTINUE oder ABANDON abschließen</translation>
    </message>
    <message>
        <source>Without --hook, every hook the instance still waits on in its current transition is completed. Before anything is sent, each target is checked: the group must exist, the instance must be in it and waiting, and the hook must exist for the transition it waits in; a mismatch is refused with what the instance actually waits on. After the answer the instance is read back: &quot;done ✓&quot; (verified: true in JSON) when it left the wait or moved on to its next hook. When AWS answers that no lifecycle action is active, the outcome is &quot;already-completed&quot; only if the instance has left that wait (completed elsewhere, timed out, or by an earlier attempt whose answer was lost); if it is still waiting, the outcome is &quot;failed&quot;.

With --instance and no --group, the group of each instance is looked up first (DescribeAutoScalingInstances); an instance that is in no group is reported as &quot;refused&quot; and nothing is sent for it, and when none is found the command exits with 2.

ABANDON and --all-pending ask for confirmation on a terminal (type the number of actions); without a terminal they need --yes. With --all-pending, --hook limits the action to the instances waiting on that hook.

Exit code 0 when every action is done or already completed; for one target, 2 when it was refused before sending and 1 when it failed; for several, 5 when some were refused or failed (each item&apos;s outcome is printed, and each reason in full below the table).</source>
        <translation>Ohne --hook wird jeder Hook abgeschlossen, auf den die Instanz in ihrem aktuellen Übergang noch wartet. Bevor etwas gesendet wird, wird jedes Ziel geprüft: Die Gruppe muss existieren, die Instanz muss darin sein und warten, und der Hook muss für den Übergang existieren, in dem sie wartet; eine Abweichung wird mit dem abgelehnt, worauf die Instanz tatsächlich wartet. Nach der Antwort wird die Instanz zurückgelesen: &quot;done ✓&quot; (verified: true in JSON), wenn sie das Warten verlassen hat oder zu ihrem nächsten Hook weitergegangen ist. Antwortet AWS, dass keine Lifecycle-Aktion aktiv ist, lautet das Ergebnis nur dann &quot;already-completed&quot;, wenn die Instanz dieses Warten verlassen hat (anderswo abgeschlossen, Timeout abgelaufen oder durch einen früheren Versuch, dessen Antwort verloren ging); wartet sie noch, lautet das Ergebnis &quot;failed&quot;.

Mit --instance und ohne --group wird zuerst die Gruppe jeder Instanz ermittelt (DescribeAutoScalingInstances); eine Instanz, die in keiner Gruppe ist, wird als &quot;refused&quot; gemeldet und für sie wird nichts gesendet; wird keine gefunden, endet der Befehl mit 2.

ABANDON und --all-pending fragen an einem Terminal nach Bestätigung (Anzahl der Aktionen eingeben); ohne Terminal brauchen sie --yes. Mit --all-pending beschränkt --hook die Aktion auf die Instanzen, die auf diesen Hook warten.

Exit-Code 0, wenn jede Aktion erledigt oder bereits abgeschlossen ist; bei einem Ziel 2, wenn es vor dem Senden abgelehnt wurde, und 1, wenn es fehlschlug; bei mehreren 5, wenn manche abgelehnt wurden oder fehlschlugen (das Ergebnis jedes Eintrags wird ausgegeben und jeder Grund vollständig unter der Tabelle).</translation>
    </message>
    <message>
        <source>Record lifecycle action heartbeats: restart the hooks&apos; heartbeat timeout</source>
        <translation>Lifecycle-Action-Heartbeats erfassen: das Heartbeat-Timeout der Hooks neu starten</translation>
    </message>
    <message>
        <source>A heartbeat gives the hook its full heartbeat timeout again, counted from now, but never beyond its global timeout (100 × heartbeat timeout, at most 48 hours, from the start of the wait).

With --instance and no --group, the group of each instance is looked up first; an instance that is in no group is reported as &quot;refused&quot;.

With --keep-alive DURATION a heartbeat is sent at once and then every half of the smallest heartbeat timeout of the hooks kept alive, until DURATION has passed, the instance leaves the wait, the global timeout makes further heartbeats useless, or Ctrl+C / SIGTERM (the heartbeat in flight is answered and audited first). One line per heartbeat (one JSON document per line with --output json), then why it stopped. Exit code 0 when DURATION passed, the instance left the wait or it was interrupted; 7 when the global timeout ended it early; 5 when heartbeats failed after some went through, 1 when none did.</source>
        <translation>Ein Heartbeat gibt dem Hook wieder sein volles Heartbeat-Timeout, ab jetzt gezählt, aber nie über sein globales Timeout hinaus (100 × Heartbeat-Timeout, höchstens 48 Stunden ab Beginn des Wartens).

Mit --instance und ohne --group wird zuerst die Gruppe jeder Instanz ermittelt; eine Instanz, die in keiner Gruppe ist, wird als &quot;refused&quot; gemeldet.

Mit --keep-alive DAUER wird sofort ein Heartbeat gesendet und danach jeweils nach der Hälfte des kleinsten Heartbeat-Timeouts der am Leben gehaltenen Hooks, bis DAUER vergangen ist, die Instanz das Warten verlässt, das globale Timeout weitere Heartbeats nutzlos macht oder Strg+C / SIGTERM kommt (der laufende Heartbeat wird zuerst beantwortet und protokolliert). Eine Zeile pro Heartbeat (mit --output json ein JSON-Dokument pro Zeile), dann der Grund für das Ende. Exit-Code 0, wenn DAUER vergangen ist, die Instanz das Warten verlassen hat oder unterbrochen wurde; 7, wenn das globale Timeout es vorzeitig beendet hat; 5, wenn Heartbeats fehlschlugen, nachdem einige durchgingen, 1, wenn keiner durchging.</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>No instance is waiting on a lifecycle hook.</source>
        <translation>Keine Instanz wartet auf einen Lifecycle-Hook.</translation>
    </message>
    <message>
        <source>No instance of %1 is waiting on a lifecycle hook.</source>
        <translation>Keine Instanz von %1 wartet auf einen Lifecycle-Hook.</translation>
    </message>
    <message>
        <source>HOOKS</source>
        <translation>HOOKS</translation>
    </message>
    <message>
        <source>LEFT (EST.)</source>
        <translation>REST (GESCH.)</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>List every instance waiting on a lifecycle hook: group, state, hooks, transition, default result, estimated time left</source>
        <translation>Jede Instanz auflisten, die auf einen Lifecycle-Hook wartet: Gruppe, Zustand, Hooks, Übergang, Standardergebnis, geschätzte Restzeit</translation>
    </message>
    <message>
        <source>Only this Auto Scaling group</source>
        <translation>Nur diese Auto-Scaling-Gruppe</translation>
    </message>
    <message>
        <source>a profile NAME is required</source>
        <translation>ein Profil-NAME ist erforderlich</translation>
    </message>
    <message>
        <source>No saved profiles. Add one with &apos;hookdesk-cli profile add NAME --region R&apos;, or import the AWS CLI&apos;s with &apos;hookdesk-cli profile import&apos;.</source>
        <translation>Keine gespeicherten Profile. Fügen Sie eines mit „hookdesk-cli profile add NAME --region R“ hinzu oder importieren Sie die der AWS CLI mit „hookdesk-cli profile import“.</translation>
    </message>
    <message>
        <source>PROFILE</source>
        <translation>PROFIL</translation>
    </message>
    <message>
        <source>REGION</source>
        <translation>REGION</translation>
    </message>
    <message>
        <source>KEYS</source>
        <translation>SCHLÜSSEL</translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation>ROLLE</translation>
    </message>
    <message>
        <source>ENDPOINT</source>
        <translation>ENDPUNKT</translation>
    </message>
    <message>
        <source>keychain</source>
        <translation>Schlüsselbund</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>über %1</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlen</translation>
    </message>
    <message>
        <source>--region is required (or set AWS_REGION)</source>
        <translation>--region ist erforderlich (oder setzen Sie AWS_REGION)</translation>
    </message>
    <message>
        <source>profile &apos;%1&apos; exists; remove it first or pick another name</source>
        <translation>Profil „%1“ existiert; entfernen Sie es zuerst oder wählen Sie einen anderen Namen</translation>
    </message>
    <message>
        <source>Added profile %1 (assumes %2 with the keys of %3).</source>
        <translation>Profil %1 hinzugefügt (übernimmt %2 mit den Schlüsseln von %3).</translation>
    </message>
    <message>
        <source>Added profile %1; its keys are in the keychain.</source>
        <translation>Profil %1 hinzugefügt; seine Schlüssel liegen im Schlüsselbund.</translation>
    </message>
    <message>
        <source>Access key ID: </source>
        <translation>Zugriffsschlüssel-ID: </translation>
    </message>
    <message>
        <source>Secret access key: </source>
        <translation>Geheimer Zugriffsschlüssel: </translation>
    </message>
    <message>
        <source>an access key ID and a secret access key are needed: type them at the prompts, or pipe them as two lines (a third, optional line is a session token)</source>
        <translation>eine Zugriffsschlüssel-ID und ein geheimer Zugriffsschlüssel werden gebraucht: Geben Sie sie bei den Eingabeaufforderungen ein oder leiten Sie sie als zwei Zeilen per Pipe weiter (eine dritte, optionale Zeile ist ein Sitzungstoken)</translation>
    </message>
    <message>
        <source>Session token (empty for none): </source>
        <translation>Sitzungstoken (leer für keines): </translation>
    </message>
    <message>
        <source>no profile named &apos;%1&apos;</source>
        <translation>kein Profil namens „%1“</translation>
    </message>
    <message>
        <source>refusing to remove a profile without --yes: standard input is not a terminal</source>
        <translation>Entfernen eines Profils ohne --yes abgelehnt: Die Standardeingabe ist kein Terminal</translation>
    </message>
    <message>
        <source>Removing profile %1 deletes its keys from the keychain.</source>
        <translation>Das Entfernen von Profil %1 löscht seine Schlüssel aus dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>Remove it?</source>
        <translation>Entfernen?</translation>
    </message>
    <message>
        <source>not confirmed; nothing was removed</source>
        <translation>nicht bestätigt; nichts wurde entfernt</translation>
    </message>
    <message>
        <source>Removed profile %1 and its keychain entries.</source>
        <translation>Profil %1 und seine Schlüsselbund-Einträge entfernt.</translation>
    </message>
    <message>
        <source>not imported: %1: %2</source>
        <translation>nicht importiert: %1: %2</translation>
    </message>
    <message>
        <source>nothing was imported: fix the lines above first</source>
        <translation>nichts wurde importiert: Beheben Sie zuerst die Zeilen oben</translation>
    </message>
    <message>
        <source>No AWS CLI profiles found to import (read %1 and %2).</source>
        <translation>Keine AWS-CLI-Profile zum Importieren gefunden (%1 und %2 gelesen).</translation>
    </message>
    <message>
        <source>no credentials file</source>
        <translation>keine Credentials-Datei</translation>
    </message>
    <message>
        <source>no config file</source>
        <translation>keine Config-Datei</translation>
    </message>
    <message>
        <source>No new profiles imported.</source>
        <translation>Keine neuen Profile importiert.</translation>
    </message>
    <message>
        <source>Imported: %1.</source>
        <translation>Importiert: %1.</translation>
    </message>
    <message>
        <source>Already in Hookdesk, left as they are: %1.</source>
        <translation>Bereits in Hookdesk, unverändert gelassen: %1.</translation>
    </message>
    <message>
        <source>List saved profiles: region, where the keys are, role, endpoint</source>
        <translation>Gespeicherte Profile auflisten: Region, Ort der Schlüssel, Rolle, Endpunkt</translation>
    </message>
    <message>
        <source>Save a profile; its keys go to the OS keychain</source>
        <translation>Ein Profil speichern; seine Schlüssel kommen in den Schlüsselbund des Betriebssystems</translation>
    </message>
    <message>
        <source>The profile&apos;s region (default: AWS_REGION)</source>
        <translation>Die Region des Profils (Standard: AWS_REGION)</translation>
    </message>
    <message>
        <source>Endpoint override for this profile (VPC endpoint, simulator)</source>
        <translation>Abweichender Endpunkt für dieses Profil (VPC-Endpunkt, Simulator)</translation>
    </message>
    <message>
        <source>Role to assume</source>
        <translation>Zu übernehmende Rolle</translation>
    </message>
    <message>
        <source>Profile whose keys assume the role</source>
        <translation>Profil, dessen Schlüssel die Rolle übernehmen</translation>
    </message>
    <message>
        <source>External ID the role&apos;s trust policy requires</source>
        <translation>Externe ID, die die Vertrauensrichtlinie der Rolle verlangt</translation>
    </message>
    <message>
        <source>Remove a profile and its keychain entries</source>
        <translation>Ein Profil und seine Schlüsselbund-Einträge entfernen</translation>
    </message>
    <message>
        <source>Asks on a terminal (type the profile name); needs --yes otherwise.</source>
        <translation>Fragt an einem Terminal nach (Profilnamen eingeben); braucht sonst --yes.</translation>
    </message>
    <message>
        <source>Import AWS CLI profiles (~/.aws/credentials and ~/.aws/config)</source>
        <translation>AWS-CLI-Profile importieren (~/.aws/credentials und ~/.aws/config)</translation>
    </message>
    <message>
        <source>Read DIR/credentials and DIR/config instead of ~/.aws</source>
        <translation>VERZ/credentials und VERZ/config statt ~/.aws lesen</translation>
    </message>
    <message>
        <source>Check a profile&apos;s credentials: the account and ARN they belong to</source>
        <translation>Die Anmeldedaten eines Profils prüfen: Account und ARN, zu denen sie gehören</translation>
    </message>
    <message>
        <source>Print the list again every SECONDS (5 to 86400)</source>
        <translation>Die Liste alle SEKUNDEN erneut ausgeben (5 bis 86400)</translation>
    </message>
    <message>
        <source>--watch takes a number of seconds from 5 to 86400</source>
        <translation>--watch nimmt eine Anzahl Sekunden von 5 bis 86400</translation>
    </message>
    <message>
        <source>Instance ID(s) of the group; repeat the option or list several after it</source>
        <translation>Instanz-ID(s) der Gruppe; die Option wiederholen oder mehrere danach angeben</translation>
    </message>
    <message>
        <source>Lower the desired capacity instead of letting the group launch a replacement</source>
        <translation>Die gewünschte Kapazität senken, statt die Gruppe einen Ersatz starten zu lassen</translation>
    </message>
    <message>
        <source>Scale-in protection keeps AWS from choosing the instances when the group shrinks; it does not stop a termination on request or a health replacement. Asks on a terminal (type the group name); needs --yes otherwise.</source>
        <translation>Der Scale-in-Schutz hält AWS davon ab, die Instanzen beim Verkleinern der Gruppe zu wählen; er verhindert weder eine angeforderte Beendigung noch einen Ersatz wegen Zustand. Fragt an einem Terminal (Gruppennamen eingeben); sonst ist --yes nötig.</translation>
    </message>
    <message>
        <source>Terminate instances of a group</source>
        <translation>Instanzen einer Gruppe beenden</translation>
    </message>
    <message>
        <source>Protect instances from scale-in</source>
        <translation>Instanzen vor Scale-in schützen</translation>
    </message>
    <message>
        <source>Remove scale-in protection from instances</source>
        <translation>Scale-in-Schutz von Instanzen entfernen</translation>
    </message>
    <message>
        <source>--all-profiles: there are no saved profiles (add one with &apos;hookdesk-cli profile add&apos;)</source>
        <translation>--all-profiles: Es gibt keine gespeicherten Profile (fügen Sie eines mit „hookdesk-cli profile add“ hinzu)</translation>
    </message>
    <message>
        <source>warning: %1 in %2: %3</source>
        <translation>Warnung: %1 in %2: %3</translation>
    </message>
    <message>
        <source>%1 in %2 is %3 (hookdesk-cli terminate --group %2 --instance %1)</source>
        <translation>%1 in %2 ist %3 (hookdesk-cli terminate --group %2 --instance %1)</translation>
    </message>
    <message>
        <source>retained, not terminated</source>
        <translation>zurückbehalten, nicht beendet</translation>
    </message>
    <message>
        <source>terminated</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>%1 in %2: ABANDON, sent or applied by a timeout, leaves it %3 (the group&apos;s instance lifecycle policy)</source>
        <translation>%1 in %2: Nach ABANDON, gesendet oder per Timeout angewendet, ist sie %3 (laut Instanz-Lifecycle-Richtlinie der Gruppe)</translation>
    </message>
    <message>
        <source>%1: min %2, max %3, %4</source>
        <translation>%1: min %2, max %3, %4</translation>
    </message>
    <message>
        <source>, reuse</source>
        <translation>, Wiederverwendung</translation>
    </message>
    <message>
        <source>ACCOUNT</source>
        <translation>ACCOUNT</translation>
    </message>
    <message>
        <source>WARM POOL</source>
        <translation>WARM-POOL</translation>
    </message>
    <message>
        <source>ON ABANDON</source>
        <translation>BEI ABANDON</translation>
    </message>
    <message>
        <source>List Auto Scaling groups: min, desired, max, instances, how many wait on a lifecycle hook, and what an abandoned terminating hook does (terminated, or retained by an instance lifecycle policy)</source>
        <translation>Auto-Scaling-Gruppen auflisten: Min, Soll, Max, Instanzen, wie viele auf einen Lifecycle-Hook warten und was ABANDON bei einem Beendigungs-Hook bewirkt (beendet oder durch eine Instanz-Lifecycle-Richtlinie zurückbehalten)</translation>
    </message>
    <message>
        <source>Filters are those of DescribeAutoScalingGroups: tag:KEY=VALUE, tag-key=KEY, tag-value=VALUE. Repeat --filter to combine them; repeated values of one filter match any of them.

WARM POOL shows a group&apos;s warm pool: its size, MinSize, MaxGroupPreparedCapacity (- when unset, the group&apos;s max size stands in), PoolState and whether instances are reused on scale in; JSON gives AWS&apos;s fields under &quot;warmPool&quot;. The pool&apos;s instances are not counted in INSTANCES.</source>
        <translation>Die Filter sind die von DescribeAutoScalingGroups: tag:SCHLÜSSEL=WERT, tag-key=SCHLÜSSEL, tag-value=WERT. Wiederholen Sie --filter, um sie zu kombinieren; wiederholte Werte eines Filters passen, wenn einer davon zutrifft.

WARM-POOL zeigt den Warm-Pool einer Gruppe: seine Größe, MinSize, MaxGroupPreparedCapacity (- wenn nicht gesetzt; dann gilt die Maximalgröße der Gruppe), PoolState und ob Instanzen beim Scale-in wiederverwendet werden; JSON liefert die Felder von AWS unter &quot;warmPool&quot;. Die Instanzen des Pools werden nicht in INSTANZEN gezählt.</translation>
    </message>
    <message>
        <source>Instances in the group&apos;s warm pool (DescribeWarmPool, every page) follow the group&apos;s own, in their warm-pool states; JSON marks them &quot;warmPool&quot;: true.</source>
        <translation>Instanzen im Warm-Pool der Gruppe (DescribeWarmPool, jede Seite) folgen denen der Gruppe selbst, in ihren Warm-Pool-Zuständen; JSON kennzeichnet sie mit &quot;warmPool&quot;: true.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>--watch works on one connection: give one --profile</source>
        <translation>--watch arbeitet mit einer Verbindung: Geben Sie ein --profile an</translation>
    </message>
    <message>
        <source>Most urgent first. The time left is an estimate (AWS does not publish when a wait started) that errs early, never late: it counts from the scaling activity that started the wait and from the moment a heartbeat was sent. Without such an activity the start is unknown and the row reads &quot;unknown — at most&quot; the longest the wait can still last. When the time runs out, the hook&apos;s default result applies: ABANDON if any waiting hook defaults to ABANDON.

Instances in *:Proceed are listed too, without a deadline: they move on by themselves. So are instances in Terminating:Retained: a terminating hook was abandoned in a group whose instance lifecycle policy retains, so the instance is retained, not terminated, until someone terminates it (hookdesk-cli terminate). Lines under the table say which instances are retained and which an ABANDON would retain.

With --watch the list is printed again after every refresh, SECONDS apart, until Ctrl+C: a table is redrawn on a terminal, JSON is one document per line. Refreshes after the first read only what the account&apos;s scaling activities say changed, plus the groups with a waiting instance, and a full sweep every 5 minutes.</source>
        <translation>Die dringendste zuerst. Die Restzeit ist eine Schätzung (AWS veröffentlicht nicht, wann ein Warten begann), die im Zweifel zu früh liegt, nie zu spät: Sie zählt ab der Skalierungsaktivität, die das Warten begann, und ab dem Moment, in dem ein Heartbeat gesendet wurde. Ohne eine solche Aktivität ist der Beginn unbekannt, und die Zeile zeigt „unbekannt – höchstens“ die längste Zeit, die das Warten noch dauern kann. Läuft die Zeit ab, greift das Standardergebnis des Hooks: ABANDON, wenn irgendein wartender Hook ABANDON als Standard hat.

Instanzen in *:Proceed werden ebenfalls aufgeführt, ohne Frist: Sie gehen von selbst weiter. Ebenso Instanzen in Terminating:Retained: Ein Beendigungs-Hook wurde mit ABANDON abgebrochen, in einer Gruppe, deren Instanz-Lifecycle-Richtlinie zurückbehält; die Instanz wird also zurückbehalten, nicht beendet, bis jemand sie beendet (hookdesk-cli terminate). Zeilen unter der Tabelle nennen die zurückbehaltenen Instanzen und die, die ein ABANDON zurückbehalten würde.

Mit --watch wird die Liste nach jeder Aktualisierung erneut ausgegeben, im Abstand von SEKUNDEN, bis Strg+C: Auf einem Terminal wird eine Tabelle neu gezeichnet, JSON ist ein Dokument pro Zeile. Aktualisierungen nach der ersten lesen nur, was sich laut den Skalierungsaktivitäten des Accounts geändert hat, dazu die Gruppen mit einer wartenden Instanz, und alle 5 Minuten einen vollständigen Abgleich.</translation>
    </message>
    <message>
        <source>List a group&apos;s instance refreshes</source>
        <translation>Die Instance-Refreshes einer Gruppe auflisten</translation>
    </message>
    <message>
        <source>Lists the group&apos;s instance refreshes of the last six weeks, newest first: status, percentage done, instances still to update, when it started, whether lifecycle actions hold it (the instances waiting and the hooks they wait on) and AWS&apos;s status reason.</source>
        <translation>Listet die Instance-Refreshes der Gruppe aus den letzten sechs Wochen auf, neueste zuerst: Status, erledigter Anteil in Prozent, noch zu aktualisierende Instanzen, Beginn, ob Lifecycle-Aktionen ihn aufhalten (die wartenden Instanzen und die Hooks, auf die sie warten) und der Statusgrund von AWS.</translation>
    </message>
    <message>
        <source>Cancel a group&apos;s active instance refresh</source>
        <translation>Den aktiven Instance-Refresh einer Gruppe abbrechen</translation>
    </message>
    <message>
        <source>Sends CancelInstanceRefresh: AWS lets the replacements in flight finish and starts no new ones; instances already replaced stay replaced. Without an active refresh nothing is sent. Asks on a terminal (type the group name); needs --yes otherwise.</source>
        <translation>Sendet CancelInstanceRefresh: AWS lässt die laufenden Ersetzungen zu Ende laufen und startet keine neuen; bereits ersetzte Instanzen bleiben ersetzt. Ohne aktiven Refresh wird nichts gesendet. Fragt an einem Terminal nach (Gruppennamen eingeben); braucht sonst --yes.</translation>
    </message>
    <message>
        <source>Roll back a group&apos;s active instance refresh</source>
        <translation>Den aktiven Instance-Refresh einer Gruppe zurückrollen</translation>
    </message>
    <message>
        <source>Sends RollbackInstanceRefresh: AWS stops the refresh and replaces the instances it already replaced with the group&apos;s previous configuration. Without an active refresh nothing is sent. Asks on a terminal (type the group name); needs --yes otherwise.</source>
        <translation>Sendet RollbackInstanceRefresh: AWS stoppt den Refresh und ersetzt die bereits ersetzten Instanzen durch die vorherige Konfiguration der Gruppe. Ohne aktiven Refresh wird nichts gesendet. Fragt an einem Terminal nach (Gruppennamen eingeben); braucht sonst --yes.</translation>
    </message>
    <message>
        <source>Sends TerminateInstanceInAutoScalingGroup for each instance: its terminating lifecycle hooks run first, then it is terminated. Without --decrement-desired-capacity the group launches a replacement. An instance retained by an instance lifecycle policy (Terminating:Retained) is terminated without running its hooks again, and without a replacement. Instances that are not in the group are refused before anything is sent. Asks on a terminal (type the group name); needs --yes otherwise.</source>
        <translation>Sendet TerminateInstanceInAutoScalingGroup für jede Instanz: Zuerst laufen ihre Beendigungs-Lifecycle-Hooks, dann wird sie beendet. Ohne --decrement-desired-capacity startet die Gruppe einen Ersatz. Eine durch eine Instanz-Lifecycle-Richtlinie zurückbehaltene Instanz (Terminating:Retained) wird beendet, ohne ihre Hooks erneut zu durchlaufen, und ohne Ersatz. Instanzen, die nicht in der Gruppe sind, werden abgelehnt, bevor etwas gesendet wird. Fragt an einem Terminal nach (Gruppennamen eingeben); braucht sonst --yes.</translation>
    </message>
    <message>
        <source>The health status to set: Healthy or Unhealthy</source>
        <translation>Der zu setzende Integritätsstatus: Healthy oder Unhealthy</translation>
    </message>
    <message>
        <source>Asks on a terminal (type the group name); needs --yes otherwise.</source>
        <translation>Fragt an einem Terminal nach (Gruppennamen eingeben); braucht sonst --yes.</translation>
    </message>
    <message>
        <source>Mark instances Healthy or Unhealthy</source>
        <translation>Instanzen als Healthy oder Unhealthy markieren</translation>
    </message>
    <message>
        <source>Sends SetInstanceHealth for each instance, ignoring the health check grace period. Unhealthy: the group terminates and replaces the instance, its terminating lifecycle hooks running first (an instance on Standby is replaced once it leaves Standby). Instances that are not in the group and a --status other than Healthy or Unhealthy are refused before anything is sent.</source>
        <translation>Sendet SetInstanceHealth für jede Instanz und ignoriert dabei die Karenzzeit der Integritätsprüfung. Unhealthy: Die Gruppe beendet und ersetzt die Instanz, wobei zuerst ihre Beendigungs-Lifecycle-Hooks laufen (eine Instanz in Standby wird ersetzt, sobald sie Standby verlässt). Instanzen, die nicht in der Gruppe sind, und ein --status außer Healthy oder Unhealthy werden abgelehnt, bevor etwas gesendet wird.</translation>
    </message>
    <message>
        <source>Move InService instances to Standby</source>
        <translation>InService-Instanzen in Standby versetzen</translation>
    </message>
    <message>
        <source>Sends EnterStandby (up to 20 instances). With --decrement-desired-capacity the desired capacity drops by one per instance (never below the group&apos;s min size); without it the group launches a replacement for each. Only InService instances of the group are accepted; anything else is refused before anything is sent.</source>
        <translation>Sendet EnterStandby (bis zu 20 Instanzen). Mit --decrement-desired-capacity sinkt die gewünschte Kapazität um eins pro Instanz (nie unter die Mindestgröße der Gruppe); ohne die Option startet die Gruppe für jede einen Ersatz. Nur InService-Instanzen der Gruppe werden angenommen; alles andere wird abgelehnt, bevor etwas gesendet wird.</translation>
    </message>
    <message>
        <source>Return Standby instances to service</source>
        <translation>Standby-Instanzen wieder in Betrieb nehmen</translation>
    </message>
    <message>
        <source>Sends ExitStandby (up to 20 instances): each goes back through Pending, so the group&apos;s launch lifecycle hooks run again (Pending:Wait) before it is InService, and the desired capacity grows by one per instance (never above the group&apos;s max size). Only Standby instances of the group are accepted; anything else is refused before anything is sent.</source>
        <translation>Sendet ExitStandby (bis zu 20 Instanzen): Jede durchläuft erneut Pending, sodass die Start-Lifecycle-Hooks der Gruppe wieder laufen (Pending:Wait), bevor sie InService ist, und die gewünschte Kapazität steigt um eins pro Instanz (nie über die Maximalgröße der Gruppe). Nur Standby-Instanzen der Gruppe werden angenommen; alles andere wird abgelehnt, bevor etwas gesendet wird.</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>%1 (profile %2)</source>
        <translation>%1 (Profil %2)</translation>
    </message>
    <message>
        <source>Not read, so it may be there: %1 (%2).</source>
        <translation>Nicht gelesen, die Instanz kann also dort sein: %1 (%2).</translation>
    </message>
    <message>
        <source>Instance %1 is not waiting on a lifecycle hook: it is %2 in %3 (%4); nothing was sent.</source>
        <translation>Die Instanz %1 wartet auf keinen Lifecycle-Hook: Sie ist %2 in %3 (%4); es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>Instance %1 is listed waiting in %2 connections (%3): ambiguous, nothing was sent; name one connection with --profile and --region</source>
        <translation>Die Instanz %1 wird in %2 Verbindungen als wartend geführt (%3): mehrdeutig, es wurde nichts gesendet; nennen Sie eine Verbindung mit --profile und --region</translation>
    </message>
    <message>
        <source>Instance %1 is not in any Auto Scaling group of the connections that answered.</source>
        <translation>Die Instanz %1 ist in keiner Auto-Scaling-Gruppe der Verbindungen, die geantwortet haben.</translation>
    </message>
    <message>
        <source>Instance %1 is not in a group named %2 in any connection that answered.</source>
        <translation>Die Instanz %1 ist in keiner Verbindung, die geantwortet hat, in einer Gruppe namens %2.</translation>
    </message>
    <message>
        <source>No connection that answered has an Auto Scaling group named %1.</source>
        <translation>Keine Verbindung, die geantwortet hat, hat eine Auto-Scaling-Gruppe namens %1.</translation>
    </message>
    <message>
        <source>Group %1 is in %2 connections (%3) and a token does not say which one: ambiguous, nothing was sent; name one connection with --profile and --region</source>
        <translation>Die Gruppe %1 gibt es in %2 Verbindungen (%3), und ein Token sagt nicht, in welcher: mehrdeutig, es wurde nichts gesendet; nennen Sie eine Verbindung mit --profile und --region</translation>
    </message>
    <message>
        <source>There is no Auto Scaling group named %1 in any of the %2 connections.</source>
        <translation>In keiner der %2 Verbindungen gibt es eine Auto-Scaling-Gruppe namens %1.</translation>
    </message>
    <message>
        <source>Group %1 has no lifecycle hook named %2 in any connection.</source>
        <translation>Die Gruppe %1 hat in keiner Verbindung einen Lifecycle-Hook namens %2.</translation>
    </message>
    <message>
        <source>--keep-alive works on one connection: give --profile and --region once each</source>
        <translation>--keep-alive arbeitet mit einer Verbindung: Geben Sie --profile und --region je einmal an</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)/region(s)</source>
        <translation>
            <numerusform>%n Konto/Region</numerusform>
            <numerusform>%n Konten/Regionen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>About to %1 %n instance(s) in %2:</source>
        <translation>
            <numerusform>%1 wird für %n Instanz in %2 gesendet:</numerusform>
            <numerusform>%1 wird für %n Instanzen in %2 gesendet:</numerusform>
        </translation>
    </message>
    <message>
        <source>No instance of %1 is waiting on a lifecycle hook in %2: nothing to do.</source>
        <translation>Keine Instanz von %1 wartet in %2 auf einen Lifecycle-Hook: Es gibt nichts zu tun.</translation>
    </message>
    <message>
        <source>With --profile or --region given more than once, or --all-profiles, every connection loads its inventory and each instance is acted on through the one connection that lists it waiting, with that connection&apos;s account in its audit records; an instance two connections list is refused as ambiguous, one that none lists is refused, and nothing is sent for either. --all-pending acts in every connection that has the group; --token only where one connection has it. The table gains ACCOUNT and REGION columns, JSON items gain account, region and profile, and connections that failed are listed under errors (exit 5 when others answered). --keep-alive works on one connection.</source>
        <translation>Wird --profile oder --region mehr als einmal angegeben oder --all-profiles, lädt jede Verbindung ihr Inventar, und jede Instanz wird über die eine Verbindung bearbeitet, die sie als wartend führt, mit dem Konto dieser Verbindung in ihren Audit-Einträgen; eine Instanz, die zwei Verbindungen führen, wird als mehrdeutig abgelehnt, eine, die keine führt, wird abgelehnt, und für beide wird nichts gesendet. --all-pending wirkt in jeder Verbindung, die die Gruppe hat; --token nur, wo eine einzige Verbindung sie hat. Die Tabelle erhält die Spalten ACCOUNT und REGION, JSON-Einträge erhalten account, region und profile, und fehlgeschlagene Verbindungen stehen unter errors (Exit-Code 5, wenn andere geantwortet haben). --keep-alive arbeitet mit einer Verbindung.</translation>
    </message>
    <message>
        <source>Asks for the access key ID, the secret access key (not echoed) and an optional session token. When standard input is not a terminal, reads them as lines in that order, e.g. printf &apos;%s\n&apos; &quot;$ID&quot; &quot;$SECRET&quot; | hookdesk-cli profile add NAME --region R. Keys are never taken from arguments.

With --role-arn the profile assumes that role with the keys of --source-profile (asking for an MFA code when --mfa-serial is set), and stores no keys of its own. With --mfa-serial and no role, the keys are used in an MFA session of the user (GetSessionToken), asked for once per session.</source>
        <translation>Fragt nach der Zugriffsschlüssel-ID, dem geheimen Zugriffsschlüssel (ohne Anzeige) und einem optionalen Sitzungstoken. Ist die Standardeingabe kein Terminal, werden sie als Zeilen in dieser Reihenfolge gelesen, z. B. printf &apos;%s\n&apos; &quot;$ID&quot; &quot;$SECRET&quot; | hookdesk-cli profile add NAME --region R. Schlüssel werden nie aus Argumenten übernommen.

Mit --role-arn übernimmt das Profil diese Rolle mit den Schlüsseln von --source-profile (fragt nach einem MFA-Code, wenn --mfa-serial gesetzt ist) und speichert keine eigenen Schlüssel. Mit --mfa-serial und ohne Rolle arbeiten die Schlüssel in einer MFA-Sitzung des Benutzers (GetSessionToken), deren Code einmal pro Sitzung abgefragt wird.</translation>
    </message>
    <message>
        <source>MFA device ARN; a code is asked for when the role or the MFA session starts</source>
        <translation>ARN des MFA-Geräts; ein Code wird abgefragt, wenn die Rolle oder die MFA-Sitzung beginnt</translation>
    </message>
    <message>
        <source>Session length in seconds (a role: 900 to 43200; an MFA session: 900 to 129600; default 3600)</source>
        <translation>Sitzungsdauer in Sekunden (Rolle: 900 bis 43200; MFA-Sitzung: 900 bis 129600; Standard 3600)</translation>
    </message>
    <message>
        <source>--duration takes a number of seconds (900 to 129600)</source>
        <translation>--duration nimmt eine Anzahl Sekunden (900 bis 129600)</translation>
    </message>
    <message>
        <source>Profile %1 has no session kept in the keychain.</source>
        <translation>Für Profil %1 ist keine Sitzung im Schlüsselbund aufbewahrt.</translation>
    </message>
    <message>
        <source>Forgot the session kept for profile %1: its next use signs in again.</source>
        <translation>Die für Profil %1 aufbewahrte Sitzung vergessen: die nächste Verwendung meldet sich neu an.</translation>
    </message>
    <message>
        <source>Drop the MFA session kept in the keychain for a profile</source>
        <translation>Die im Schlüsselbund aufbewahrte MFA-Sitzung eines Profils verwerfen</translation>
    </message>
    <message>
        <source>A session made with an MFA code (a role&apos;s, or the user&apos;s own) is kept in the OS keychain until five minutes before it ends, so the next run does not ask for the code again. Forgetting it makes the next use sign in anew.</source>
        <translation>Eine mit einem MFA-Code erstellte Sitzung (die einer Rolle oder die eigene des Benutzers) wird bis fünf Minuten vor ihrem Ende im Schlüsselbund des Betriebssystems aufbewahrt, damit der nächste Aufruf nicht erneut nach dem Code fragt. Wer sie vergisst, lässt die nächste Verwendung sich neu anmelden.</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>(direct)</source>
        <translation>(direkt)</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>CA-Bundle</translation>
    </message>
    <message>
        <source>Added profile %1 (role %2 in account %3 through IAM Identity Center session %4).</source>
        <translation>Profil %1 hinzugefügt (Rolle %2 in Account %3 über die Sitzung %4 von IAM Identity Center).</translation>
    </message>
    <message>
        <source>--account and --role need --sso-session</source>
        <translation>--account und --role brauchen --sso-session</translation>
    </message>
    <message>
        <source>there is no IAM Identity Center session named &apos;%1&apos;: define it with &apos;hookdesk-cli sso login --session %1 --start-url URL --sso-region REGION&apos;</source>
        <translation>es gibt keine Sitzung von IAM Identity Center namens „%1“: Definieren Sie sie mit „hookdesk-cli sso login --session %1 --start-url URL --sso-region REGION“</translation>
    </message>
    <message>
        <source>IAM Identity Center session the profile signs in through (see &apos;sso login&apos;)</source>
        <translation>Sitzung von IAM Identity Center, über die sich das Profil anmeldet (siehe „sso login“)</translation>
    </message>
    <message>
        <source>With --sso-session: the account ID</source>
        <translation>Mit --sso-session: die Account-ID</translation>
    </message>
    <message>
        <source>With --sso-session: the permission set (role) name</source>
        <translation>Mit --sso-session: der Name des Berechtigungssatzes (der Rolle)</translation>
    </message>
    <message>
        <source>Keys move into the OS keychain; profiles Hookdesk already has are left as they are. IAM Identity Center profiles come with their session (sign in with &apos;sso login&apos;); credential_process and web identity profiles are not imported but used by name (--profile, AWS_PROFILE). Hookdesk never edits the AWS files.</source>
        <translation>Schlüssel kommen in den Schlüsselbund des Betriebssystems; Profile, die Hookdesk schon hat, bleiben unverändert. Profile von IAM Identity Center kommen mit ihrer Sitzung (Anmeldung mit „sso login“); Profile mit credential_process oder Web-Identität werden nicht importiert, sondern per Name verwendet (--profile, AWS_PROFILE). Hookdesk bearbeitet die AWS-Dateien nie.</translation>
    </message>
    <message>
        <source>Sign in to IAM Identity Center (browser, or device code)</source>
        <translation>Bei IAM Identity Center anmelden (Browser oder Gerätecode)</translation>
    </message>
    <message>
        <source>Opens the browser at the directory&apos;s sign-in page and receives its answer on 127.0.0.1 (PKCE). With --no-browser, shows a code and a URL instead: approve the code in a browser, on this machine or another. The sign-in (client registration, access and refresh tokens) is kept in the OS keychain, never in a file; profiles of the session use it until it ends, renewing it with the refresh token.</source>
        <translation>Öffnet den Browser auf der Anmeldeseite des Verzeichnisses und empfängt die Antwort auf 127.0.0.1 (PKCE). Mit --no-browser werden stattdessen ein Code und eine URL angezeigt: Bestätigen Sie den Code in einem Browser, auf diesem Rechner oder einem anderen. Die Anmeldung (Client-Registrierung, Access- und Refresh-Token) wird im Schlüsselbund des Betriebssystems aufbewahrt, nie in einer Datei; die Profile der Sitzung verwenden sie, bis sie endet, und erneuern sie mit dem Refresh-Token.</translation>
    </message>
    <message>
        <source>Sign out of IAM Identity Center (every session by default)</source>
        <translation>Von IAM Identity Center abmelden (standardmäßig jede Sitzung)</translation>
    </message>
    <message>
        <source>Tells IAM Identity Center, then removes the sign-in from the keychain.</source>
        <translation>Teilt es IAM Identity Center mit und entfernt dann die Anmeldung aus dem Schlüsselbund.</translation>
    </message>
    <message>
        <source>List the accounts and roles a sign-in can use</source>
        <translation>Die Accounts und Rollen auflisten, die eine Anmeldung verwenden kann</translation>
    </message>
    <message>
        <source>profile &apos;%1&apos; does not sign in through IAM Identity Center</source>
        <translation>Profil „%1“ meldet sich nicht über IAM Identity Center an</translation>
    </message>
    <message>
        <source>name the session with --session NAME (sessions: %1)</source>
        <translation>geben Sie die Sitzung mit --session NAME an (Sitzungen: %1)</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>noch keine</translation>
    </message>
    <message>
        <source>there is no IAM Identity Center session named &apos;%1&apos;: define it with --start-url URL --sso-region REGION</source>
        <translation>es gibt keine Sitzung von IAM Identity Center namens „%1“: Definieren Sie sie mit --start-url URL --sso-region REGION</translation>
    </message>
    <message>
        <source>To sign in, open %1 in a browser and confirm the code %2.</source>
        <translation>Öffnen Sie zum Anmelden %1 in einem Browser und bestätigen Sie den Code %2.</translation>
    </message>
    <message>
        <source>Sign in in the browser that opened. If none did, open %1</source>
        <translation>Melden Sie sich in dem geöffneten Browser an. Hat sich keiner geöffnet, öffnen Sie %1</translation>
    </message>
    <message>
        <source>No browser could be started. Open %1 on this machine, or sign in with --no-browser.</source>
        <translation>Es konnte kein Browser gestartet werden. Öffnen Sie %1 auf diesem Rechner oder melden Sie sich mit --no-browser an.</translation>
    </message>
    <message>
        <source>Signed in to IAM Identity Center session %1 until %2; the sign-in is kept in the keychain.</source>
        <translation>Bis %2 bei der Sitzung %1 von IAM Identity Center angemeldet; die Anmeldung wird im Schlüsselbund aufbewahrt.</translation>
    </message>
    <message>
        <source>there is no IAM Identity Center session named &apos;%1&apos;</source>
        <translation>es gibt keine Sitzung von IAM Identity Center namens „%1“</translation>
    </message>
    <message>
        <source>No IAM Identity Center session to sign out of.</source>
        <translation>Keine Sitzung von IAM Identity Center, von der abgemeldet werden kann.</translation>
    </message>
    <message>
        <source>Signed out of %1.</source>
        <translation>Von %1 abgemeldet.</translation>
    </message>
    <message>
        <source>IAM Identity Center was not told (%1); the keychain entries go all the same.</source>
        <translation>IAM Identity Center wurde nicht benachrichtigt (%1); die Schlüsselbund-Einträge werden trotzdem entfernt.</translation>
    </message>
    <message>
        <source>IAM Identity Center gives this sign-in no account.</source>
        <translation>IAM Identity Center stellt dieser Anmeldung keinen Account bereit.</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>EMAIL</source>
        <translation>E-MAIL</translation>
    </message>
    <message>
        <source>ROLES</source>
        <translation>ROLLEN</translation>
    </message>
    <message>
        <source>The IAM Identity Center session (default: that of --profile, or the only one)</source>
        <translation>Die Sitzung von IAM Identity Center (Standard: die von --profile oder die einzige)</translation>
    </message>
    <message>
        <source>Define or change the session: its start URL, https://d-…awsapps.com/start</source>
        <translation>Die Sitzung definieren oder ändern: ihre Start-URL, https://d-…awsapps.com/start</translation>
    </message>
    <message>
        <source>Define or change the session: its region</source>
        <translation>Die Sitzung definieren oder ändern: ihre Region</translation>
    </message>
    <message>
        <source>Show the code and URL to open on another device</source>
        <translation>Code und URL zum Öffnen auf einem anderen Gerät anzeigen</translation>
    </message>
</context>
<context>
    <name>CliContext</name>
    <message>
        <source>Credentials: %1</source>
        <translation>Anmeldedaten: %1</translation>
    </message>
    <message>
        <source>no region: use --region, the profile&apos;s region or AWS_REGION</source>
        <translation>keine Region: Verwenden Sie --region, die Region des Profils oder AWS_REGION</translation>
    </message>
    <message>
        <source>--endpoint-url &apos;%1&apos; is not a URL like https://host</source>
        <translation>--endpoint-url „%1“ ist keine URL wie https://host</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>Endpoints: %1</source>
        <translation>Endpunkte: %1</translation>
    </message>
</context>
<context>
    <name>CliMfaPrompter</name>
    <message>
        <source>MFA code for %1 (profile %2): </source>
        <translation>MFA-Code für %1 (Profil %2): </translation>
    </message>
</context>
<context>
    <name>CliPrompt</name>
    <message>
        <source>Type %1 to confirm: </source>
        <translation>Geben Sie %1 zur Bestätigung ein: </translation>
    </message>
</context>
<context>
    <name>CliProxyPrompter</name>
    <message>
        <source>The proxy %1 asks for a user name and password, and standard input is not a terminal to ask on: give them in HTTPS_PROXY (http://user:password@host:port).</source>
        <translation>Der Proxy %1 verlangt einen Benutzernamen und ein Passwort, und die Standardeingabe ist kein Terminal, an dem danach gefragt werden könnte: Geben Sie sie in HTTPS_PROXY an (http://user:password@host:port).</translation>
    </message>
    <message>
        <source>User name for the proxy %1: </source>
        <translation>Benutzername für den Proxy %1: </translation>
    </message>
    <message>
        <source>Password of %1 for the proxy %2: </source>
        <translation>Passwort von %1 für den Proxy %2: </translation>
    </message>
</context>
<context>
    <name>CliRunner</name>
    <message>
        <source>table (default): aligned columns for people; json: one stable JSON document</source>
        <translation>table (Standard): ausgerichtete Spalten für Menschen; json: ein stabiles JSON-Dokument</translation>
    </message>
    <message>
        <source>Give up on a request that has not fully answered after SECONDS, retries included (default: 60)</source>
        <translation>Eine Anfrage aufgeben, die nach SEKUNDEN nicht vollständig beantwortet ist, Wiederholungen eingeschlossen (Standard: 60)</translation>
    </message>
    <message>
        <source>Print every request and the debug log to standard error</source>
        <translation>Jede Anfrage und das Debug-Protokoll auf die Standardfehlerausgabe schreiben</translation>
    </message>
    <message>
        <source>Show help (for a command: hookdesk-cli COMMAND --help)</source>
        <translation>Hilfe anzeigen (für einen Befehl: hookdesk-cli BEFEHL --help)</translation>
    </message>
    <message>
        <source>Show the version</source>
        <translation>Version anzeigen</translation>
    </message>
    <message>
        <source>Usage: hookdesk-cli [GLOBAL OPTIONS] COMMAND [OPTIONS]</source>
        <translation>Aufruf: hookdesk-cli [GLOBALE OPTIONEN] BEFEHL [OPTIONEN]</translation>
    </message>
    <message>
        <source>Shows EC2 Auto Scaling lifecycle hooks and the instances waiting on them, and completes or extends those waits. Every deadline is an estimate: AWS does not publish when a wait started.</source>
        <translation>Zeigt EC2-Auto-Scaling-Lifecycle-Hooks und die Instanzen, die auf sie warten, und schließt dieses Warten ab oder verlängert es. Jede Frist ist eine Schätzung: AWS veröffentlicht nicht, wann ein Warten begann.</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>Global options (before or after the command):</source>
        <translation>Globale Optionen (vor oder nach dem Befehl):</translation>
    </message>
    <message>
        <source>Exit codes: 0 success; 1 AWS error; 2 usage error or confirmation refused; 3 credentials or keychain error; 4 network error; 5 some items of a bulk action failed.</source>
        <translation>Exit-Codes: 0 Erfolg; 1 AWS-Fehler; 2 Aufruffehler oder Bestätigung verweigert; 3 Fehler bei Anmeldedaten oder Schlüsselbund; 4 Netzwerkfehler; 5 einige Einträge einer Sammelaktion sind fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Run &apos;hookdesk-cli COMMAND --help&apos; for a command&apos;s options.</source>
        <translation>„hookdesk-cli BEFEHL --help“ zeigt die Optionen eines Befehls.</translation>
    </message>
    <message>
        <source>Usage: hookdesk-cli [GLOBAL OPTIONS] %1</source>
        <translation>Aufruf: hookdesk-cli [GLOBALE OPTIONEN] %1</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>unbekannter Befehl „%1“</translation>
    </message>
    <message>
        <source>Run &apos;hookdesk-cli --help&apos; for the list of commands.</source>
        <translation>„hookdesk-cli --help“ zeigt die Liste der Befehle.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; needs a subcommand:</source>
        <translation>„%1“ braucht einen Unterbefehl:</translation>
    </message>
    <message>
        <source>--output must be &apos;table&apos; or &apos;json&apos;, not &apos;%1&apos;</source>
        <translation>--output muss „table“ oder „json“ sein, nicht „%1“</translation>
    </message>
    <message>
        <source>--timeout must be a number of seconds from 1 to 3600, not &apos;%1&apos;</source>
        <translation>--timeout muss eine Anzahl Sekunden von 1 bis 3600 sein, nicht „%1“</translation>
    </message>
    <message>
        <source>Run &apos;hookdesk-cli --help&apos; for usage.</source>
        <translation>„hookdesk-cli --help“ zeigt die Verwendung.</translation>
    </message>
    <message>
        <source>Run &apos;hookdesk-cli %1 --help&apos; for usage.</source>
        <translation>„hookdesk-cli %1 --help“ zeigt die Verwendung.</translation>
    </message>
    <message>
        <source>Refuse every command that would change something in AWS</source>
        <translation>Jeden Befehl ablehnen, der etwas in AWS ändern würde</translation>
    </message>
    <message>
        <source>Global options: --profile, --region, --endpoint-url, --output, --timeout, --read-only, --verbose (see hookdesk-cli --help).</source>
        <translation>Globale Optionen: --profile, --region, --endpoint-url, --output, --timeout, --read-only, --verbose (siehe hookdesk-cli --help).</translation>
    </message>
    <message>
        <source>Use the saved profile NAME (default: AWS_PROFILE, else the AWS_* environment keys); repeat it for pending and groups over several profiles</source>
        <translation>Das gespeicherte Profil NAME verwenden (Standard: AWS_PROFILE, sonst die AWS_*-Umgebungsschlüssel); für pending und groups wiederholbar, um mehrere Profile zu lesen</translation>
    </message>
    <message>
        <source>AWS region, e.g. eu-west-1 (default: the profile&apos;s, else AWS_REGION); repeated, every profile is read in every region named</source>
        <translation>AWS-Region, z. B. eu-west-1 (Standard: die des Profils, sonst AWS_REGION); wiederholt wird jedes Profil in jeder genannten Region gelesen</translation>
    </message>
    <message>
        <source>pending and groups: every saved profile, each in its region</source>
        <translation>pending und groups: jedes gespeicherte Profil, jeweils in seiner Region</translation>
    </message>
    <message>
        <source>use --all-profiles or --profile, not both</source>
        <translation>verwenden Sie --all-profiles oder --profile, nicht beide</translation>
    </message>
    <message>
        <source>%1 works on one connection: give --profile and --region once each (several, or --all-profiles, are for pending, groups, complete and heartbeat)</source>
        <translation>%1 arbeitet mit einer Verbindung: Geben Sie --profile und --region je einmal an (mehrere oder --all-profiles sind für pending, groups, complete und heartbeat)</translation>
    </message>
    <message>
        <source>Send requests to URL instead of AWS (hookdesk-sim, moto, a VPC endpoint); default: the profile&apos;s, else AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL, the ~/.aws profile&apos;s services and endpoint_url</source>
        <translation>Anfragen an URL statt an AWS senden (hookdesk-sim, moto, ein VPC-Endpunkt); Standard: der des Profils, sonst AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL, services und endpoint_url des ~/.aws-Profils</translation>
    </message>
</context>
<context>
    <name>ConfirmActionDialog</name>
    <message>
        <source>Confirm lifecycle action</source>
        <translation>Lifecycle-Aktion bestätigen</translation>
    </message>
    <message>
        <source>Action summary</source>
        <translation>Zusammenfassung der Aktion</translation>
    </message>
    <message>
        <source>What this action does</source>
        <translation>Was diese Aktion bewirkt</translation>
    </message>
    <message>
        <source>Instances this action applies to</source>
        <translation>Instanzen, für die diese Aktion gilt</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Hook</source>
        <translation>Hook</translation>
    </message>
    <message>
        <source>Transition</source>
        <translation>Übergang</translation>
    </message>
    <message>
        <source>Confirmation: type the number of instances</source>
        <translation>Bestätigung: Anzahl der Instanzen eingeben</translation>
    </message>
    <message>
        <source>Continue lifecycle action</source>
        <translation>CONTINUE für Lifecycle-Aktion</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Send CONTINUE for %n instance(s)?&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;CONTINUE für %n Instanz senden?&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;CONTINUE für %n Instanzen senden?&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Abandon lifecycle action</source>
        <translation>ABANDON für Lifecycle-Aktion</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Send ABANDON for %n instance(s)?&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;ABANDON für %n Instanz senden?&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;ABANDON für %n Instanzen senden?&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Record heartbeat</source>
        <translation>Heartbeat erfassen</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Record a heartbeat for %n instance(s)?&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;Einen Heartbeat für %n Instanz erfassen?&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;Einen Heartbeat für %n Instanzen erfassen?&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;On launch&lt;/b&gt;, %1: %2</source>
        <translation>&lt;b&gt;Beim Start&lt;/b&gt;, %1: %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;On termination&lt;/b&gt;, %1: %2</source>
        <translation>&lt;b&gt;Bei Beendigung&lt;/b&gt;, %1: %2</translation>
    </message>
    <message>
        <source>launching</source>
        <translation>startend</translation>
    </message>
    <message>
        <source>terminating</source>
        <translation>beendend</translation>
    </message>
    <message numerus="yes">
        <source>Continue %n instance(s)</source>
        <translation>
            <numerusform>CONTINUE für %n Instanz</numerusform>
            <numerusform>CONTINUE für %n Instanzen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Abandon %n instance(s)</source>
        <translation>
            <numerusform>ABANDON für %n Instanz</numerusform>
            <numerusform>ABANDON für %n Instanzen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send %n heartbeat(s)</source>
        <translation>
            <numerusform>%n Heartbeat senden</numerusform>
            <numerusform>%n Heartbeats senden</numerusform>
        </translation>
    </message>
    <message>
        <source>Type &lt;b&gt;%1&lt;/b&gt; (the number of instances) to confirm:</source>
        <translation>Geben Sie &lt;b&gt;%1&lt;/b&gt; (die Anzahl der Instanzen) zur Bestätigung ein:</translation>
    </message>
    <message>
        <source>Account, region and time left</source>
        <translation>Account, Region und Restzeit</translation>
    </message>
    <message>
        <source>Account not known yet</source>
        <translation>Account noch unbekannt</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Account %1</translation>
    </message>
    <message>
        <source>%1 left for the first to time out (%2)</source>
        <translation>noch %1 bis zum ersten Timeout (%2)</translation>
    </message>
    <message>
        <source>at most %1 left</source>
        <translation>höchstens noch %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>time left unknown</source>
        <translation>Restzeit unbekannt</translation>
    </message>
    <message>
        <source>&lt;b&gt;On termination in a group that retains instances&lt;/b&gt;, %1: %2</source>
        <translation>&lt;b&gt;Bei Beendigung in einer Gruppe, die Instanzen zurückbehält&lt;/b&gt;, %1: %2</translation>
    </message>
    <message>
        <source>terminating (group retains on ABANDON)</source>
        <translation>beendend (Gruppe behält bei ABANDON zurück)</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>(environment)</source>
        <translation>(Umgebung)</translation>
    </message>
</context>
<context>
    <name>CredentialChain</name>
    <message>
        <source>environment variables (AWS_ACCESS_KEY_ID)</source>
        <translation>Umgebungsvariablen (AWS_ACCESS_KEY_ID)</translation>
    </message>
    <message>
        <source>profile %1 (from AWS_PROFILE)</source>
        <translation>Profil %1 (aus AWS_PROFILE)</translation>
    </message>
    <message>
        <source>profile %1 of %2 (from AWS_PROFILE)</source>
        <translation>Profil %1 von %2 (aus AWS_PROFILE)</translation>
    </message>
    <message>
        <source>profile %1</source>
        <translation>Profil %1</translation>
    </message>
    <message>
        <source>profile %1 of %2</source>
        <translation>Profil %1 von %2</translation>
    </message>
    <message>
        <source>AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together; only one of them is.</source>
        <translation>AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY müssen zusammen gesetzt sein; nur eine davon ist es.</translation>
    </message>
    <message>
        <source>The access keys come from the environment; set AWS_REGION (or AWS_DEFAULT_REGION) too.</source>
        <translation>Die Zugriffsschlüssel kommen aus der Umgebung; setzen Sie auch AWS_REGION (oder AWS_DEFAULT_REGION).</translation>
    </message>
    <message>
        <source>No credentials: add a profile, import ~/.aws, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.</source>
        <translation>Keine Anmeldedaten: Fügen Sie ein Profil hinzu, importieren Sie ~/.aws oder setzen Sie AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY.</translation>
    </message>
    <message>
        <source>Several profiles and none named default: choose one (%1).</source>
        <translation>Mehrere Profile und keines namens default: Wählen Sie eines (%1).</translation>
    </message>
    <message>
        <source>The source profiles go round in a circle: %1.</source>
        <translation>Die Quellprofile verweisen im Kreis aufeinander: %1.</translation>
    </message>
    <message>
        <source>There is no profile named %1.</source>
        <translation>Es gibt kein Profil namens %1.</translation>
    </message>
    <message>
        <source>Profile %1 uses source profile %2, which does not exist.</source>
        <translation>Profil %1 verwendet das Quellprofil %2, das nicht existiert.</translation>
    </message>
    <message>
        <source>Profile %1 of %2 cannot be used: %3.</source>
        <translation>Profil %1 von %2 kann nicht verwendet werden: %3.</translation>
    </message>
    <message>
        <source>web identity (AWS_WEB_IDENTITY_TOKEN_FILE)</source>
        <translation>Web-Identität (AWS_WEB_IDENTITY_TOKEN_FILE)</translation>
    </message>
    <message>
        <source>Profile %1 signs in through IAM Identity Center session %2, which is not defined. Define it with &apos;hookdesk-cli sso login --session %2 --start-url URL --sso-region REGION&apos;.</source>
        <translation>Profil %1 meldet sich über die Sitzung %2 von IAM Identity Center an, die nicht definiert ist. Definieren Sie sie mit „hookdesk-cli sso login --session %2 --start-url URL --sso-region REGION“.</translation>
    </message>
    <message>
        <source>Profile %1 signs in through IAM Identity Center, whose sign-in is kept in the keychain, which this session cannot use.</source>
        <translation>Profil %1 meldet sich über IAM Identity Center an, dessen Anmeldung im Schlüsselbund aufbewahrt wird, den diese Sitzung nicht verwenden kann.</translation>
    </message>
    <message>
        <source>The web identity comes from the environment; set AWS_REGION (or AWS_DEFAULT_REGION) too.</source>
        <translation>Die Web-Identität kommt aus der Umgebung; setzen Sie auch AWS_REGION (oder AWS_DEFAULT_REGION).</translation>
    </message>
    <message>
        <source>A web identity token file needs the role to assume: set role_arn (or AWS_ROLE_ARN) too.</source>
        <translation>Eine Web-Identitäts-Tokendatei braucht die zu übernehmende Rolle: Setzen Sie auch role_arn (oder AWS_ROLE_ARN).</translation>
    </message>
    <message>
        <source>Profile %1 of %2 assumes its role with the keys of the environment (credential_source = Environment), but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set.</source>
        <translation>Profil %1 aus %2 übernimmt seine Rolle mit den Schlüsseln der Umgebung (credential_source = Environment), aber AWS_ACCESS_KEY_ID und AWS_SECRET_ACCESS_KEY sind nicht beide gesetzt.</translation>
    </message>
</context>
<context>
    <name>Credentials</name>
    <message>
        <source>No access key is configured.</source>
        <translation>Kein Zugriffsschlüssel konfiguriert.</translation>
    </message>
</context>
<context>
    <name>DeleteHookDialog</name>
    <message>
        <source>Delete lifecycle hook</source>
        <translation>Lifecycle-Hook löschen</translation>
    </message>
    <message>
        <source>What deleting the hook does</source>
        <translation>Was das Löschen des Hooks bewirkt</translation>
    </message>
    <message>
        <source>Confirmation: type the hook name</source>
        <translation>Bestätigung: Hook-Namen eingeben</translation>
    </message>
    <message>
        <source>&lt;b&gt;Delete the lifecycle hook %1 of group %2?&lt;/b&gt;</source>
        <translation>&lt;b&gt;Den Lifecycle-Hook %1 der Gruppe %2 löschen?&lt;/b&gt;</translation>
    </message>
    <message>
        <source>New instances will no longer wait for this hook when they launch. Instances waiting on it now are released with ABANDON: they are terminated and replaced.</source>
        <translation>Neue Instanzen warten beim Start nicht mehr auf diesen Hook. Instanzen, die jetzt auf ihn warten, werden mit ABANDON freigegeben: Sie werden beendet und ersetzt.</translation>
    </message>
    <message>
        <source>Instances will no longer wait for this hook when they terminate. Instances waiting on it now are released with CONTINUE: their termination goes on.</source>
        <translation>Instanzen warten bei der Beendigung nicht mehr auf diesen Hook. Instanzen, die jetzt auf ihn warten, werden mit CONTINUE freigegeben: Ihre Beendigung läuft weiter.</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) waiting on this hook right now.</source>
        <translation>
            <numerusform>%n Instanz wartet gerade auf diesen Hook.</numerusform>
            <numerusform>%n Instanzen warten gerade auf diesen Hook.</numerusform>
        </translation>
    </message>
    <message>
        <source>Type the hook name &lt;b&gt;%1&lt;/b&gt; to confirm:</source>
        <translation>Geben Sie den Hook-Namen &lt;b&gt;%1&lt;/b&gt; zur Bestätigung ein:</translation>
    </message>
    <message>
        <source>Delete hook</source>
        <translation>Hook löschen</translation>
    </message>
    <message>
        <source>Account and region</source>
        <translation>Account und Region</translation>
    </message>
    <message>
        <source>Account not known yet</source>
        <translation>Account noch unbekannt</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Account %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <source>Details of the selection</source>
        <translation>Details der Auswahl</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 von %2 angezeigt</translation>
    </message>
    <message>
        <source>clear filter</source>
        <translation>Filter löschen</translation>
    </message>
    <message>
        <source>The filter hides the other waiting instances; Esc in the filter box clears it.</source>
        <translation>Der Filter blendet die anderen wartenden Instanzen aus; Esc im Filterfeld löscht ihn.</translation>
    </message>
    <message>
        <source>Loading the group&apos;s hooks…</source>
        <translation>Hooks der Gruppe werden geladen…</translation>
    </message>
    <message>
        <source>Waiting on &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Wartet auf &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>start unknown: first seen waiting %1 ago, so at most %2 left (heartbeat timeout %3); default %4.</source>
        <translation>Beginn unbekannt: vor %1 erstmals wartend gesehen, also höchstens noch %2 (Heartbeat-Timeout %3); Standard %4.</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>from the scaling activity</source>
        <translation>laut Skalierungsaktivität</translation>
    </message>
    <message>
        <source>first seen by Hookdesk</source>
        <translation>erstmals von Hookdesk gesehen</translation>
    </message>
    <message>
        <source>started ≈ %1 ago (%2); heartbeat timeout %3, global timeout %4; default %5: %6.</source>
        <translation>begann vor ≈ %1 (%2); Heartbeat-Timeout %3, globales Timeout %4; Standard %5: %6.</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>jetzt fällig</translation>
    </message>
    <message>
        <source>Capped by the global timeout: a heartbeat will not add time.</source>
        <translation>Durch das globale Timeout begrenzt: Ein Heartbeat bringt keine zusätzliche Zeit.</translation>
    </message>
    <message>
        <source>Every hook of this transition is complete; the instance moves on shortly.</source>
        <translation>Jeder Hook dieses Übergangs ist abgeschlossen; die Instanz geht in Kürze weiter.</translation>
    </message>
    <message>
        <source>CONTINUE: %1</source>
        <translation>CONTINUE: %1</translation>
    </message>
    <message>
        <source>ABANDON: %1</source>
        <translation>ABANDON: %1</translation>
    </message>
    <message>
        <source>Times are estimates: AWS does not publish when a wait started.</source>
        <translation>Zeiten sind Schätzungen: AWS veröffentlicht nicht, wann ein Warten begann.</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) selected, %1 waiting. CONTINUE, ABANDON and heartbeat apply to all waiting ones; you will be asked to confirm with the count.</source>
        <translation>
            <numerusform>%n Instanz ausgewählt, %1 wartend. CONTINUE, ABANDON und Heartbeat gelten für alle wartenden; Sie bestätigen mit der Anzahl.</numerusform>
            <numerusform>%n Instanzen ausgewählt, %1 wartend. CONTINUE, ABANDON und Heartbeat gelten für alle wartenden; Sie bestätigen mit der Anzahl.</numerusform>
        </translation>
    </message>
    <message>
        <source>runs when instances launch</source>
        <translation>läuft beim Start von Instanzen</translation>
    </message>
    <message>
        <source>runs when instances terminate</source>
        <translation>läuft bei der Beendigung von Instanzen</translation>
    </message>
    <message>
        <source>Heartbeat timeout %1, global timeout %2 (the most a wait can last, heartbeats included).</source>
        <translation>Heartbeat-Timeout %1, globales Timeout %2 (die längste mögliche Wartezeit, Heartbeats eingeschlossen).</translation>
    </message>
    <message>
        <source>Notifies %1 (as %2).</source>
        <translation>Benachrichtigt %1 (als %2).</translation>
    </message>
    <message>
        <source>Metadata: %1</source>
        <translation>Metadaten: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) waiting on it now.</source>
        <translation>
            <numerusform>%n Instanz wartet gerade darauf.</numerusform>
            <numerusform>%n Instanzen warten gerade darauf.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a waiting instance to see what will happen to it.</source>
        <translation>Wählen Sie eine wartende Instanz, um zu sehen, was mit ihr geschehen wird.</translation>
    </message>
    <message numerus="yes">
        <source>Capacity: min %1, desired %2, max %3 · %n instance(s)</source>
        <translation>
            <numerusform>Kapazität: Min. %1, Soll %2, Max. %3 · %n Instanz</numerusform>
            <numerusform>Kapazität: Min. %1, Soll %2, Max. %3 · %n Instanzen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting on a lifecycle hook.</source>
        <translation>
            <numerusform>%n wartet auf einen Lifecycle-Hook.</numerusform>
            <numerusform>%n warten auf einen Lifecycle-Hook.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lifecycle hook(s).</source>
        <translation>
            <numerusform>%n Lifecycle-Hook.</numerusform>
            <numerusform>%n Lifecycle-Hooks.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 in %2 · health %3%4</source>
        <translation>%1 in %2 · Integrität %3%4</translation>
    </message>
    <message>
        <source> · protected from scale-in</source>
        <translation> · vor Scale-in geschützt</translation>
    </message>
    <message>
        <source>Waiting on a lifecycle hook: act on it in the Pending actions tab.</source>
        <translation>Wartet auf einen Lifecycle-Hook: Handeln Sie im Reiter „Ausstehende Aktionen“.</translation>
    </message>
    <message>
        <source>Warm pool: %1.</source>
        <translation>Warm-Pool: %1.</translation>
    </message>
    <message>
        <source>In the group&apos;s warm pool (listed by DescribeWarmPool, not among its instances).</source>
        <translation>Im Warm-Pool der Gruppe (von DescribeWarmPool aufgeführt, nicht unter ihren Instanzen).</translation>
    </message>
    <message>
        <source>A terminating hook was abandoned and the group&apos;s instance lifecycle policy retains such instances: it keeps running, and is billed, but no longer counts towards the desired capacity. No hook runs again; terminating it (TerminateInstanceInAutoScalingGroup) ends it.</source>
        <translation>Ein Beendigungs-Hook wurde mit ABANDON abgebrochen, und die Instanz-Lifecycle-Richtlinie der Gruppe behält solche Instanzen zurück: Sie läuft weiter und verursacht Kosten, zählt aber nicht mehr zur gewünschten Kapazität. Kein Hook läuft erneut; erst das Beenden (TerminateInstanceInAutoScalingGroup) beendet sie.</translation>
    </message>
    <message>
        <source>Instance lifecycle policy: %1.</source>
        <translation>Instanz-Lifecycle-Richtlinie: %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) retained, waiting for someone to terminate them.</source>
        <translation>
            <numerusform>%n Instanz zurückbehalten, wartet darauf, dass jemand sie beendet.</numerusform>
            <numerusform>%n Instanzen zurückbehalten, warten darauf, dass jemand sie beendet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndpointOverrides</name>
    <message>
        <source>The %1 endpoint from %2 cannot be used: %3</source>
        <translation>Der Endpunkt für %1 (%2) kann nicht verwendet werden: %3</translation>
    </message>
</context>
<context>
    <name>EndpointResolver</name>
    <message>
        <source>The endpoint URL is not a valid URL with a host name.</source>
        <translation>Die Endpunkt-URL ist keine gültige URL mit Hostnamen.</translation>
    </message>
    <message>
        <source>Plain http is only allowed to this computer (127.0.0.1, ::1, or localhost when it resolves only to those): requests would cross the network unencrypted. Use an https:// endpoint URL for %1.</source>
        <translation>Einfaches http ist nur zu diesem Computer erlaubt (127.0.0.1, ::1 oder localhost, wenn es nur dorthin auflöst): Anfragen würden unverschlüsselt durchs Netz gehen. Verwenden Sie für %1 eine https://-Endpunkt-URL.</translation>
    </message>
    <message>
        <source>The endpoint URL must start with https:// (or http:// for a server on this computer).</source>
        <translation>Die Endpunkt-URL muss mit https:// beginnen (oder http:// für einen Server auf diesem Computer).</translation>
    </message>
    <message>
        <source>Choose a region.</source>
        <translation>Wählen Sie eine Region.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a region name Hookdesk knows (for example eu-west-1, cn-north-1, us-gov-west-1). For another partition, give an endpoint URL.</source>
        <translation>„%1“ ist kein Regionsname, den Hookdesk kennt (zum Beispiel eu-west-1, cn-north-1, us-gov-west-1). Für eine andere Partition geben Sie eine Endpunkt-URL an.</translation>
    </message>
    <message>
        <source>AWS offers no FIPS endpoint for %1 in %2. Turn FIPS off or choose a US or Canadian region.</source>
        <translation>AWS bietet keinen FIPS-Endpunkt für %1 in %2. Schalten Sie FIPS aus oder wählen Sie eine Region in den USA oder Kanada.</translation>
    </message>
</context>
<context>
    <name>FleetBoard</name>
    <message>
        <source>no credentials for this profile</source>
        <translation>keine Zugangsdaten für dieses Profil</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <source>not open</source>
        <translation>nicht geöffnet</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>wird geladen…</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n wartend</numerusform>
            <numerusform>%n wartend</numerusform>
        </translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>(environment)</source>
        <translation>(Umgebung)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>FleetBoardWindow</name>
    <message>
        <source>Read-only mode is on: turn it off to act.</source>
        <translation>Der Nur-Lesen-Modus ist an: Schalten Sie ihn aus, um zu handeln.</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 von %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Hookdesk — Fleet board</source>
        <translation>Hookdesk — Flotten-Board</translation>
    </message>
    <message>
        <source>&amp;Refresh all</source>
        <translation>Alle &amp;aktualisieren</translation>
    </message>
    <message>
        <source>Refresh every open connection now</source>
        <translation>Jede offene Verbindung jetzt aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Continue…</source>
        <translation>&amp;CONTINUE…</translation>
    </message>
    <message>
        <source>Send CONTINUE for the selected waiting instances, each through its account</source>
        <translation>CONTINUE für die ausgewählten wartenden Instanzen senden, jede über ihren Account</translation>
    </message>
    <message>
        <source>&amp;Abandon…</source>
        <translation>ABAN&amp;DON…</translation>
    </message>
    <message>
        <source>Send ABANDON for the selected waiting instances, each through its account</source>
        <translation>ABANDON für die ausgewählten wartenden Instanzen senden, jede über ihren Account</translation>
    </message>
    <message>
        <source>&amp;Heartbeat…</source>
        <translation>&amp;Heartbeat…</translation>
    </message>
    <message>
        <source>Restart the hook timeout of the selected instances</source>
        <translation>Das Hook-Timeout der ausgewählten Instanzen neu starten</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>Flotte</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Show the rows of</source>
        <translation>Die Zeilen zeigen von</translation>
    </message>
    <message>
        <source>Filter instances, groups, hooks…</source>
        <translation>Instanzen, Gruppen, Hooks filtern…</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Nur lesen</translation>
    </message>
    <message>
        <source>Look without touching: CONTINUE, ABANDON and heartbeat are refused</source>
        <translation>Nur ansehen: CONTINUE, ABANDON und Heartbeat werden abgelehnt</translation>
    </message>
    <message>
        <source>Accounts, regions and groups</source>
        <translation>Accounts, Regionen und Gruppen</translation>
    </message>
    <message>
        <source>Pending lifecycle actions of every open connection</source>
        <translation>Ausstehende Lifecycle-Aktionen jeder offenen Verbindung</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n wartend</numerusform>
            <numerusform>%n wartend</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation>
            <numerusform>%n Verbindung</numerusform>
            <numerusform>%n Verbindungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with errors</source>
        <translation>
            <numerusform>%n mit Fehler</numerusform>
            <numerusform>%n mit Fehlern</numerusform>
        </translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>nur lesen</translation>
    </message>
    <message>
        <source>All accounts and regions</source>
        <translation>Alle Accounts und Regionen</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Account %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1: actions are still running; the connection stays open until each has its outcome.</source>
        <translation>%1: Es laufen noch Aktionen; die Verbindung bleibt offen, bis jede ihr Ergebnis hat.</translation>
    </message>
    <message>
        <source>%1: actions are still running; close the board once each has its outcome.</source>
        <translation>%1: Es laufen noch Aktionen; schließen Sie das Board, sobald jede ihr Ergebnis hat.</translation>
    </message>
</context>
<context>
    <name>FleetConnectionsPanel</name>
    <message>
        <source>&lt;b&gt;Connections&lt;/b&gt;</source>
        <translation>&lt;b&gt;Verbindungen&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Connections: profiles and regions</source>
        <translation>Verbindungen: Profile und Regionen</translation>
    </message>
    <message>
        <source>Profile · region</source>
        <translation>Profil · Region</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>FleetGroupTreeModel</name>
    <message>
        <source>Account · region · group</source>
        <translation>Account · Region · Gruppe</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
</context>
<context>
    <name>FleetPendingModel</name>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Hooks</source>
        <translation>Hooks</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Rest</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>(loading…)</source>
        <translation>(wird geladen…)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Profile %1 · account %2</source>
        <translation>Profil %1 · Account %2</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>noch nicht bekannt</translation>
    </message>
    <message>
        <source>Estimated time until the hook&apos;s timeout applies its default result</source>
        <translation>Geschätzte Zeit, bis das Timeout des Hooks sein Standardergebnis anwendet</translation>
    </message>
    <message>
        <source>The profile, and the account STS named for it</source>
        <translation>Das Profil und der Account, den STS dafür genannt hat</translation>
    </message>
</context>
<context>
    <name>GroupListModel</name>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Instanzen</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>Alle</translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) waiting across all groups</source>
        <translation>
            <numerusform>%n Instanz wartet über alle Gruppen</numerusform>
            <numerusform>%n Instanzen warten über alle Gruppen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: min %2, desired %3, max %4; %n instance(s) waiting</source>
        <translation>
            <numerusform>%1: Min. %2, Soll %3, Max. %4; %n Instanz wartet</numerusform>
            <numerusform>%1: Min. %2, Soll %3, Max. %4; %n Instanzen warten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n instance(s) retained, waiting for someone to terminate them</source>
        <translation>
            <numerusform>%n Instanz zurückbehalten, wartet darauf, dass jemand sie beendet</numerusform>
            <numerusform>%n Instanzen zurückbehalten, warten darauf, dass jemand sie beendet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HookEditorDialog</name>
    <message>
        <source>Lifecycle hook</source>
        <translation>Lifecycle-Hook</translation>
    </message>
    <message>
        <source>Auto Scaling &amp;group:</source>
        <translation>Auto-Scaling-&amp;Gruppe:</translation>
    </message>
    <message>
        <source>Auto Scaling group</source>
        <translation>Auto-Scaling-Gruppe</translation>
    </message>
    <message>
        <source>Hook &amp;name:</source>
        <translation>Hook-&amp;Name:</translation>
    </message>
    <message>
        <source>Hook name</source>
        <translation>Hook-Name</translation>
    </message>
    <message>
        <source>e.g. warm-up</source>
        <translation>z. B. warm-up</translation>
    </message>
    <message>
        <source>&amp;Transition:</source>
        <translation>Ü&amp;bergang:</translation>
    </message>
    <message>
        <source>Transition</source>
        <translation>Übergang</translation>
    </message>
    <message>
        <source>&amp;Heartbeat timeout:</source>
        <translation>&amp;Heartbeat-Timeout:</translation>
    </message>
    <message>
        <source>Heartbeat timeout in seconds</source>
        <translation>Heartbeat-Timeout in Sekunden</translation>
    </message>
    <message>
        <source>Global timeout:</source>
        <translation>Globales Timeout:</translation>
    </message>
    <message>
        <source>Global timeout (read-only)</source>
        <translation>Globales Timeout (schreibgeschützt)</translation>
    </message>
    <message>
        <source>&amp;Default result:</source>
        <translation>&amp;Standardergebnis:</translation>
    </message>
    <message>
        <source>Default result</source>
        <translation>Standardergebnis</translation>
    </message>
    <message>
        <source>Notification &amp;target ARN:</source>
        <translation>Benachrichtigungs&amp;ziel-ARN:</translation>
    </message>
    <message>
        <source>Notification target ARN</source>
        <translation>ARN des Benachrichtigungsziels</translation>
    </message>
    <message>
        <source>optional: SQS queue or SNS topic ARN</source>
        <translation>optional: ARN (SQS-Queue oder SNS-Topic)</translation>
    </message>
    <message>
        <source>&amp;Role ARN:</source>
        <translation>&amp;Rollen-ARN:</translation>
    </message>
    <message>
        <source>Role ARN</source>
        <translation>Rollen-ARN</translation>
    </message>
    <message>
        <source>optional: role that may publish to the target</source>
        <translation>optional: Rolle, die an das Ziel veröffentlichen darf</translation>
    </message>
    <message>
        <source>Notification &amp;metadata:</source>
        <translation>Benachrichtigungs-&amp;Metadaten:</translation>
    </message>
    <message>
        <source>Notification metadata</source>
        <translation>Benachrichtigungs-Metadaten</translation>
    </message>
    <message>
        <source>New lifecycle hook</source>
        <translation>Neuer Lifecycle-Hook</translation>
    </message>
    <message>
        <source>Edit lifecycle hook %1</source>
        <translation>Lifecycle-Hook %1 bearbeiten</translation>
    </message>
    <message>
        <source>A hook is identified by its group and name; to rename, create a new hook.</source>
        <translation>Ein Hook wird durch Gruppe und Namen bestimmt; zum Umbenennen legen Sie einen neuen Hook an.</translation>
    </message>
    <message>
        <source>Instance launching</source>
        <translation>Instanz startet</translation>
    </message>
    <message>
        <source>Instance terminating</source>
        <translation>Instanz wird beendet</translation>
    </message>
    <message>
        <source>ABANDON</source>
        <translation>ABANDON</translation>
    </message>
    <message>
        <source>CONTINUE</source>
        <translation>CONTINUE</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>%1 (100 × heartbeat = %2, capped at 48 h). Set by AWS; heartbeats cannot extend a wait beyond it.</source>
        <translation>%1 (100 × Heartbeat = %2, höchstens 48 h). Von AWS festgelegt; Heartbeats können ein Warten nicht darüber hinaus verlängern.</translation>
    </message>
    <message>
        <source>%1 (100 × heartbeat). Set by AWS; heartbeats cannot extend a wait beyond it.</source>
        <translation>%1 (100 × Heartbeat). Von AWS festgelegt; Heartbeats können ein Warten nicht darüber hinaus verlängern.</translation>
    </message>
    <message>
        <source>A notification target and a role ARN go together: fill in both or neither.</source>
        <translation>Benachrichtigungsziel und Rollen-ARN gehören zusammen: Füllen Sie beide aus oder keines.</translation>
    </message>
    <message>
        <source>= %1</source>
        <translation>= %1</translation>
    </message>
    <message>
        <source>= %1, allowed 30 s–2 h</source>
        <translation>= %1, erlaubt 30 s–2 h</translation>
    </message>
    <message>
        <source>— (set a valid heartbeat timeout first)</source>
        <translation>– (zuerst ein gültiges Heartbeat-Timeout setzen)</translation>
    </message>
</context>
<context>
    <name>HookListModel</name>
    <message>
        <source>Hook</source>
        <translation>Hook</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Transition</source>
        <translation>Übergang</translation>
    </message>
    <message>
        <source>Heartbeat timeout</source>
        <translation>Heartbeat-Timeout</translation>
    </message>
    <message>
        <source>Global timeout</source>
        <translation>Globales Timeout</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Notification target</source>
        <translation>Benachrichtigungsziel</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>launch</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>terminate</source>
        <translation>Beendigung</translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation>Rolle: %1</translation>
    </message>
</context>
<context>
    <name>IniFile</name>
    <message>
        <source>A section header must end with &apos;]&apos;.</source>
        <translation>Ein Abschnittskopf muss mit „]“ enden.</translation>
    </message>
    <message>
        <source>A section header needs a name.</source>
        <translation>Ein Abschnittskopf braucht einen Namen.</translation>
    </message>
    <message>
        <source>Section [%1] appears again (first on line %2); its settings are merged, later ones win.</source>
        <translation>Abschnitt [%1] kommt erneut vor (zuerst in Zeile %2); seine Einstellungen werden zusammengeführt, spätere gewinnen.</translation>
    </message>
    <message>
        <source>This line is neither a [section], a key = value setting nor a comment.</source>
        <translation>Diese Zeile ist weder ein [Abschnitt] noch eine Einstellung Schlüssel = Wert noch ein Kommentar.</translation>
    </message>
    <message>
        <source>A setting needs a name before &apos;=&apos;.</source>
        <translation>Eine Einstellung braucht einen Namen vor „=“.</translation>
    </message>
    <message>
        <source>The setting %1 comes before any [section].</source>
        <translation>Die Einstellung %1 steht vor jedem [Abschnitt].</translation>
    </message>
    <message>
        <source>%1 is set again in [%2] (first on line %3); the last value is used.</source>
        <translation>%1 ist in [%2] erneut gesetzt (zuerst in Zeile %3); der letzte Wert gilt.</translation>
    </message>
</context>
<context>
    <name>InstanceGroupLocator</name>
    <message>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
</context>
<context>
    <name>InstanceListModel</name>
    <message>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Integrität</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Scale-in</source>
        <translation>Scale-in</translation>
    </message>
    <message>
        <source>protected</source>
        <translation>geschützt</translation>
    </message>
    <message>
        <source>Protected from scale in</source>
        <translation>Vor Scale-in geschützt</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>A terminating hook of %1 was abandoned and the group&apos;s instance lifecycle policy retains such instances: %2 keeps running until someone terminates it.</source>
        <translation>Ein Beendigungs-Hook von %1 wurde mit ABANDON abgebrochen, und die Instanz-Lifecycle-Richtlinie der Gruppe behält solche Instanzen zurück: %2 läuft weiter, bis jemand sie beendet.</translation>
    </message>
</context>
<context>
    <name>InstanceRefreshAction</name>
    <message>
        <source>group %1 has no active instance refresh (none pending, in progress or rolling back); nothing was sent</source>
        <translation>Gruppe %1 hat keinen aktiven Instance-Refresh (keiner ausstehend, laufend oder im Rollback); nichts wurde gesendet</translation>
    </message>
    <message>
        <source>instance refresh %1 of group %2 is rolling back, which cannot be cancelled; nothing was sent</source>
        <translation>Instance-Refresh %1 von Gruppe %2 wird zurückgerollt, was nicht abgebrochen werden kann; nichts wurde gesendet</translation>
    </message>
    <message>
        <source>instance refresh %1 of group %2 is %3 and cannot be rolled back; nothing was sent</source>
        <translation>Instance-Refresh %1 von Gruppe %2 ist %3 und kann nicht zurückgerollt werden; nichts wurde gesendet</translation>
    </message>
    <message>
        <source>%1, %2% done, %3 instance(s) to update</source>
        <translation>%1, %2 % erledigt, noch %3 Instanz(en) zu aktualisieren</translation>
    </message>
    <message>
        <source>This cancels instance refresh %1 of %2 (%3): AWS lets the replacements in flight finish and starts no new ones; instances already replaced stay replaced.</source>
        <translation>Dies bricht Instance-Refresh %1 von %2 ab (%3): AWS lässt die laufenden Ersetzungen zu Ende laufen und startet keine neuen; bereits ersetzte Instanzen bleiben ersetzt.</translation>
    </message>
    <message>
        <source>This rolls back instance refresh %1 of %2 (%3): AWS stops it and replaces the instances it already replaced with the group&apos;s previous configuration; their lifecycle hooks run again.</source>
        <translation>Dies rollt Instance-Refresh %1 von %2 zurück (%3): AWS stoppt ihn und ersetzt die bereits ersetzten Instanzen durch die vorherige Konfiguration der Gruppe; ihre Lifecycle-Hooks laufen erneut.</translation>
    </message>
    <message>
        <source>The refresh is waiting on lifecycle actions of %1; this does not complete them.</source>
        <translation>Der Refresh wartet auf Lifecycle-Aktionen von %1; dies schließt sie nicht ab.</translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation>die Verbindung wurde geschlossen</translation>
    </message>
    <message>
        <source>could not read the refresh back: %1</source>
        <translation>der Refresh konnte nicht zurückgelesen werden: %1</translation>
    </message>
    <message>
        <source>AWS answered with an error, but the refresh shows the change</source>
        <translation>AWS hat mit einem Fehler geantwortet, aber der Refresh zeigt die Änderung</translation>
    </message>
    <message>
        <source>AWS accepted the request, but the refresh does not show the change yet</source>
        <translation>AWS hat die Anfrage angenommen, aber der Refresh zeigt die Änderung noch nicht</translation>
    </message>
</context>
<context>
    <name>InstanceRefreshPanel</name>
    <message>
        <source>Cancel instance re&amp;fresh…</source>
        <translation>Instance-Re&amp;fresh abbrechen…</translation>
    </message>
    <message>
        <source>Cancel the selected group&apos;s active instance refresh (%1)</source>
        <translation>Den aktiven Instance-Refresh der ausgewählten Gruppe abbrechen (%1)</translation>
    </message>
    <message>
        <source>Roll back the selected group&apos;s active instance refresh (%1)</source>
        <translation>Den aktiven Instance-Refresh der ausgewählten Gruppe zurückrollen (%1)</translation>
    </message>
    <message>
        <source>Instance refreshes</source>
        <translation>Instance-Refreshes</translation>
    </message>
    <message>
        <source>Reading the group&apos;s instance refreshes…</source>
        <translation>Instance-Refreshes der Gruppe werden gelesen…</translation>
    </message>
    <message>
        <source>Could not read the instance refreshes: %1</source>
        <translation>Die Instance-Refreshes konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>None in the last six weeks.</source>
        <translation>Keine in den letzten sechs Wochen.</translation>
    </message>
    <message>
        <source>%1 · &lt;b&gt;%2&lt;/b&gt; · %3% done · %4 to update</source>
        <translation>%1 · &lt;b&gt;%2&lt;/b&gt; · %3 % erledigt · %4 zu aktualisieren</translation>
    </message>
    <message>
        <source>Waiting on lifecycle actions.</source>
        <translation>Wartet auf Lifecycle-Aktionen.</translation>
    </message>
    <message>
        <source>Waiting on lifecycle actions of %1.</source>
        <translation>Wartet auf Lifecycle-Aktionen von %1.</translation>
    </message>
    <message>
        <source>Rolled back: %1</source>
        <translation>Zurückgerollt: %1</translation>
    </message>
    <message>
        <source>Cancel refresh</source>
        <translation>Refresh abbrechen</translation>
    </message>
    <message>
        <source>Roll back refresh</source>
        <translation>Refresh zurückrollen</translation>
    </message>
    <message>
        <source>Read-only mode is on: nothing was sent.</source>
        <translation>Der Nur-Lesen-Modus ist an: Nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Audit log: %1; nothing was sent.</source>
        <translation>Audit-Protokoll: %1; nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <source>Ro&amp;ll back instance refresh…</source>
        <translation>Instance-Refresh zu&amp;rückrollen…</translation>
    </message>
</context>
<context>
    <name>InventoryStore</name>
    <message>
        <source>DescribeAutoScalingGroups: the quick look at a page and the whole page gave different NextTokens; the listing was stopped.</source>
        <translation>DescribeAutoScalingGroups: Der schnelle Blick auf eine Seite und die ganze Seite lieferten unterschiedliche NextTokens; die Auflistung wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>KeepAlive</name>
    <message>
        <source>Stopped; no further heartbeat is sent.</source>
        <translation>Gestoppt; es wird kein weiterer Heartbeat gesendet.</translation>
    </message>
    <message>
        <source>Kept alive until %1 as asked.</source>
        <translation>Wie gewünscht bis %1 am Leben gehalten.</translation>
    </message>
    <message>
        <source>The connection was closed.</source>
        <translation>Die Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>%1 left the wait (now %2).</source>
        <translation>%1 hat das Warten verlassen (jetzt %2).</translation>
    </message>
    <message>
        <source>%1 is no longer waiting.</source>
        <translation>%1 wartet nicht mehr.</translation>
    </message>
    <message>
        <source>The hooks of group %1 could not be read.</source>
        <translation>Die Hooks von Gruppe %1 konnten nicht gelesen werden.</translation>
    </message>
    <message>
        <source>%1 waits on no hook any more.</source>
        <translation>%1 wartet auf keinen Hook mehr.</translation>
    </message>
    <message>
        <source>%1 no longer waits on hook %2.</source>
        <translation>%1 wartet nicht mehr auf Hook %2.</translation>
    </message>
    <message>
        <source>The global timeout (estimated %1) has passed: a heartbeat cannot extend the wait.</source>
        <translation>Das globale Timeout (geschätzt %1) ist vorbei: Ein Heartbeat kann das Warten nicht verlängern.</translation>
    </message>
    <message>
        <source>Nothing was sent.</source>
        <translation>Nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>Two heartbeat rounds in a row failed: %1</source>
        <translation>Zwei Heartbeat-Runden hintereinander sind fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The global timeout ends the wait at %1 (estimate); another heartbeat cannot extend it.</source>
        <translation>Das globale Timeout beendet das Warten um %1 (Schätzung); ein weiterer Heartbeat kann es nicht verlängern.</translation>
    </message>
    <message>
        <source>%1 left the wait.</source>
        <translation>%1 hat das Warten verlassen.</translation>
    </message>
</context>
<context>
    <name>KeepAliveCommand</name>
    <message>
        <source>--keep-alive needs --instance (not --token or --all-pending)</source>
        <translation>--keep-alive braucht --instance (nicht --token oder --all-pending)</translation>
    </message>
    <message>
        <source>Instance %1 is not in group %2.</source>
        <translation>Instanz %1 ist nicht in Gruppe %2.</translation>
    </message>
    <message>
        <source>Group %1 not found.</source>
        <translation>Gruppe %1 nicht gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>Keeping %n instance(s) alive until %1; Ctrl+C stops.</source>
        <translation>
            <numerusform>%n Instanz wird bis %1 am Leben gehalten; Strg+C stoppt.</numerusform>
            <numerusform>%n Instanzen werden bis %1 am Leben gehalten; Strg+C stoppt.</numerusform>
        </translation>
    </message>
    <message>
        <source>heartbeat %1 sent</source>
        <translation>Heartbeat %1 gesendet</translation>
    </message>
    <message>
        <source>heartbeat %1 failed: %2</source>
        <translation>Heartbeat %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>(every %1 s)</source>
        <translation>(alle %1 s)</translation>
    </message>
    <message numerus="yes">
        <source>stopped after %n heartbeat(s): %1</source>
        <translation>
            <numerusform>nach %n Heartbeat gestoppt: %1</numerusform>
            <numerusform>nach %n Heartbeats gestoppt: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeepAliveDialog</name>
    <message>
        <source>Keep alive</source>
        <translation>Am Leben halten</translation>
    </message>
    <message>
        <source>Keep alive &amp;until:</source>
        <translation>Am Leben halten &amp;bis:</translation>
    </message>
    <message numerus="yes">
        <source>Send a heartbeat now and then every %1 s for %n instance(s), so their wait does not time out. Hookdesk must stay open: quitting stops the heartbeats.</source>
        <translation>
            <numerusform>Jetzt einen Heartbeat senden und danach alle %1 s für %n Instanz, damit ihr Warten nicht abläuft. Hookdesk muss geöffnet bleiben: Beenden stoppt die Heartbeats.</numerusform>
            <numerusform>Jetzt einen Heartbeat senden und danach alle %1 s für %n Instanzen, damit ihr Warten nicht abläuft. Hookdesk muss geöffnet bleiben: Beenden stoppt die Heartbeats.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Keep alive</source>
        <translation>Am &amp;Leben halten</translation>
    </message>
    <message numerus="yes">
        <source>%n heartbeat(s) per instance, the last one before %1.</source>
        <translation>
            <numerusform>%n Heartbeat pro Instanz, der letzte vor %1.</numerusform>
            <numerusform>%n Heartbeats pro Instanz, der letzte vor %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;System language</source>
        <translation>&amp;Systemsprache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language is used the next time Hookdesk starts.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von Hookdesk.</translation>
    </message>
</context>
<context>
    <name>LifecycleNotification</name>
    <message>
        <source>This notification is from account %1, but Hookdesk is connected to account %2: its group, hook and token are not there. Switch to a profile of account %1.</source>
        <translation>Diese Benachrichtigung stammt aus Account %1, aber Hookdesk ist mit Account %2 verbunden: Gruppe, Hook und Token gibt es dort nicht. Wechseln Sie zu einem Profil von Account %1.</translation>
    </message>
    <message>
        <source>This notification is from region %1, but Hookdesk is connected to %2: its group, hook and token are not there. Switch the region to %1.</source>
        <translation>Diese Benachrichtigung stammt aus Region %1, aber Hookdesk ist mit %2 verbunden: Gruppe, Hook und Token gibt es dort nicht. Wechseln Sie die Region zu %1.</translation>
    </message>
    <message>
        <source>This is not JSON (%1 at character %2). Paste the whole message.</source>
        <translation>Das ist kein JSON (%1 bei Zeichen %2). Fügen Sie die ganze Nachricht ein.</translation>
    </message>
    <message>
        <source>Expected a JSON object: an SQS message, an SNS notification or an EventBridge event.</source>
        <translation>Ein JSON-Objekt erwartet: eine SQS-Nachricht, eine SNS-Benachrichtigung oder ein EventBridge-Ereignis.</translation>
    </message>
    <message>
        <source>This JSON is not an Auto Scaling lifecycle notification: expected the fields LifecycleHookName, EC2InstanceId and LifecycleActionToken (directly, in an SNS &quot;Message&quot;, an SQS &quot;Body&quot; or an EventBridge &quot;detail&quot;).</source>
        <translation>Dieses JSON ist keine Auto-Scaling-Lifecycle-Benachrichtigung: Erwartet wurden die Felder LifecycleHookName, EC2InstanceId und LifecycleActionToken (direkt, in einer SNS-„Message“, einem SQS-„Body“ oder einem EventBridge-„detail“).</translation>
    </message>
    <message>
        <source>The lifecycle notification lacks %1.</source>
        <translation>Der Lifecycle-Benachrichtigung fehlt %1.</translation>
    </message>
</context>
<context>
    <name>LifecycleState</name>
    <message>
        <source>launch</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>terminate</source>
        <translation>Beendigung</translation>
    </message>
    <message>
        <source>warm pool launch</source>
        <translation>Start in den Warm Pool</translation>
    </message>
    <message>
        <source>warm pool terminate</source>
        <translation>Beendigung im Warm Pool</translation>
    </message>
    <message>
        <source>root volume replacement</source>
        <translation>Austausch des Root-Volumes</translation>
    </message>
    <message>
        <source>instance terminated and replaced</source>
        <translation>Instanz wird beendet und ersetzt</translation>
    </message>
    <message>
        <source>instance goes InService</source>
        <translation>Instanz geht in InService</translation>
    </message>
    <message>
        <source>instance joins the warm pool</source>
        <translation>Instanz kommt in den Warm Pool</translation>
    </message>
    <message>
        <source>replacement fails, instance terminated and replaced</source>
        <translation>Austausch schlägt fehl, Instanz wird beendet und ersetzt</translation>
    </message>
    <message>
        <source>root volume replaced, instance stays</source>
        <translation>Root-Volume ausgetauscht, Instanz bleibt</translation>
    </message>
    <message>
        <source>remaining hooks skipped, instance terminated</source>
        <translation>restliche Hooks übersprungen, Instanz wird beendet</translation>
    </message>
    <message>
        <source>instance terminated</source>
        <translation>Instanz wird beendet</translation>
    </message>
    <message>
        <source>remaining hooks skipped, instance retained, not terminated</source>
        <translation>restliche Hooks übersprungen, Instanz zurückbehalten, nicht beendet</translation>
    </message>
    <message>
        <source>retained, not terminated: waiting for someone to terminate it</source>
        <translation>zurückbehalten, nicht beendet: wartet darauf, dass jemand sie beendet</translation>
    </message>
    <message>
        <source>ABANDON on termination: retained, not terminated</source>
        <translation>ABANDON bei Beendigung: zurückbehalten, nicht beendet</translation>
    </message>
    <message>
        <source>ABANDON on termination: terminated</source>
        <translation>ABANDON bei Beendigung: beendet</translation>
    </message>
</context>
<context>
    <name>LifecycleText</name>
    <message>
        <source>CONTINUE</source>
        <translation>CONTINUE</translation>
    </message>
    <message>
        <source>ABANDON</source>
        <translation>ABANDON</translation>
    </message>
    <message>
        <source>heartbeat</source>
        <translation>Heartbeat</translation>
    </message>
    <message>
        <source>The launch goes on: once every launch hook of the instance is complete, it is put in service (InService) and starts taking traffic.</source>
        <translation>Der Start läuft weiter: Sobald jeder Start-Hook der Instanz abgeschlossen ist, wird sie in Betrieb genommen (InService) und erhält Traffic.</translation>
    </message>
    <message>
        <source>The termination goes on: once every termination hook of the instance is complete, the instance is terminated.</source>
        <translation>Die Beendigung läuft weiter: Sobald jeder Beendigungs-Hook der Instanz abgeschlossen ist, wird die Instanz beendet.</translation>
    </message>
    <message>
        <source>The launch is abandoned: Auto Scaling terminates the instance and launches a replacement, which goes through the launch hooks again.</source>
        <translation>Der Start wird abgebrochen: Auto Scaling beendet die Instanz und startet einen Ersatz, der die Start-Hooks erneut durchläuft.</translation>
    </message>
    <message>
        <source>The remaining termination hooks are skipped and the instance is terminated now. Any clean-up a hook was waiting for does not happen.</source>
        <translation>Die restlichen Beendigungs-Hooks werden übersprungen und die Instanz wird jetzt beendet. Aufräumarbeiten, auf die ein Hook gewartet hat, finden nicht statt.</translation>
    </message>
    <message>
        <source>The hook&apos;s timeout restarts: %1 more before the default result applies, never beyond the global timeout. Nothing else changes.</source>
        <translation>Das Timeout des Hooks startet neu: noch %1, bevor das Standardergebnis greift, nie über das globale Timeout hinaus. Sonst ändert sich nichts.</translation>
    </message>
    <message>
        <source>If nothing is done, the timeout applies ABANDON: the instance is terminated and replaced.</source>
        <translation>Wenn nichts getan wird, wendet das Timeout ABANDON an: Die Instanz wird beendet und ersetzt.</translation>
    </message>
    <message>
        <source>If nothing is done, the timeout applies CONTINUE: the instance goes in service.</source>
        <translation>Wenn nichts getan wird, wendet das Timeout CONTINUE an: Die Instanz geht in Betrieb.</translation>
    </message>
    <message>
        <source>If nothing is done, the timeout applies ABANDON: the remaining hooks are skipped and the instance is terminated.</source>
        <translation>Wenn nichts getan wird, wendet das Timeout ABANDON an: Die restlichen Hooks werden übersprungen und die Instanz wird beendet.</translation>
    </message>
    <message>
        <source>If nothing is done, the timeout applies CONTINUE: the instance is terminated once its other hooks are complete.</source>
        <translation>Wenn nichts getan wird, wendet das Timeout CONTINUE an: Die Instanz wird beendet, sobald ihre anderen Hooks abgeschlossen sind.</translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <source>due now</source>
        <translation>jetzt fällig</translation>
    </message>
    <message>
        <source>≈ %1</source>
        <translation>≈ %1</translation>
    </message>
    <message>
        <source>The remaining termination hooks are skipped and the instance is retained, not terminated: the group&apos;s instance lifecycle policy keeps it in Terminating:Retained, running and billed, until someone terminates it. It no longer counts towards the desired capacity, so the group may launch a replacement.</source>
        <translation>Die restlichen Beendigungs-Hooks werden übersprungen und die Instanz wird zurückbehalten, nicht beendet: Die Instanz-Lifecycle-Richtlinie der Gruppe hält sie in Terminating:Retained, laufend und kostenpflichtig, bis jemand sie beendet. Sie zählt nicht mehr zur gewünschten Kapazität, daher startet die Gruppe womöglich einen Ersatz.</translation>
    </message>
    <message>
        <source>If nothing is done, the timeout applies ABANDON: the remaining hooks are skipped and the instance is retained, not terminated, until someone terminates it.</source>
        <translation>Wenn nichts getan wird, wendet das Timeout ABANDON an: Die restlichen Hooks werden übersprungen und die Instanz wird zurückbehalten, nicht beendet, bis jemand sie beendet.</translation>
    </message>
</context>
<context>
    <name>LifecycleValidation</name>
    <message>
        <source>Enter a hook name.</source>
        <translation>Geben Sie einen Hook-Namen ein.</translation>
    </message>
    <message>
        <source>A hook name has at most %1 characters (this one has %2).</source>
        <translation>Ein Hook-Name hat höchstens %1 Zeichen (dieser hat %2).</translation>
    </message>
    <message>
        <source>A hook name may only contain letters A–Z and a–z, digits, &apos;-&apos;, &apos;_&apos; and &apos;/&apos;.</source>
        <translation>Ein Hook-Name darf nur die Buchstaben A–Z und a–z, Ziffern, „-“, „_“ und „/“ enthalten.</translation>
    </message>
    <message>
        <source>Enter an Auto Scaling group name.</source>
        <translation>Geben Sie den Namen einer Auto-Scaling-Gruppe ein.</translation>
    </message>
    <message>
        <source>A group name has at most %1 characters (this one has %2).</source>
        <translation>Ein Gruppenname hat höchstens %1 Zeichen (dieser hat %2).</translation>
    </message>
    <message>
        <source>A group name may not contain control characters.</source>
        <translation>Ein Gruppenname darf keine Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <source>The heartbeat timeout must be between %1 and %2 seconds (30 s to 2 h); %3 is outside.</source>
        <translation>Das Heartbeat-Timeout muss zwischen %1 und %2 Sekunden liegen (30 s bis 2 h); %3 liegt außerhalb.</translation>
    </message>
    <message>
        <source>The default result must be CONTINUE or ABANDON.</source>
        <translation>Das Standardergebnis muss CONTINUE oder ABANDON sein.</translation>
    </message>
    <message>
        <source>The lifecycle action result must be CONTINUE or ABANDON.</source>
        <translation>Das Ergebnis der Lifecycle-Aktion muss CONTINUE oder ABANDON sein.</translation>
    </message>
    <message>
        <source>Notification metadata has at most %1 characters (this has %2).</source>
        <translation>Benachrichtigungs-Metadaten haben höchstens %1 Zeichen (diese haben %2).</translation>
    </message>
    <message>
        <source>Notification metadata may only contain printable ASCII characters, tabs and line breaks.</source>
        <translation>Benachrichtigungs-Metadaten dürfen nur druckbare ASCII-Zeichen, Tabulatoren und Zeilenumbrüche enthalten.</translation>
    </message>
    <message>
        <source>A lifecycle action token has exactly %1 characters (this one has %2).</source>
        <translation>Ein Lifecycle-Action-Token hat genau %1 Zeichen (dieses hat %2).</translation>
    </message>
    <message>
        <source>Choose the transition: instance launching or instance terminating.</source>
        <translation>Wählen Sie den Übergang: Instanz startet oder Instanz wird beendet.</translation>
    </message>
    <message>
        <source>The transition must be %1 or %2.</source>
        <translation>Der Übergang muss %1 oder %2 sein.</translation>
    </message>
    <message>
        <source>An instance ID has at most %1 characters (this one has %2).</source>
        <translation>Eine Instanz-ID hat höchstens %1 Zeichen (diese hat %2).</translation>
    </message>
    <message>
        <source>An instance ID may not contain spaces or control characters.</source>
        <translation>Eine Instanz-ID darf keine Leer- oder Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <source>%1 is not an instance ID (i- followed by 8 or 17 hexadecimal digits).</source>
        <translation>%1 ist keine Instanz-ID (i- gefolgt von 8 oder 17 Hexadezimalziffern).</translation>
    </message>
    <message>
        <source>An ARN has at most %1 characters (this one has %2).</source>
        <translation>Ein ARN hat höchstens %1 Zeichen (dieser hat %2).</translation>
    </message>
    <message>
        <source>An ARN starts with &quot;arn:&quot;.</source>
        <translation>Ein ARN beginnt mit „arn:“.</translation>
    </message>
    <message>
        <source>A notification target needs a role ARN that allows Auto Scaling to publish to it.</source>
        <translation>Ein Benachrichtigungsziel braucht einen Rollen-ARN, der Auto Scaling das Veröffentlichen dorthin erlaubt.</translation>
    </message>
    <message>
        <source>A role ARN cannot be emptied on its own: remove the notification target, which removes its role too.</source>
        <translation>Ein Rollen-ARN kann nicht allein geleert werden: Entfernen Sie das Benachrichtigungsziel, das entfernt auch seine Rolle.</translation>
    </message>
    <message>
        <source>A role ARN needs a notification target: removing the target removes its role.</source>
        <translation>Ein Rollen-ARN braucht ein Benachrichtigungsziel: Das Entfernen des Ziels entfernt seine Rolle.</translation>
    </message>
    <message>
        <source>Give the instance ID or the lifecycle action token.</source>
        <translation>Geben Sie die Instanz-ID oder das Lifecycle-Action-Token an.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Hookdesk</source>
        <translation>Hookdesk</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Reload groups, instances and hooks now</source>
        <translation>Gruppen, Instanzen und Hooks jetzt neu laden</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;CONTINUE</translation>
    </message>
    <message>
        <source>Send CONTINUE for the selected waiting instances</source>
        <translation>CONTINUE für die ausgewählten wartenden Instanzen senden</translation>
    </message>
    <message>
        <source>&amp;Abandon</source>
        <translation>ABAN&amp;DON</translation>
    </message>
    <message>
        <source>Send ABANDON for the selected waiting instances</source>
        <translation>ABANDON für die ausgewählten wartenden Instanzen senden</translation>
    </message>
    <message>
        <source>&amp;Heartbeat</source>
        <translation>&amp;Heartbeat</translation>
    </message>
    <message>
        <source>Restart the hook timeout of the selected instances</source>
        <translation>Das Hook-Timeout der ausgewählten Instanzen neu starten</translation>
    </message>
    <message>
        <source>&amp;New hook…</source>
        <translation>&amp;Neuer Hook…</translation>
    </message>
    <message>
        <source>Create a lifecycle hook</source>
        <translation>Einen Lifecycle-Hook anlegen</translation>
    </message>
    <message>
        <source>&amp;Edit hook…</source>
        <translation>Hook &amp;bearbeiten…</translation>
    </message>
    <message>
        <source>Edit the selected lifecycle hook</source>
        <translation>Den ausgewählten Lifecycle-Hook bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Delete hook…</source>
        <translation>Hook &amp;löschen…</translation>
    </message>
    <message>
        <source>Delete the selected lifecycle hook</source>
        <translation>Den ausgewählten Lifecycle-Hook löschen</translation>
    </message>
    <message>
        <source>Complete from &amp;notification…</source>
        <translation>Aus Be&amp;nachrichtigung abschließen…</translation>
    </message>
    <message>
        <source>Paste an SQS, SNS or EventBridge lifecycle notification</source>
        <translation>Eine Lifecycle-Benachrichtigung von SQS, SNS oder EventBridge einfügen</translation>
    </message>
    <message>
        <source>&amp;Profiles…</source>
        <translation>&amp;Profile…</translation>
    </message>
    <message>
        <source>Add, edit, import and test AWS profiles</source>
        <translation>AWS-Profile hinzufügen, bearbeiten, importieren und testen</translation>
    </message>
    <message>
        <source>Read-&amp;only mode</source>
        <translation>&amp;Nur-Lesen-Modus</translation>
    </message>
    <message>
        <source>Look without touching: every mutating action is disabled</source>
        <translation>Ansehen ohne Anfassen: Jede ändernde Aktion ist deaktiviert</translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation>&amp;Audit-Protokoll</translation>
    </message>
    <message>
        <source>Show every action Hookdesk sent, with its outcome</source>
        <translation>Jede Aktion anzeigen, die Hookdesk gesendet hat, mit ihrem Ergebnis</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filter</translation>
    </message>
    <message>
        <source>Filter by instance, group or hook</source>
        <translation>Nach Instanz, Gruppe oder Hook filtern</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Quit Hookdesk</source>
        <translation>Hookdesk beenden</translation>
    </message>
    <message>
        <source>&amp;About Hookdesk</source>
        <translation>Ü&amp;ber Hookdesk</translation>
    </message>
    <message>
        <source>About Hookdesk</source>
        <translation>Über Hookdesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Hookdesk %1&lt;/h3&gt;&lt;p&gt;A desktop console for EC2 Auto Scaling lifecycle hooks: see what waits, where and for how long, and unstick it.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Hookdesk %1&lt;/h3&gt;&lt;p&gt;Eine Desktop-Konsole für EC2-Auto-Scaling-Lifecycle-Hooks: Sehen Sie, was wartet, wo und wie lange – und bringen Sie es wieder in Gang.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Actions</source>
        <translation>&amp;Aktionen</translation>
    </message>
    <message>
        <source>Hoo&amp;ks</source>
        <translation>Hoo&amp;ks</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Demo mode notice</source>
        <translation>Hinweis zum Demo-Modus</translation>
    </message>
    <message>
        <source>Connection problem</source>
        <translation>Verbindungsproblem</translation>
    </message>
    <message>
        <source>Auto Scaling groups</source>
        <translation>Auto-Scaling-Gruppen</translation>
    </message>
    <message>
        <source>Pending lifecycle actions</source>
        <translation>Ausstehende Lifecycle-Aktionen</translation>
    </message>
    <message>
        <source>Pending actions</source>
        <translation>Ausstehende Aktionen</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Instanzen</translation>
    </message>
    <message>
        <source>Lifecycle hooks</source>
        <translation>Lifecycle-Hooks</translation>
    </message>
    <message>
        <source>Hooks</source>
        <translation>Hooks</translation>
    </message>
    <message>
        <source>Scaling activities</source>
        <translation>Skalierungsaktivitäten</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Requests, last refresh and errors</source>
        <translation>Anfragen, letzte Aktualisierung und Fehler</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit-Protokoll</translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo — simulated endpoint.&lt;/b&gt; Hookdesk is talking to its built-in simulator%1, not to AWS: groups, hooks and waiting instances are made up, and instances keep arriving. Nothing you do here touches an AWS account.</source>
        <translation>&lt;b&gt;Demo – simulierter Endpunkt.&lt;/b&gt; Hookdesk spricht mit seinem eingebauten Simulator%1, nicht mit AWS: Gruppen, Hooks und wartende Instanzen sind erfunden, und es kommen laufend Instanzen hinzu. Nichts, was Sie hier tun, berührt einen AWS-Account.</translation>
    </message>
    <message>
        <source> at %1</source>
        <translation> unter %1</translation>
    </message>
    <message>
        <source>Read-only mode is on: turn it off to act.</source>
        <translation>Der Nur-Lesen-Modus ist an: Schalten Sie ihn aus, um zu handeln.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 %2 on %3 (sent %4): %5</source>
        <translation>%1 %2 für %3 (gesendet %4): %5</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n action(s) of an interrupted Hookdesk run had no recorded outcome.&lt;/b&gt; Checked now and recorded in the audit log:&lt;br&gt;%1</source>
        <translation>
            <numerusform>&lt;b&gt;%n Aktion eines unterbrochenen Hookdesk-Laufs hatte kein protokolliertes Ergebnis.&lt;/b&gt; Jetzt geprüft und im Audit-Protokoll vermerkt:&lt;br&gt;%1</numerusform>
            <numerusform>&lt;b&gt;%n Aktionen eines unterbrochenen Hookdesk-Laufs hatten kein protokolliertes Ergebnis.&lt;/b&gt; Jetzt geprüft und im Audit-Protokoll vermerkt:&lt;br&gt;%1</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Action sent, outcome not recorded.&lt;/b&gt; %1 The record is kept and written as soon as the log can be written.</source>
        <translation>&lt;b&gt;Aktion gesendet, Ergebnis nicht protokolliert.&lt;/b&gt; %1 Der Eintrag wird aufbewahrt und geschrieben, sobald das Protokoll beschreibbar ist.</translation>
    </message>
    <message>
        <source>Request &amp;timeout…</source>
        <translation>Anfrage-&amp;Timeout…</translation>
    </message>
    <message>
        <source>How long a request to AWS may take before Hookdesk gives up on it</source>
        <translation>Wie lange eine Anfrage an AWS dauern darf, bevor Hookdesk sie aufgibt</translation>
    </message>
    <message>
        <source>(environment)</source>
        <translation>(Umgebung)</translation>
    </message>
    <message>
        <source>The simulator serves a single region.</source>
        <translation>Der Simulator bedient nur eine Region.</translation>
    </message>
    <message>
        <source>Loading groups and waiting instances…</source>
        <translation>Gruppen und wartende Instanzen werden geladen…</translation>
    </message>
    <message>
        <source>Pending actions (%1 / %2)</source>
        <translation>Ausstehende Aktionen (%1 / %2)</translation>
    </message>
    <message>
        <source>Pending actions (%1)</source>
        <translation>Ausstehende Aktionen (%1)</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unbekannter Fehler</translation>
    </message>
    <message>
        <source>&lt;b&gt;AWS is throttling requests.&lt;/b&gt; Refreshing less often until it recovers. %1</source>
        <translation>&lt;b&gt;AWS drosselt Anfragen.&lt;/b&gt; Bis zur Erholung wird seltener aktualisiert. %1</translation>
    </message>
    <message numerus="yes">
        <source>Instance waiting on a lifecycle hook</source>
        <translation>
            <numerusform>Instanz wartet auf einen Lifecycle-Hook</numerusform>
            <numerusform>Instanzen warten auf einen Lifecycle-Hook</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 started waiting.</source>
        <translation>%1 wartet jetzt.</translation>
    </message>
    <message>
        <source>environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <source>Account %1 · %2</source>
        <translation>Account %1 · %2</translation>
    </message>
    <message>
        <source>Account: checking…</source>
        <translation>Account: wird geprüft…</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n Anfrage</numerusform>
            <numerusform>%n Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <source>last refresh %1</source>
        <translation>letzte Aktualisierung %1</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>nur lesen</translation>
    </message>
    <message>
        <source>⟳ refreshing…</source>
        <translation>⟳ wird aktualisiert…</translation>
    </message>
    <message>
        <source>⟳ %1 s ago</source>
        <translation>⟳ vor %1 s</translation>
    </message>
    <message>
        <source>Nothing is waiting on a lifecycle hook right now. New waits show up here within one refresh.</source>
        <translation>Gerade wartet nichts auf einen Lifecycle-Hook. Neue Wartevorgänge erscheinen hier innerhalb einer Aktualisierung.</translation>
    </message>
    <message>
        <source>Select a waiting instance to see what will happen to it if nothing is done.</source>
        <translation>Wählen Sie eine wartende Instanz, um zu sehen, was mit ihr geschieht, wenn nichts getan wird.</translation>
    </message>
    <message>
        <source>Create hook %1</source>
        <translation>Hook %1 anlegen</translation>
    </message>
    <message>
        <source>Save hook %1</source>
        <translation>Hook %1 speichern</translation>
    </message>
    <message>
        <source>Delete hook %1</source>
        <translation>Hook %1 löschen</translation>
    </message>
    <message>
        <source>&amp;Keep alive…</source>
        <translation>Am &amp;Leben halten…</translation>
    </message>
    <message>
        <source>Send heartbeats for the selected instances until a time you pick (%1)</source>
        <translation>Heartbeats für die ausgewählten Instanzen senden, bis zu einer von Ihnen gewählten Zeit (%1)</translation>
    </message>
    <message>
        <source>&amp;Stop keep-alive</source>
        <translation>Keep-alive &amp;stoppen</translation>
    </message>
    <message>
        <source>Stop sending heartbeats for the selected instances (%1)</source>
        <translation>Keine Heartbeats mehr für die ausgewählten Instanzen senden (%1)</translation>
    </message>
    <message>
        <source>Keep-alive of %1 ended: %2</source>
        <translation>Keep-alive von %1 beendet: %2</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Kept alive until %1&lt;/b&gt;: a heartbeat every %2 s (%3 sent so far). &lt;a href=&quot;hookdesk:stop-keep-alive&quot;&gt;Stop keep-alive&lt;/a&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Am Leben gehalten bis %1&lt;/b&gt;: alle %2 s ein Heartbeat (bisher %3 gesendet). &lt;a href=&quot;hookdesk:stop-keep-alive&quot;&gt;Keep-alive stoppen&lt;/a&gt;&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>Stop %n keep-alive(s) and quit?</source>
        <translation>
            <numerusform>%n Keep-alive stoppen und beenden?</numerusform>
            <numerusform>%n Keep-alives stoppen und beenden?</numerusform>
        </translation>
    </message>
    <message>
        <source>No more heartbeats are sent once Hookdesk has quit; the waits then time out on their own.</source>
        <translation>Nachdem Hookdesk beendet ist, werden keine Heartbeats mehr gesendet; die Wartevorgänge laufen dann von selbst ab.</translation>
    </message>
    <message>
        <source>Switch connection</source>
        <translation>Verbindung wechseln</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) still running.</source>
        <translation>
            <numerusform>%n Aktion läuft noch.</numerusform>
            <numerusform>%n Aktionen laufen noch.</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Wait&lt;/b&gt;: nothing changes, the actions go on.&lt;br&gt;&lt;b&gt;Stop after the current requests&lt;/b&gt;: nothing more is sent; the answers to the requests already sent are checked and recorded first.&lt;br&gt;&lt;b&gt;Stop now&lt;/b&gt;: nothing more is sent; the requests already sent are recorded as &lt;i&gt;unknown&lt;/i&gt; (AWS may have applied them).</source>
        <translation>&lt;b&gt;Warten&lt;/b&gt;: Nichts ändert sich, die Aktionen laufen weiter.&lt;br&gt;&lt;b&gt;Nach den laufenden Anfragen stoppen&lt;/b&gt;: Nichts wird mehr gesendet; die Antworten auf bereits gesendete Anfragen werden zuerst geprüft und protokolliert.&lt;br&gt;&lt;b&gt;Jetzt stoppen&lt;/b&gt;: Nichts wird mehr gesendet; bereits gesendete Anfragen werden als &lt;i&gt;unbekannt&lt;/i&gt; protokolliert (AWS hat sie möglicherweise angewendet).</translation>
    </message>
    <message>
        <source>&amp;Wait</source>
        <translation>&amp;Warten</translation>
    </message>
    <message>
        <source>Stop &amp;after the current requests</source>
        <translation>Nach den laufenden &amp;Anfragen stoppen</translation>
    </message>
    <message>
        <source>Stop &amp;now</source>
        <translation>&amp;Jetzt stoppen</translation>
    </message>
    <message numerus="yes">
        <source>Waiting for the answers to %n request(s) already sent…</source>
        <translation>
            <numerusform>Warte auf die Antwort auf %n bereits gesendete Anfrage…</numerusform>
            <numerusform>Warte auf die Antworten auf %n bereits gesendete Anfragen…</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Signed out — MFA code needed.&lt;/b&gt; The MFA prompt for profile %1 was cancelled: nothing is refreshed until you sign in again. &lt;a href=&quot;hookdesk:sign-in&quot;&gt;Sign in…&lt;/a&gt;</source>
        <translation>&lt;b&gt;Abgemeldet – MFA-Code nötig.&lt;/b&gt; Die MFA-Abfrage für Profil %1 wurde abgebrochen: Bis Sie sich erneut anmelden, wird nichts aktualisiert. &lt;a href=&quot;hookdesk:sign-in&quot;&gt;Anmelden…&lt;/a&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot sign in.&lt;/b&gt; %1&lt;br&gt;Fix the profile or add one in the &lt;a href=&quot;hookdesk:profiles&quot;&gt;profile manager&lt;/a&gt;, or &lt;a href=&quot;hookdesk:demo&quot;&gt;open the demo&lt;/a&gt; (a built-in simulator, no AWS account).</source>
        <translation>&lt;b&gt;Anmeldung nicht möglich.&lt;/b&gt; %1&lt;br&gt;Korrigieren Sie das Profil oder fügen Sie eines in der &lt;a href=&quot;hookdesk:profiles&quot;&gt;Profilverwaltung&lt;/a&gt; hinzu, oder &lt;a href=&quot;hookdesk:demo&quot;&gt;öffnen Sie die Demo&lt;/a&gt; (ein eingebauter Simulator, kein AWS-Account).</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Nicht verbunden: %1</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>AWS profile</source>
        <translation>AWS-Profil</translation>
    </message>
    <message>
        <source>Re&amp;gion:</source>
        <translation>Re&amp;gion:</translation>
    </message>
    <message>
        <source>AWS region</source>
        <translation>AWS-Region</translation>
    </message>
    <message>
        <source>Account and identity</source>
        <translation>Account und Identität</translation>
    </message>
    <message>
        <source>Time since the last refresh</source>
        <translation>Zeit seit der letzten Aktualisierung</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Nur lesen</translation>
    </message>
    <message>
        <source>Read-only mode</source>
        <translation>Nur-Lesen-Modus</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Filter instances, groups, hooks (Ctrl+F)</source>
        <translation>Instanz, Gruppe, Hook filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation>Filter löschen</translation>
    </message>
    <message>
        <source>&lt;b&gt;The last refresh failed.&lt;/b&gt; %1 Showing what was loaded before (%2).</source>
        <translation>&lt;b&gt;Die letzte Aktualisierung ist fehlgeschlagen.&lt;/b&gt; %1 Angezeigt wird der vorherige Stand (%2).</translation>
    </message>
    <message>
        <source>full sweep %1</source>
        <translation>vollständiger Abgleich %1</translation>
    </message>
    <message numerus="yes">
        <source>⟳ loading: %n group(s) listed</source>
        <translation>
            <numerusform>⟳ wird geladen: %n Gruppe aufgelistet</numerusform>
            <numerusform>⟳ wird geladen: %n Gruppen aufgelistet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n Seite</numerusform>
            <numerusform>%n Seiten</numerusform>
        </translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>&amp;Audit log (%1)</source>
        <translation>&amp;Audit-Protokoll (%1)</translation>
    </message>
    <message>
        <source>%1 sending…</source>
        <translation>%1 wird gesendet…</translation>
    </message>
    <message>
        <source>%1 for %2: sending…</source>
        <translation>%1 für %2: wird gesendet…</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 for %2: %3</source>
        <translation>%1 für %2: %3</translation>
    </message>
    <message>
        <source>Noticed by Hookdesk; the scaling activity says the lifecycle action timed out.</source>
        <translation>Von Hookdesk bemerkt; laut Skalierungsaktivität ist das Timeout der Lifecycle-Aktion abgelaufen.</translation>
    </message>
    <message>
        <source>Noticed by Hookdesk: the instance left its wait at its deadline and no Hookdesk process had completed it.</source>
        <translation>Von Hookdesk bemerkt: Die Instanz hat ihr Warten bei Fristende verlassen, und kein Hookdesk-Prozess hatte es abgeschlossen.</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Timeout abgelaufen</translation>
    </message>
    <message>
        <source>Lifecycle timeout: %1 applied</source>
        <translation>Lifecycle-Timeout: %1 angewendet</translation>
    </message>
    <message>
        <source>%1 is %2: it waits on no hook any more, so there is nothing to continue, abandon or record a heartbeat for.</source>
        <translation>%1 ist %2: Die Instanz wartet auf keinen Hook mehr, es gibt also nichts für CONTINUE, ABANDON oder einen Heartbeat.</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>Pending actions, instances, hooks and scaling activities</source>
        <translation>Ausstehende Aktionen, Instanzen, Hooks und Skalierungsaktivitäten</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>What the selection is and what happens to it if nothing is done</source>
        <translation>Was ausgewählt ist und was damit geschieht, wenn nichts getan wird</translation>
    </message>
    <message>
        <source>Every instance waiting on a lifecycle hook, most urgent first, with the time left and the result that then applies</source>
        <translation>Jede Instanz, die auf einen Lifecycle-Hook wartet, die dringendste zuerst, mit Restzeit und dem dann greifenden Ergebnis</translation>
    </message>
    <message>
        <source>Pick a group to show only its instances and hooks</source>
        <translation>Wählen Sie eine Gruppe, um nur ihre Instanzen und Hooks anzuzeigen</translation>
    </message>
    <message>
        <source>Shows only rows that contain this text; Escape clears it</source>
        <translation>Zeigt nur Zeilen, die diesen Text enthalten; Esc löscht ihn</translation>
    </message>
    <message>
        <source>When checked, every action that changes something is disabled</source>
        <translation>Wenn aktiviert, ist jede Aktion deaktiviert, die etwas ändert</translation>
    </message>
    <message>
        <source>More tools</source>
        <translation>Weitere Werkzeuge</translation>
    </message>
    <message>
        <source>More menus</source>
        <translation>Weitere Menüs</translation>
    </message>
    <message>
        <source>Select all records</source>
        <translation>Alle Einträge auswählen</translation>
    </message>
    <message>
        <source>&amp;Terminate…</source>
        <translation>&amp;Beenden…</translation>
    </message>
    <message>
        <source>Terminate the selected instances (their group launches replacements unless you decrement)</source>
        <translation>Die ausgewählten Instanzen beenden (ihre Gruppe startet Ersatz, außer Sie senken die Kapazität)</translation>
    </message>
    <message>
        <source>&amp;Healthy…</source>
        <translation>&amp;Healthy…</translation>
    </message>
    <message>
        <source>Mark the selected instances Healthy</source>
        <translation>Die ausgewählten Instanzen als Healthy markieren</translation>
    </message>
    <message>
        <source>&amp;Unhealthy…</source>
        <translation>&amp;Unhealthy…</translation>
    </message>
    <message>
        <source>Mark the selected instances Unhealthy: their group replaces them</source>
        <translation>Die ausgewählten Instanzen als Unhealthy markieren: Ihre Gruppe ersetzt sie</translation>
    </message>
    <message>
        <source>&amp;Enter…</source>
        <translation>&amp;Eintreten…</translation>
    </message>
    <message>
        <source>Move the selected InService instances to standby</source>
        <translation>Die ausgewählten InService-Instanzen in Standby versetzen</translation>
    </message>
    <message>
        <source>E&amp;xit…</source>
        <translation>&amp;Verlassen…</translation>
    </message>
    <message>
        <source>Return the selected standby instances to service</source>
        <translation>Die ausgewählten Standby-Instanzen wieder in Betrieb nehmen</translation>
    </message>
    <message>
        <source>O&amp;n…</source>
        <translation>&amp;Ein…</translation>
    </message>
    <message>
        <source>Protect the selected instances from scale-in</source>
        <translation>Die ausgewählten Instanzen vor Scale-in schützen</translation>
    </message>
    <message>
        <source>O&amp;ff…</source>
        <translation>&amp;Aus…</translation>
    </message>
    <message>
        <source>Remove scale-in protection from the selected instances</source>
        <translation>Scale-in-Schutz von den ausgewählten Instanzen entfernen</translation>
    </message>
    <message>
        <source>Set h&amp;ealth</source>
        <translation>&amp;Integrität setzen</translation>
    </message>
    <message>
        <source>Stand&amp;by</source>
        <translation>S&amp;tandby</translation>
    </message>
    <message>
        <source>Scale-in &amp;protection</source>
        <translation>Scale-in-Sch&amp;utz</translation>
    </message>
    <message>
        <source>Select instances of one group: the selection spans %1.</source>
        <translation>Wählen Sie Instanzen einer Gruppe: Die Auswahl umfasst %1.</translation>
    </message>
    <message>
        <source>Fleet &amp;board…</source>
        <translation>Flotten-&amp;Board…</translation>
    </message>
    <message>
        <source>Every instance waiting on a hook across several accounts and regions, most urgent first</source>
        <translation>Jede Instanz, die auf einen Hook wartet, über mehrere Accounts und Regionen, die dringendste zuerst</translation>
    </message>
    <message>
        <source>Net&amp;work…</source>
        <translation>Netz&amp;werk…</translation>
    </message>
    <message>
        <source>Proxy and extra certificate authorities for the connections to AWS</source>
        <translation>Proxy und zusätzliche Zertifizierungsstellen (CA) für die Verbindungen zu AWS</translation>
    </message>
    <message>
        <source>Network settings saved: they apply to the next connection.</source>
        <translation>Netzwerkeinstellungen gespeichert: Sie gelten ab der nächsten Verbindung.</translation>
    </message>
    <message>
        <source>via proxy %1</source>
        <translation>über Proxy %1</translation>
    </message>
</context>
<context>
    <name>MfaPromptDialog</name>
    <message>
        <source>MFA code</source>
        <translation>MFA-Code</translation>
    </message>
    <message>
        <source>Profile &lt;b&gt;%1&lt;/b&gt; assumes the role &lt;b&gt;%2&lt;/b&gt;, which needs a code from your MFA device.</source>
        <translation>Profil &lt;b&gt;%1&lt;/b&gt; übernimmt die Rolle &lt;b&gt;%2&lt;/b&gt;, die einen Code von Ihrem MFA-Gerät braucht.</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <source>One-time MFA code</source>
        <translation>Einmaliger MFA-Code</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>Profile &lt;b&gt;%1&lt;/b&gt; signs in with a code from your MFA device.</source>
        <translation>Profil &lt;b&gt;%1&lt;/b&gt; meldet sich mit einem Code Ihres MFA-Geräts an.</translation>
    </message>
</context>
<context>
    <name>NetworkPreferences</name>
    <message>
        <source>No manual proxy is set.</source>
        <translation>Es ist kein manueller Proxy festgelegt.</translation>
    </message>
</context>
<context>
    <name>NetworkPreferencesDialog</name>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>How Hookdesk reaches AWS from this network. Changes apply to the next connection (File &gt; Profiles, or switching profile or region); requests already under way keep the settings they started with.</source>
        <translation>Wie Hookdesk AWS aus diesem Netzwerk erreicht. Änderungen gelten ab der nächsten Verbindung (Datei &gt; Profile oder Wechsel von Profil oder Region); bereits laufende Anfragen behalten die Einstellungen, mit denen sie begonnen haben.</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>From the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)</source>
        <translation>Aus der Umgebung (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)</translation>
    </message>
    <message>
        <source>None: always connect directly</source>
        <translation>Keiner: immer direkt verbinden</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Proxy host and port</source>
        <translation>Proxy-Host und -Port</translation>
    </message>
    <message>
        <source>proxy.example.com:3128</source>
        <translation>proxy.example.com:3128</translation>
    </message>
    <message>
        <source>Proxy user name</source>
        <translation>Proxy-Benutzername</translation>
    </message>
    <message>
        <source>optional; the password is asked for and kept in the keychain</source>
        <translation>optional; das Passwort wird abgefragt und im Schlüsselbund aufbewahrt</translation>
    </message>
    <message>
        <source>Extra CA bundle file</source>
        <translation>Zusätzliche CA-Bundle-Datei</translation>
    </message>
    <message>
        <source>optional PEM file, trusted beside the system&apos;s certificate authorities</source>
        <translation>optionale PEM-Datei, der neben den Zertifizierungsstellen des Systems vertraut wird</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Proxy:</source>
        <translation>&amp;Proxy:</translation>
    </message>
    <message>
        <source>&amp;Host:port:</source>
        <translation>&amp;Host:Port:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Extra &amp;CA bundle:</source>
        <translation>Zusätzliches &amp;CA-Bundle:</translation>
    </message>
    <message>
        <source>Enter the proxy as host:port.</source>
        <translation>Geben Sie den Proxy als Host:Port ein.</translation>
    </message>
    <message>
        <source>Enter the proxy as host:port and the user name below; the password is asked for.</source>
        <translation>Geben Sie den Proxy als Host:Port und darunter den Benutzernamen ein; das Passwort wird abgefragt.</translation>
    </message>
    <message>
        <source>Extra CA Bundle</source>
        <translation>Zusätzliches CA-Bundle</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Dateien (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>NetworkSetup</name>
    <message>
        <source>Proxy: %1</source>
        <translation>Proxy: %1</translation>
    </message>
    <message>
        <source>none (direct)</source>
        <translation>keiner (direkt)</translation>
    </message>
    <message>
        <source>AWS_CA_BUNDLE: %1</source>
        <translation>AWS_CA_BUNDLE: %1</translation>
    </message>
    <message>
        <source>Extra CA bundle: %1</source>
        <translation>Zusätzliches CA-Bundle: %1</translation>
    </message>
</context>
<context>
    <name>NotificationDialog</name>
    <message>
        <source>Complete from notification</source>
        <translation>Aus Benachrichtigung abschließen</translation>
    </message>
    <message>
        <source>Paste the JSON of a lifecycle notification: an SQS message, an SNS envelope or an EventBridge event. The group, hook, instance and token are filled in from it.</source>
        <translation>Fügen Sie das JSON einer Lifecycle-Benachrichtigung ein: eine SQS-Nachricht, einen SNS-Umschlag oder ein EventBridge-Ereignis. Gruppe, Hook, Instanz und Token werden daraus übernommen.</translation>
    </message>
    <message>
        <source>Notification JSON</source>
        <translation>Benachrichtigungs-JSON</translation>
    </message>
    <message>
        <source>Parse result</source>
        <translation>Ergebnis der Auswertung</translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Gruppe:</translation>
    </message>
    <message>
        <source>Auto Scaling group</source>
        <translation>Auto-Scaling-Gruppe</translation>
    </message>
    <message>
        <source>&amp;Hook:</source>
        <translation>&amp;Hook:</translation>
    </message>
    <message>
        <source>Lifecycle hook</source>
        <translation>Lifecycle-Hook</translation>
    </message>
    <message>
        <source>&amp;Instance:</source>
        <translation>&amp;Instanz:</translation>
    </message>
    <message>
        <source>Instance ID</source>
        <translation>Instanz-ID</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Lifecycle action token</source>
        <translation>Lifecycle-Action-Token</translation>
    </message>
    <message>
        <source>Transition:</source>
        <translation>Übergang:</translation>
    </message>
    <message>
        <source>Transition</source>
        <translation>Übergang</translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation>&amp;Ergebnis:</translation>
    </message>
    <message>
        <source>Result to send</source>
        <translation>Zu sendendes Ergebnis</translation>
    </message>
    <message>
        <source>CONTINUE</source>
        <translation>CONTINUE</translation>
    </message>
    <message>
        <source>ABANDON</source>
        <translation>ABANDON</translation>
    </message>
    <message>
        <source>Send &amp;heartbeat…</source>
        <translation>Heart&amp;beat senden…</translation>
    </message>
    <message>
        <source>&amp;Complete…</source>
        <translation>Ab&amp;schließen…</translation>
    </message>
    <message>
        <source>Waiting for a pasted notification.</source>
        <translation>Warte auf eine eingefügte Benachrichtigung.</translation>
    </message>
    <message>
        <source>This is not a lifecycle notification.</source>
        <translation>Das ist keine Lifecycle-Benachrichtigung.</translation>
    </message>
    <message>
        <source>This is Auto Scaling&apos;s test notification, sent when a hook is created: there is nothing to complete.</source>
        <translation>Das ist die Testbenachrichtigung von Auto Scaling, die beim Anlegen eines Hooks gesendet wird: Es gibt nichts abzuschließen.</translation>
    </message>
    <message>
        <source>an SQS message</source>
        <translation>eine SQS-Nachricht</translation>
    </message>
    <message>
        <source>an SNS notification</source>
        <translation>eine SNS-Benachrichtigung</translation>
    </message>
    <message>
        <source>an EventBridge event</source>
        <translation>ein EventBridge-Ereignis</translation>
    </message>
    <message>
        <source>a lifecycle notification</source>
        <translation>eine Lifecycle-Benachrichtigung</translation>
    </message>
    <message>
        <source>Recognised %1.</source>
        <translation>Erkannt: %1.</translation>
    </message>
    <message>
        <source>Recognised %1. %2</source>
        <translation>Erkannt: %1. %2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>instance launching</source>
        <translation>Instanz startet</translation>
    </message>
    <message>
        <source>instance terminating</source>
        <translation>Instanz wird beendet</translation>
    </message>
    <message>
        <source>Read-only mode is on.</source>
        <translation>Der Nur-Lesen-Modus ist an.</translation>
    </message>
    <message>
        <source>Sent:</source>
        <translation>Gesendet:</translation>
    </message>
    <message>
        <source>Age of the notification</source>
        <translation>Alter der Benachrichtigung</translation>
    </message>
    <message>
        <source>Waiting now:</source>
        <translation>Wartet jetzt:</translation>
    </message>
    <message>
        <source>Whether the instance still waits on the hook</source>
        <translation>Ob die Instanz noch auf den Hook wartet</translation>
    </message>
    <message>
        <source>unknown: the notification carries no time</source>
        <translation>unbekannt: Die Benachrichtigung enthält keine Zeit</translation>
    </message>
    <message>
        <source>not checked: the notification is from elsewhere</source>
        <translation>nicht geprüft: Die Benachrichtigung stammt von anderswo</translation>
    </message>
    <message>
        <source>unknown: not connected</source>
        <translation>unbekannt: nicht verbunden</translation>
    </message>
</context>
<context>
    <name>NotificationWaitStatus</name>
    <message>
        <source>unknown: the notification names no group or instance</source>
        <translation>unbekannt: Die Benachrichtigung nennt keine Gruppe oder Instanz</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wird geprüft…</translation>
    </message>
    <message>
        <source>unknown: the group could not be read (%1)</source>
        <translation>unbekannt: Die Gruppe konnte nicht gelesen werden (%1)</translation>
    </message>
    <message>
        <source>not waiting: there is no group %1 in this account and region</source>
        <translation>wartet nicht: In diesem Account und dieser Region gibt es keine Gruppe %1</translation>
    </message>
    <message>
        <source>not waiting: %1 is no longer in group %2</source>
        <translation>wartet nicht: %1 ist nicht mehr in Gruppe %2</translation>
    </message>
    <message>
        <source>not waiting: %1 is %2 now</source>
        <translation>wartet nicht: %1 ist jetzt %2</translation>
    </message>
    <message>
        <source>not waiting on %1: it was completed or timed out; %2 still waits on %3</source>
        <translation>wartet nicht auf %1: abgeschlossen oder Timeout abgelaufen; %2 wartet noch auf %3</translation>
    </message>
    <message>
        <source>waiting — %1 left, then %2</source>
        <translation>wartet – noch %1, dann %2</translation>
    </message>
</context>
<context>
    <name>PageWalker</name>
    <message>
        <source>%1 was cancelled: the connection was closed.</source>
        <translation>%1 wurde abgebrochen: Die Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>The service sent a page token of %1 it had already sent (after %2 pages): stopped reading, the listing would never end.</source>
        <translation>Der Dienst hat ein Seiten-Token von %1 gesendet, das er schon gesendet hatte (nach %2 Seiten): Lesen gestoppt, die Liste würde nie enden.</translation>
    </message>
    <message>
        <source>%1 had more than %2 pages: stopped reading.</source>
        <translation>%1 hatte mehr als %2 Seiten: Lesen gestoppt.</translation>
    </message>
</context>
<context>
    <name>PendingAction</name>
    <message>
        <source>lifecycle actions completed; the instance is moving on by itself</source>
        <translation>Lifecycle-Aktionen abgeschlossen; die Instanz geht von selbst weiter</translation>
    </message>
    <message>
        <source>hooks not loaded yet: the default result is not known</source>
        <translation>Hooks noch nicht geladen: Das Standardergebnis ist unbekannt</translation>
    </message>
    <message>
        <source>no hook of this transition is known to be waiting</source>
        <translation>von keinem Hook dieses Übergangs ist bekannt, dass er wartet</translation>
    </message>
    <message>
        <source>if nothing is done: %1 → %2</source>
        <translation>wenn nichts getan wird: %1 → %2</translation>
    </message>
    <message>
        <source>if nothing is done: CONTINUE for %1 first, then %2 times out with ABANDON → %3</source>
        <translation>wenn nichts getan wird: zuerst CONTINUE für %1, dann läuft %2 mit ABANDON ab → %3</translation>
    </message>
    <message>
        <source> (%1 timed out: CONTINUE applied, no longer waited on)</source>
        <translation> (%1 abgelaufen: CONTINUE angewendet, wird nicht mehr abgewartet)</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>überfällig</translation>
    </message>
    <message>
        <source>unknown — at most %1</source>
        <translation>unbekannt – höchstens %1</translation>
    </message>
    <message>
        <source>(the group&apos;s instance lifecycle policy keeps it running, and billed, until then)</source>
        <translation>(die Instanz-Lifecycle-Richtlinie der Gruppe lässt sie bis dahin laufen, kostenpflichtig)</translation>
    </message>
    <message>
        <source>which hooks it waits on is %1; Hookdesk does not guess: name the hook to complete it</source>
        <translation>auf welche Hooks sie wartet, ist %1; Hookdesk rät nicht: Nennen Sie den Hook, um ihn abzuschließen</translation>
    </message>
    <message>
        <source> (warm pool: %1)</source>
        <translation> (Warm-Pool: %1)</translation>
    </message>
    <message>
        <source>until terminated</source>
        <translation>bis zur Beendigung</translation>
    </message>
</context>
<context>
    <name>PendingActionModel</name>
    <message>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Hooks</source>
        <translation>Hooks</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Rest</translation>
    </message>
    <message>
        <source>(loading…)</source>
        <translation>(wird geladen…)</translation>
    </message>
    <message>
        <source>Kept alive until %1: a heartbeat every half heartbeat timeout</source>
        <translation>Am Leben gehalten bis %1: ein Heartbeat nach jedem halben Heartbeat-Timeout</translation>
    </message>
    <message>
        <source>Start of the wait unknown (first seen waiting at %2): the default result applies at the latest at %1</source>
        <translation>Beginn des Wartens unbekannt (erstmals wartend gesehen um %2): Das Standardergebnis greift spätestens um %1</translation>
    </message>
    <message>
        <source>Estimated: the default result applies around %1 (wait started ≈ %2)</source>
        <translation>Geschätzt: Das Standardergebnis greift gegen %1 (Warten begann ≈ %2)</translation>
    </message>
    <message>
        <source>Estimated time until the hook&apos;s timeout applies its default result</source>
        <translation>Geschätzte Zeit, bis das Timeout des Hooks sein Standardergebnis anwendet</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>The last refresh failed: this row is %1.</source>
        <translation>Die letzte Aktualisierung ist fehlgeschlagen; diese Zeile ist veraltet (%1).</translation>
    </message>
    <message>
        <source>%1 is on its way (%2): it waits on no hook, so there is nothing to continue, abandon or heartbeat. %3</source>
        <translation>%1 ist unterwegs (%2): Die Instanz wartet auf keinen Hook, es gibt also nichts für CONTINUE, ABANDON oder einen Heartbeat. %3</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>ProcessCredentialProvider</name>
    <message>
        <source>its output is not a JSON object</source>
        <translation>seine Ausgabe ist kein JSON-Objekt</translation>
    </message>
    <message>
        <source>its output has no &quot;Version&quot;: 1</source>
        <translation>seine Ausgabe hat kein &quot;Version&quot;: 1</translation>
    </message>
    <message>
        <source>its output lacks AccessKeyId or SecretAccessKey</source>
        <translation>seiner Ausgabe fehlt AccessKeyId oder SecretAccessKey</translation>
    </message>
    <message>
        <source>its Expiration is not an ISO 8601 time</source>
        <translation>seine Expiration ist keine Zeit nach ISO 8601</translation>
    </message>
    <message>
        <source>credential_process is empty</source>
        <translation>credential_process ist leer</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>it printed more than 1 MiB</source>
        <translation>es hat mehr als 1 MiB ausgegeben</translation>
    </message>
    <message>
        <source>it did not finish within %1 s</source>
        <translation>es wurde nicht innerhalb von %1 s fertig</translation>
    </message>
    <message>
        <source>it exited with code %1: %2</source>
        <translation>es endete mit Code %1: %2</translation>
    </message>
    <message>
        <source>it crashed: %1</source>
        <translation>es ist abgestürzt: %1</translation>
    </message>
    <message>
        <source>The credential_process of profile %1 gave no credentials: %2.</source>
        <translation>Der credential_process von Profil %1 lieferte keine Anmeldedaten: %2.</translation>
    </message>
</context>
<context>
    <name>Profile</name>
    <message>
        <source>A profile name is 1 to 64 letters, digits or . _ - @ + = , characters.</source>
        <translation>Ein Profilname besteht aus 1 bis 64 Buchstaben, Ziffern oder den Zeichen . _ - @ + = ,</translation>
    </message>
    <message>
        <source>Enter a region such as eu-west-1.</source>
        <translation>Geben Sie eine Region wie eu-west-1 ein.</translation>
    </message>
    <message>
        <source>A role ARN looks like arn:aws:iam::123456789012:role/name.</source>
        <translation>Ein Rollen-ARN sieht aus wie arn:aws:iam::123456789012:role/name.</translation>
    </message>
    <message>
        <source>A role needs a source profile whose keys are used to assume it.</source>
        <translation>Eine Rolle braucht ein Quellprofil, dessen Schlüssel sie übernehmen.</translation>
    </message>
    <message>
        <source>A profile cannot be its own source profile.</source>
        <translation>Ein Profil kann nicht sein eigenes Quellprofil sein.</translation>
    </message>
    <message>
        <source>The session duration must be between 900 and 43200 seconds.</source>
        <translation>Die Sitzungsdauer muss zwischen 900 und 43200 Sekunden liegen.</translation>
    </message>
    <message>
        <source>A source profile or external ID needs a role ARN.</source>
        <translation>Quellprofil oder externe ID brauchen einen Rollen-ARN.</translation>
    </message>
    <message>
        <source>The MFA session duration must be between 900 and 129600 seconds.</source>
        <translation>Die Dauer der MFA-Sitzung muss zwischen 900 und 129600 Sekunden liegen.</translation>
    </message>
    <message>
        <source>An IAM Identity Center profile cannot also assume a role or use an MFA device.</source>
        <translation>Ein Profil mit IAM Identity Center kann nicht zusätzlich eine Rolle übernehmen oder ein MFA-Gerät verwenden.</translation>
    </message>
</context>
<context>
    <name>ProfileConnectionTest</name>
    <message>
        <source>No credentials to test.</source>
        <translation>Keine Anmeldedaten zum Testen.</translation>
    </message>
</context>
<context>
    <name>ProfileCredentialProvider</name>
    <message>
        <source>The profile store is gone.</source>
        <translation>Der Profilspeicher ist nicht mehr vorhanden.</translation>
    </message>
</context>
<context>
    <name>ProfileFormCheck</name>
    <message>
        <source>Enter an access key ID and a secret access key.</source>
        <translation>Geben Sie eine Zugriffsschlüssel-ID und einen geheimen Zugriffsschlüssel ein.</translation>
    </message>
</context>
<context>
    <name>ProfileFormDialog</name>
    <message>
        <source>Edit profile</source>
        <translation>Profil bearbeiten</translation>
    </message>
    <message>
        <source>Add profile</source>
        <translation>Profil hinzufügen</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Profilname</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Endpoint URL</source>
        <translation>Endpunkt-URL</translation>
    </message>
    <message>
        <source>optional, e.g. a VPC endpoint</source>
        <translation>optional, z. B. ein VPC-Endpunkt</translation>
    </message>
    <message>
        <source>Role ARN</source>
        <translation>Rollen-ARN</translation>
    </message>
    <message>
        <source>optional: arn:aws:iam::123456789012:role/name</source>
        <translation>optional: arn:aws:iam::123456789012:role/name</translation>
    </message>
    <message>
        <source>Source profile</source>
        <translation>Quellprofil</translation>
    </message>
    <message>
        <source>MFA device</source>
        <translation>MFA-Gerät</translation>
    </message>
    <message>
        <source>optional: arn:aws:iam::123456789012:mfa/name</source>
        <translation>optional: arn:aws:iam::123456789012:mfa/name</translation>
    </message>
    <message>
        <source>Access key ID</source>
        <translation>Zugriffsschlüssel-ID</translation>
    </message>
    <message>
        <source>Secret access key</source>
        <translation>Geheimer Zugriffsschlüssel</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>&amp;Endpoint URL:</source>
        <translation>&amp;Endpunkt-URL:</translation>
    </message>
    <message>
        <source>Role &amp;ARN:</source>
        <translation>Rollen-&amp;ARN:</translation>
    </message>
    <message>
        <source>S&amp;ource profile:</source>
        <translation>&amp;Quellprofil:</translation>
    </message>
    <message>
        <source>&amp;MFA device:</source>
        <translation>&amp;MFA-Gerät:</translation>
    </message>
    <message>
        <source>Re&amp;place the access keys (rotation)</source>
        <translation>Zugriffsschlüssel er&amp;setzen (Rotation)</translation>
    </message>
    <message>
        <source>Replace the access keys</source>
        <translation>Zugriffsschlüssel ersetzen</translation>
    </message>
    <message>
        <source>Access &amp;key ID:</source>
        <translation>Zugriffsschlüssel-&amp;ID:</translation>
    </message>
    <message>
        <source>&amp;Secret access key:</source>
        <translation>&amp;Geheimer Zugriffsschlüssel:</translation>
    </message>
    <message>
        <source>stored in the keychain; tick above to replace</source>
        <translation>im Schlüsselbund gespeichert; zum Ersetzen oben ankreuzen</translation>
    </message>
</context>
<context>
    <name>ProfileImportReport</name>
    <message>
        <source>uses credential_process, whose keys are not Hookdesk&apos;s to copy; it is usable at run time as it stands: pick it with --profile %1 or AWS_PROFILE=%1.</source>
        <translation>verwendet credential_process, dessen Schlüssel Hookdesk nicht kopieren darf; das Profil ist zur Laufzeit unverändert nutzbar: Wählen Sie es mit --profile %1 oder AWS_PROFILE=%1.</translation>
    </message>
    <message>
        <source>Imported nothing.</source>
        <translation>Nichts importiert.</translation>
    </message>
    <message>
        <source>Imported %n profile(s): %1.</source>
        <translation>%n Profil(e) importiert: %1.</translation>
    </message>
    <message>
        <source>Skipped %n profile(s) Hookdesk has already (left as they are; use Edit to change them): %1.</source>
        <translation>%n bereits in Hookdesk vorhandene(s) Profil(e) übersprungen (unverändert gelassen; zum Ändern „Bearbeiten“ verwenden): %1.</translation>
    </message>
    <message>
        <source>Skipped %1: %2</source>
        <translation>%1 übersprungen: %2</translation>
    </message>
    <message>
        <source>%1 It is usable at run time as it stands: pick it with --profile %2 or AWS_PROFILE=%2.</source>
        <translation>%1 Es ist zur Laufzeit so verwendbar, wie es ist: Wählen Sie es mit --profile %2 oder AWS_PROFILE=%2.</translation>
    </message>
</context>
<context>
    <name>ProfileManagerDialog</name>
    <message>
        <source>AWS profiles</source>
        <translation>AWS-Profile</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>&amp;Use</source>
        <translation>&amp;Verwenden</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Import from ~/.aws</source>
        <translation>&amp;Importieren aus ~/.aws</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Profile status</source>
        <translation>Profilstatus</translation>
    </message>
    <message>
        <source>Profiles are not available in this session.</source>
        <translation>Profile sind in dieser Sitzung nicht verfügbar.</translation>
    </message>
    <message>
        <source>role %1</source>
        <translation>Rolle %1</translation>
    </message>
    <message>
        <source>No profile yet. Add one, or import your AWS CLI profiles.</source>
        <translation>Noch kein Profil. Fügen Sie eines hinzu oder importieren Sie Ihre AWS-CLI-Profile.</translation>
    </message>
    <message>
        <source>Saving %1 to the keychain…</source>
        <translation>%1 wird im Schlüsselbund gespeichert…</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation>Profil entfernen</translation>
    </message>
    <message>
        <source>Profile &lt;b&gt;%1&lt;/b&gt; and its keys are deleted from the keychain; they cannot be brought back. Type &lt;b&gt;%1&lt;/b&gt; to confirm.</source>
        <translation>Profil &lt;b&gt;%1&lt;/b&gt; und seine Schlüssel werden aus dem Schlüsselbund gelöscht; sie lassen sich nicht wiederherstellen. Geben Sie zur Bestätigung &lt;b&gt;%1&lt;/b&gt; ein.</translation>
    </message>
    <message>
        <source>Name of the profile to remove</source>
        <translation>Name des zu entfernenden Profils</translation>
    </message>
    <message>
        <source>Removing %1…</source>
        <translation>%1 wird entfernt…</translation>
    </message>
    <message>
        <source>Removed.</source>
        <translation>Entfernt.</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>No importable profile found in ~/.aws.</source>
        <translation>Kein importierbares Profil in ~/.aws gefunden.</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n profile(s)…</source>
        <translation>
            <numerusform>%n Profil wird importiert…</numerusform>
            <numerusform>%n Profile werden importiert…</numerusform>
        </translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>%1 wird getestet…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 works: account %2, %3</source>
        <translation>%1 funktioniert: Account %2, %3</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Forget kept session</source>
        <translation>Aufbewahrte Sitzung ver&amp;gessen</translation>
    </message>
    <message>
        <source>A session made with an MFA code is kept in the keychain, so that the next start asks for no code. Forget it to sign in anew.</source>
        <translation>Eine mit einem MFA-Code erstellte Sitzung wird im Schlüsselbund aufbewahrt, damit der nächste Start nach keinem Code fragt. Vergessen Sie sie, um sich neu anzumelden.</translation>
    </message>
    <message>
        <source>Forgetting the kept session of %1…</source>
        <translation>Aufbewahrte Sitzung von %1 wird vergessen…</translation>
    </message>
    <message>
        <source>The kept session of %1 stays in the keychain: %2</source>
        <translation>Die aufbewahrte Sitzung von %1 bleibt im Schlüsselbund: %2</translation>
    </message>
    <message>
        <source>Forgot the kept session of %1. The next start or switch to it asks for the MFA code again.</source>
        <translation>Aufbewahrte Sitzung von %1 vergessen. Der nächste Start oder Wechsel zu diesem Profil fragt erneut nach dem MFA-Code.</translation>
    </message>
    <message>
        <source>&amp;Sign in with IAM Identity Center…</source>
        <translation>&amp;Mit IAM Identity Center anmelden…</translation>
    </message>
    <message>
        <source>from ~/.aws</source>
        <translation>aus ~/.aws</translation>
    </message>
    <message>
        <source>Read from %1 at each use; Hookdesk does not copy or change it.</source>
        <translation>Wird bei jeder Verwendung aus %1 gelesen; Hookdesk kopiert oder ändert es nicht.</translation>
    </message>
    <message>
        <source>IAM Identity Center %1: %2 in %3</source>
        <translation>IAM Identity Center %1: %2 in %3</translation>
    </message>
    <message numerus="yes">
        <source>Added %n profile(s) of IAM Identity Center.</source>
        <translation>
            <numerusform>%n Profil von IAM Identity Center hinzugefügt.</numerusform>
            <numerusform>%n Profile von IAM Identity Center hinzugefügt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>A profile named %1 exists already.</source>
        <translation>Ein Profil namens %1 existiert bereits.</translation>
    </message>
    <message>
        <source>Enter an access key ID and a secret access key.</source>
        <translation>Geben Sie eine Zugriffsschlüssel-ID und einen geheimen Zugriffsschlüssel ein.</translation>
    </message>
    <message>
        <source>There is no profile named %1.</source>
        <translation>Es gibt kein Profil namens %1.</translation>
    </message>
    <message>
        <source>Profile %1 has no access keys stored.</source>
        <translation>Für Profil %1 sind keine Zugriffsschlüssel gespeichert.</translation>
    </message>
</context>
<context>
    <name>ProtectCommand</name>
    <message>
        <source>AWS takes at most 50 instances in one SetInstanceProtection call</source>
        <translation>AWS nimmt höchstens 50 Instanzen in einem SetInstanceProtection-Aufruf</translation>
    </message>
    <message>
        <source>change scale-in protection</source>
        <translation>Scale-in-Schutz ändern</translation>
    </message>
</context>
<context>
    <name>ProxyPasswordDialog</name>
    <message>
        <source>Proxy Authentication</source>
        <translation>Proxy-Authentifizierung</translation>
    </message>
    <message>
        <source>The proxy %1 asks for a user name and password. The request that met it failed; the next one (Refresh) uses what you enter here.</source>
        <translation>Der Proxy %1 verlangt einen Benutzernamen und ein Passwort. Die Anfrage, die auf ihn traf, ist fehlgeschlagen; die nächste (Aktualisieren) verwendet, was Sie hier eingeben.</translation>
    </message>
    <message>
        <source>Proxy user name</source>
        <translation>Proxy-Benutzername</translation>
    </message>
    <message>
        <source>Proxy password</source>
        <translation>Proxy-Passwort</translation>
    </message>
    <message>
        <source>&amp;Remember the password in the keychain</source>
        <translation>Passwort im Schlüsselbund &amp;merken</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
</context>
<context>
    <name>ProxyServer</name>
    <message>
        <source>&apos;%1&apos; is not a proxy URL like http://host:port.</source>
        <translation>„%1“ ist keine Proxy-URL wie http://host:port.</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: only http:// proxies are supported.</source>
        <translation>„%1“: Nur http://-Proxys werden unterstützt.</translation>
    </message>
</context>
<context>
    <name>ProxySettings</name>
    <message>
        <source>https via %1</source>
        <translation>https über %1</translation>
    </message>
    <message>
        <source>http via %1</source>
        <translation>http über %1</translation>
    </message>
    <message>
        <source>not for %1</source>
        <translation>nicht für %1</translation>
    </message>
</context>
<context>
    <name>QueryClient</name>
    <message>
        <source>The request timed out (%1).</source>
        <translation>Zeitüberschreitung der Anfrage (%1).</translation>
    </message>
    <message>
        <source>Secure connection to %1 failed: %2</source>
        <translation>Sichere Verbindung zu %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Host %1 not found. Check the region and endpoint URL.</source>
        <translation>Host %1 nicht gefunden. Prüfen Sie Region und Endpunkt-URL.</translation>
    </message>
    <message>
        <source>Connection to %1 refused.</source>
        <translation>Verbindung zu %1 abgelehnt.</translation>
    </message>
    <message>
        <source>%1 closed the connection after the request was sent: it may or may not have been applied.</source>
        <translation>%1 hat die Verbindung geschlossen, nachdem die Anfrage gesendet war: Sie wurde möglicherweise angewendet, möglicherweise nicht.</translation>
    </message>
    <message>
        <source>%1 closed the connection before answering.</source>
        <translation>%1 hat die Verbindung vor der Antwort geschlossen.</translation>
    </message>
    <message>
        <source>Network error talking to %1: %2</source>
        <translation>Netzwerkfehler bei der Verbindung mit %1: %2</translation>
    </message>
    <message>
        <source>The connection was closed.</source>
        <translation>Die Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>No usable credentials for this profile.</source>
        <translation>Keine verwendbaren Anmeldedaten für dieses Profil.</translation>
    </message>
    <message>
        <source>%1 took longer than %2 s to answer (%3).</source>
        <translation>%1 hat länger als %2 s für die Antwort gebraucht (%3).</translation>
    </message>
    <message>
        <source>The answer to %1 from %2 is larger than %3: stopped reading.</source>
        <translation>Die Antwort auf %1 von %2 ist größer als %3: Lesen gestoppt.</translation>
    </message>
    <message>
        <source>Proxy authentication failed on the way to %1: the proxy wants a user name and password that were not given or were refused.</source>
        <translation>Proxy-Authentifizierung auf dem Weg zu %1 fehlgeschlagen: Der Proxy verlangt einen Benutzernamen und ein Passwort, die nicht angegeben oder abgelehnt wurden.</translation>
    </message>
</context>
<context>
    <name>ReadOnlyBadge</name>
    <message>
        <source>READ-ONLY</source>
        <translation>NUR LESEN</translation>
    </message>
    <message>
        <source>Read-only mode is on</source>
        <translation>Der Nur-Lesen-Modus ist an</translation>
    </message>
    <message>
        <source>Every action that changes something in AWS is disabled</source>
        <translation>Jede Aktion, die etwas in AWS ändert, ist deaktiviert</translation>
    </message>
    <message>
        <source>Read-only mode is on: every action that changes something in AWS is disabled.</source>
        <translation>Der Nur-Lesen-Modus ist an: Jede Aktion, die etwas in AWS ändert, ist deaktiviert.</translation>
    </message>
</context>
<context>
    <name>RefreshActionCommand</name>
    <message>
        <source>read-only mode: nothing was sent</source>
        <translation>Nur-Lesen-Modus: Nichts wurde gesendet</translation>
    </message>
    <message>
        <source>Auto Scaling group %1 does not exist in this account and region; nothing was sent</source>
        <translation>Die Auto-Scaling-Gruppe %1 existiert in diesem Konto und dieser Region nicht; nichts wurde gesendet</translation>
    </message>
    <message>
        <source>cancel an instance refresh</source>
        <translation>einen Instance-Refresh abbrechen</translation>
    </message>
    <message>
        <source>roll back an instance refresh</source>
        <translation>einen Instance-Refresh zurückrollen</translation>
    </message>
    <message>
        <source>Type the group name to go ahead:</source>
        <translation>Geben Sie zum Fortfahren den Gruppennamen ein:</translation>
    </message>
    <message>
        <source>audit log: %1; nothing was sent</source>
        <translation>Audit-Protokoll: %1; nichts wurde gesendet</translation>
    </message>
    <message>
        <source>REFRESH</source>
        <translation>REFRESH</translation>
    </message>
    <message>
        <source>OUTCOME</source>
        <translation>ERGEBNIS</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <source>DETAIL</source>
        <translation>DETAIL</translation>
    </message>
    <message>
        <source>request %1</source>
        <translation>Anfrage %1</translation>
    </message>
</context>
<context>
    <name>RefreshConfirmDialog</name>
    <message>
        <source>Cancel instance refresh</source>
        <translation>Instance-Refresh abbrechen</translation>
    </message>
    <message>
        <source>Roll back instance refresh</source>
        <translation>Instance-Refresh zurückrollen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cancel the instance refresh of %1?&lt;/b&gt;</source>
        <translation>&lt;b&gt;Den Instance-Refresh von %1 abbrechen?&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Roll back the instance refresh of %1?&lt;/b&gt;</source>
        <translation>&lt;b&gt;Den Instance-Refresh von %1 zurückrollen?&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Type the group name (%1) to go ahead:</source>
        <translation>Geben Sie zum Fortfahren den Gruppennamen (%1) ein:</translation>
    </message>
    <message>
        <source>Group name to confirm</source>
        <translation>Gruppenname zur Bestätigung</translation>
    </message>
    <message>
        <source>Cancel refresh</source>
        <translation>Refresh abbrechen</translation>
    </message>
    <message>
        <source>Roll back refresh</source>
        <translation>Refresh zurückrollen</translation>
    </message>
    <message>
        <source>Keep it running</source>
        <translation>Weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Region %1</source>
        <translation>Region %1</translation>
    </message>
    <message>
        <source>Account %1 · %2</source>
        <translation>Account %1 · %2</translation>
    </message>
</context>
<context>
    <name>RefreshesCommand</name>
    <message>
        <source>no Auto Scaling group named &apos;%1&apos;</source>
        <translation>keine Auto-Scaling-Gruppe namens „%1“</translation>
    </message>
    <message>
        <source>Group %1 has no instance refreshes (AWS keeps six weeks of them).</source>
        <translation>Gruppe %1 hat keine Instance-Refreshes (AWS bewahrt sie sechs Wochen lang auf).</translation>
    </message>
    <message>
        <source>REFRESH</source>
        <translation>REFRESH</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <source>DONE</source>
        <translation>FERTIG</translation>
    </message>
    <message>
        <source>TO UPDATE</source>
        <translation>AUSSTEHEND</translation>
    </message>
    <message>
        <source>STARTED</source>
        <translation>GESTARTET</translation>
    </message>
    <message>
        <source>WAITING ON HOOKS</source>
        <translation>WARTET AUF HOOKS</translation>
    </message>
    <message>
        <source>REASON</source>
        <translation>GRUND</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>yes: %1</source>
        <translation>ja: %1</translation>
    </message>
</context>
<context>
    <name>Remediation</name>
    <message>
        <source>Terminate</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Set health to Healthy</source>
        <translation>Als Healthy markieren</translation>
    </message>
    <message>
        <source>Set health to Unhealthy</source>
        <translation>Als Unhealthy markieren</translation>
    </message>
    <message>
        <source>Enter standby</source>
        <translation>Auf Standby setzen</translation>
    </message>
    <message>
        <source>Exit standby</source>
        <translation>Standby verlassen</translation>
    </message>
    <message>
        <source>Protect from scale-in</source>
        <translation>Vor Scale-in schützen</translation>
    </message>
    <message>
        <source>Remove scale-in protection</source>
        <translation>Scale-in-Schutz entfernen</translation>
    </message>
    <message>
        <source>it is %1: it has left the group</source>
        <translation>sie ist %1: Sie hat die Gruppe verlassen</translation>
    </message>
    <message>
        <source>it is %1, and only an instance in %2 can enter standby</source>
        <translation>sie ist %1, und nur eine Instanz in %2 kann auf Standby gehen</translation>
    </message>
    <message>
        <source>it is %1, not in %2</source>
        <translation>sie ist %1, nicht in %2</translation>
    </message>
    <message>
        <source>it is already %1: it is on its way out</source>
        <translation>sie ist bereits %1: Sie verlässt gerade die Gruppe</translation>
    </message>
    <message>
        <source>it is %1: it is on its way out</source>
        <translation>sie ist %1: Sie verlässt gerade die Gruppe</translation>
    </message>
    <message>
        <source>%1 is not an instance of group %2 (it is in %3); nothing was sent</source>
        <translation>%1 ist keine Instanz der Gruppe %2 (sie ist in %3); nichts wurde gesendet</translation>
    </message>
    <message>
        <source>%1 is not an instance of group %2; nothing was sent</source>
        <translation>%1 ist keine Instanz der Gruppe %2; nichts wurde gesendet</translation>
    </message>
    <message>
        <source>%1: %2; nothing was sent</source>
        <translation>%1: %2; nichts wurde gesendet</translation>
    </message>
    <message>
        <source>%1 is on %2: AWS replaces it only once it leaves %2.</source>
        <translation>%1 ist in %2: AWS ersetzt sie erst, wenn sie %2 verlässt.</translation>
    </message>
    <message>
        <source>only %1 instances can enter %2</source>
        <translation>nur %1-Instanzen können in %2 wechseln</translation>
    </message>
    <message>
        <source>only %1 instances can exit %1</source>
        <translation>nur %1-Instanzen können %1 verlassen</translation>
    </message>
    <message>
        <source>only an instance not already terminating (or one retained) can be terminated</source>
        <translation>nur eine Instanz, die nicht schon beendet wird (oder eine zurückbehaltene), kann beendet werden</translation>
    </message>
    <message>
        <source>an instance on its way out of the group cannot be changed</source>
        <translation>eine Instanz, die gerade die Gruppe verlässt, kann nicht geändert werden</translation>
    </message>
    <message>
        <source>lowering desired capacity from %1 to %2 would go below the group&apos;s min size %3</source>
        <translation>die gewünschte Kapazität von %1 auf %2 zu senken, würde die Mindestgröße %3 der Gruppe unterschreiten</translation>
    </message>
    <message>
        <source>exiting %1 raises desired capacity from %2 to %3, above the group&apos;s max size %4</source>
        <translation>das Verlassen von %1 erhöht die gewünschte Kapazität von %2 auf %3, über die Maximalgröße %4 der Gruppe</translation>
    </message>
    <message>
        <source>%1 in %2 is retained, not terminated (Terminating:Retained): this terminates it now; its terminating hooks do not run again and no replacement is launched for it.</source>
        <translation>%1 in %2 ist zurückbehalten, nicht beendet (Terminating:Retained): Dies beendet sie jetzt; ihre Beendigungs-Hooks laufen nicht erneut, und für sie wird kein Ersatz gestartet.</translation>
    </message>
    <message>
        <source>%1 in %2 are retained, not terminated (Terminating:Retained): this terminates them now; their terminating hooks do not run again and no replacements are launched for them.</source>
        <translation>%1 in %2 sind zurückbehalten, nicht beendet (Terminating:Retained): Dies beendet sie jetzt; ihre Beendigungs-Hooks laufen nicht erneut, und für sie wird kein Ersatz gestartet.</translation>
    </message>
    <message>
        <source>With the desired capacity lowered as well, it still drops from %1 to %2, so the group also terminates an instance in service to match it.</source>
        <translation>Wird die gewünschte Kapazität ebenfalls gesenkt, sinkt sie trotzdem von %1 auf %2, daher beendet die Gruppe zum Ausgleich auch eine Instanz in Betrieb.</translation>
    </message>
    <message>
        <source>This terminates %1 in %2 and lowers desired capacity from %3 to %4; terminating lifecycle hooks run first.</source>
        <translation>Dies beendet %1 in %2 und senkt die gewünschte Kapazität von %3 auf %4; die Beendigungs-Lifecycle-Hooks laufen zuerst.</translation>
    </message>
    <message>
        <source>This terminates %1 in %2 and the group launches a replacement (desired capacity stays %3); terminating lifecycle hooks run first.</source>
        <translation>Dies beendet %1 in %2, und die Gruppe startet einen Ersatz (die gewünschte Kapazität bleibt %3); die Beendigungs-Lifecycle-Hooks laufen zuerst.</translation>
    </message>
    <message>
        <source>This marks %1 in %2 Healthy: the group keeps it in service (an instance the group is already replacing is not brought back).</source>
        <translation>Dies markiert %1 in %2 als Healthy: Die Gruppe behält sie in Betrieb (eine Instanz, die die Gruppe bereits ersetzt, wird nicht zurückgeholt).</translation>
    </message>
    <message>
        <source>This marks %1 in %2 Unhealthy, ignoring the health check grace period: the group terminates and replaces it; its terminating hooks run first.</source>
        <translation>Dies markiert %1 in %2 als Unhealthy, ohne die Karenzzeit der Zustandsprüfung zu beachten: Die Gruppe beendet und ersetzt sie; ihre Beendigungs-Hooks laufen zuerst.</translation>
    </message>
    <message>
        <source>This moves %1 in %2 to %3 and lowers desired capacity from %4 to %5: no replacement is launched; the instances stay in the group (and are billed) until they exit standby.</source>
        <translation>Dies verschiebt %1 in %2 nach %3 und senkt die gewünschte Kapazität von %4 auf %5: Es wird kein Ersatz gestartet; die Instanzen bleiben in der Gruppe (und werden berechnet), bis sie Standby verlassen.</translation>
    </message>
    <message numerus="yes">
        <source>This moves %1 in %2 to %3; desired capacity stays %4, so the group launches %n replacement(s) (their launch hooks run). The instances stay in the group (and are billed) until they exit standby.</source>
        <translation>
            <numerusform>Dies verschiebt %1 in %2 nach %3; die gewünschte Kapazität bleibt %4, daher startet die Gruppe %n Ersatzinstanz (ihre Start-Hooks laufen). Die Instanzen bleiben in der Gruppe (und werden berechnet), bis sie Standby verlassen.</numerusform>
            <numerusform>Dies verschiebt %1 in %2 nach %3; die gewünschte Kapazität bleibt %4, daher startet die Gruppe %n Ersatzinstanzen (ihre Start-Hooks laufen). Die Instanzen bleiben in der Gruppe (und werden berechnet), bis sie Standby verlassen.</numerusform>
        </translation>
    </message>
    <message>
        <source>This moves %1 in %2 out of %3: each goes back through %4 and its launch lifecycle hooks run again (%5) before it is %6; desired capacity from %7 to %8.</source>
        <translation>Dies holt %1 in %2 aus %3: Jede durchläuft wieder %4, und ihre Start-Lifecycle-Hooks laufen erneut (%5), bevor sie %6 ist; gewünschte Kapazität von %7 auf %8.</translation>
    </message>
    <message>
        <source>This protects %1 in %2 from scale-in: AWS will not pick them when the group shrinks (they can still be terminated on request or replaced when unhealthy).</source>
        <translation>Dies schützt %1 in %2 vor Scale-in: AWS wählt sie nicht, wenn die Gruppe schrumpft (sie können weiterhin auf Anforderung beendet oder als Unhealthy ersetzt werden).</translation>
    </message>
    <message>
        <source>This removes scale-in protection from %1 in %2: AWS may pick them when the group shrinks.</source>
        <translation>Dies entfernt den Scale-in-Schutz von %1 in %2: AWS darf sie wählen, wenn die Gruppe schrumpft.</translation>
    </message>
    <message>
        <source>could not read the group back: %1</source>
        <translation>Zurücklesen der Gruppe fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>AWS answered with an error, but the group shows the change</source>
        <translation>AWS hat mit einem Fehler geantwortet, aber die Gruppe zeigt die Änderung</translation>
    </message>
    <message>
        <source>AWS accepted the request, but the group does not show the change yet</source>
        <translation>AWS hat die Anfrage angenommen, aber die Gruppe zeigt die Änderung noch nicht</translation>
    </message>
    <message>
        <source>the instance is still in a scaling activity (launching or moving into Standby); nothing was changed, try again when it has finished (%1)</source>
        <translation>die Instanz ist noch in einer Skalierungsaktivität (Start oder Wechsel in Standby); es wurde nichts geändert, versuchen Sie es erneut, wenn sie beendet ist (%1)</translation>
    </message>
    <message>
        <source>AWS was still applying an earlier change to this group or instance, even after retries; nothing was changed, try again in a minute (%1)</source>
        <translation>AWS hat auch nach Wiederholungen noch eine frühere Änderung an dieser Gruppe oder Instanz angewendet; es wurde nichts geändert, versuchen Sie es in einer Minute erneut (%1)</translation>
    </message>
</context>
<context>
    <name>RemediationRunner</name>
    <message>
        <source>The connection was closed: nothing was sent.</source>
        <translation>Die Verbindung wurde geschlossen: Nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>The connection was closed before the outcome was known: look at the instance again.</source>
        <translation>Die Verbindung wurde geschlossen, bevor das Ergebnis bekannt war: Prüfen Sie die Instanz erneut.</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
    <message>
        <source>Read-only mode: nothing was sent.</source>
        <translation>Nur-Lesen-Modus: Nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>could not read group %1: %2; nothing was sent</source>
        <translation>Gruppe %1 nicht lesbar: %2; nichts wurde gesendet</translation>
    </message>
    <message>
        <source>Auto Scaling group %1 does not exist in this account and region; nothing was sent</source>
        <translation>Die Auto-Scaling-Gruppe %1 existiert in diesem Konto und dieser Region nicht; nichts wurde gesendet</translation>
    </message>
    <message>
        <source>%1; nothing was sent</source>
        <translation>%1; nichts wurde gesendet</translation>
    </message>
    <message>
        <source>audit log: %1; nothing was sent</source>
        <translation>Audit-Protokoll: %1; nichts wurde gesendet</translation>
    </message>
    <message>
        <source>sending…</source>
        <translation>wird gesendet…</translation>
    </message>
    <message>
        <source>Checking the result…</source>
        <translation>Ergebnis wird geprüft…</translation>
    </message>
    <message>
        <source>group %1 is no longer listed</source>
        <translation>Gruppe %1 wird nicht mehr aufgeführt</translation>
    </message>
    <message>
        <source>now %1</source>
        <translation>jetzt %1</translation>
    </message>
    <message>
        <source>no longer in the group</source>
        <translation>nicht mehr in der Gruppe</translation>
    </message>
</context>
<context>
    <name>RemedyCommand</name>
    <message>
        <source>--instance needs at least one instance ID</source>
        <translation>--instance braucht mindestens eine Instanz-ID</translation>
    </message>
    <message>
        <source>read-only mode: nothing was sent</source>
        <translation>Nur-Lesen-Modus: Nichts wurde gesendet</translation>
    </message>
    <message>
        <source>Auto Scaling group %1 does not exist in this account and region; nothing was sent</source>
        <translation>Die Auto-Scaling-Gruppe %1 existiert in diesem Konto und dieser Region nicht; nichts wurde gesendet</translation>
    </message>
    <message>
        <source>audit log: %1; nothing was sent</source>
        <translation>Audit-Protokoll: %1; nichts wurde gesendet</translation>
    </message>
    <message>
        <source>not an instance of group %1: %2; nothing was sent</source>
        <translation>keine Instanz der Gruppe %1: %2; nichts wurde gesendet</translation>
    </message>
    <message>
        <source>Type the group name to go ahead:</source>
        <translation>Geben Sie zum Fortfahren den Gruppennamen ein:</translation>
    </message>
    <message>
        <source>INSTANCE</source>
        <translation>INSTANZ</translation>
    </message>
    <message>
        <source>OUTCOME</source>
        <translation>ERGEBNIS</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>ZUSTAND</translation>
    </message>
    <message>
        <source>DETAIL</source>
        <translation>DETAIL</translation>
    </message>
    <message>
        <source>request %1</source>
        <translation>Anfrage %1</translation>
    </message>
    <message>
        <source>%1; nothing was sent</source>
        <translation>%1; nichts wurde gesendet</translation>
    </message>
    <message>
        <source>%1 is %2</source>
        <translation>%1 ist %2</translation>
    </message>
</context>
<context>
    <name>RemedyConfirmDialog</name>
    <message numerus="yes">
        <source>&lt;b&gt;%1: %n instance(s) of %2?&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%1: %n Instanz von %2?&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;%1: %n Instanzen von %2?&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Decrement the desired capacity (no replacement is launched)</source>
        <translation>Die gewünschte Kapazität &amp;senken (es wird kein Ersatz gestartet)</translation>
    </message>
    <message>
        <source>Instances</source>
        <translation>Instanzen</translation>
    </message>
    <message>
        <source>Type the group name (%1) to go ahead:</source>
        <translation>Geben Sie zum Fortfahren den Gruppennamen (%1) ein:</translation>
    </message>
    <message>
        <source>Group name to confirm</source>
        <translation>Gruppenname zur Bestätigung</translation>
    </message>
    <message>
        <source>Account not known yet</source>
        <translation>Account noch unbekannt</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Account %1</translation>
    </message>
</context>
<context>
    <name>RequestTimeoutDialog</name>
    <message>
        <source>Request Timeout</source>
        <translation>Anfrage-Timeout</translation>
    </message>
    <message>
        <source>The longest Hookdesk waits for one request to AWS, retries included. A server that answers more slowly is given up on and the error is shown; the next refresh tries again. Applies from the next request.</source>
        <translation>Die längste Zeit, die Hookdesk auf eine Anfrage an AWS wartet, Wiederholungen eingeschlossen. Antwortet ein Server langsamer, wird aufgegeben und der Fehler angezeigt; die nächste Aktualisierung versucht es erneut. Gilt ab der nächsten Anfrage.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Request timeout in seconds</source>
        <translation>Anfrage-Timeout in Sekunden</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>&amp;Timeout:</translation>
    </message>
    <message>
        <source>&amp;Default (%1 s)</source>
        <translation>&amp;Standard (%1 s)</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>Nothing is stored in the keychain under %1.</source>
        <translation>Im Schlüsselbund ist unter %1 nichts gespeichert.</translation>
    </message>
    <message>
        <source>No keychain service is running. On Linux, start a Secret Service provider (GNOME Keyring or KWallet) and unlock it, then try again.</source>
        <translation>Es läuft kein Schlüsselbund-Dienst. Starten Sie unter Linux einen Secret-Service-Anbieter (GNOME Keyring oder KWallet), entsperren Sie ihn und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The keychain is locked. Unlock it (for example by logging in to the desktop session) and try again.</source>
        <translation>Der Schlüsselbund ist gesperrt. Entsperren Sie ihn (zum Beispiel durch Anmelden an der Desktop-Sitzung) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Access to the keychain entry %1 was denied.</source>
        <translation>Der Zugriff auf den Schlüsselbund-Eintrag %1 wurde verweigert.</translation>
    </message>
    <message>
        <source>The value for %1 is too large for a keychain entry.</source>
        <translation>Der Wert für %1 ist zu groß für einen Schlüsselbund-Eintrag.</translation>
    </message>
    <message>
        <source>%1 cannot be used as a keychain entry name.</source>
        <translation>%1 kann nicht als Name eines Schlüsselbund-Eintrags verwendet werden.</translation>
    </message>
    <message>
        <source>The keychain could not handle %1.</source>
        <translation>Der Schlüsselbund konnte %1 nicht verarbeiten.</translation>
    </message>
</context>
<context>
    <name>SetHealthCommand</name>
    <message>
        <source>--status takes Healthy or Unhealthy, not &quot;%1&quot;</source>
        <translation>--status nimmt Healthy oder Unhealthy, nicht „%1“</translation>
    </message>
    <message>
        <source>set the health of instances</source>
        <translation>die Integrität von Instanzen setzen</translation>
    </message>
</context>
<context>
    <name>Simulator</name>
    <message>
        <source>cannot place an instance in %1</source>
        <translation>kann keine Instanz in %1 platzieren</translation>
    </message>
    <message>
        <source>scenario group without a name</source>
        <translation>Szenario-Gruppe ohne Namen</translation>
    </message>
    <message>
        <source>cannot read scenario %1: %2</source>
        <translation>Szenario %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>scenario is not a JSON object: %1</source>
        <translation>Szenario ist kein JSON-Objekt: %1</translation>
    </message>
    <message>
        <source>bad --generate item &apos;%1&apos; (expected groups=N,instances=M,hooks=K,waiting=F)</source>
        <translation>ungültiger --generate-Eintrag „%1“ (erwartet groups=N,instances=M,hooks=K,waiting=F)</translation>
    </message>
    <message>
        <source>--generate values out of range (hooks ≤ 50, 0 ≤ waiting ≤ 1)</source>
        <translation>--generate-Werte außerhalb des Bereichs (hooks ≤ 50, 0 ≤ waiting ≤ 1)</translation>
    </message>
    <message>
        <source>cannot place a warm-pool instance in %1</source>
        <translation>kann keine Warm-Pool-Instanz in %1 platzieren</translation>
    </message>
    <message>
        <source>sso account id &apos;%1&apos; is not 12 digits</source>
        <translation>SSO-Account-ID „%1“ hat nicht 12 Ziffern</translation>
    </message>
</context>
<context>
    <name>SsoCredentialProvider</name>
    <message>
        <source>Signed out of IAM Identity Center session &apos;%1&apos;%2. Sign in with &apos;hookdesk-cli sso login --session %1&apos; or Sign in with IAM Identity Center… in the profile manager.</source>
        <translation>Von der Sitzung „%1“ von IAM Identity Center abgemeldet%2. Melden Sie sich mit „hookdesk-cli sso login --session %1“ oder mit „Mit IAM Identity Center anmelden…“ in der Profilverwaltung an.</translation>
    </message>
    <message>
        <source>the sign-in has expired</source>
        <translation>die Anmeldung ist abgelaufen</translation>
    </message>
    <message>
        <source>IAM Identity Center answered without complete role credentials.</source>
        <translation>IAM Identity Center hat ohne vollständige Anmeldedaten für die Rolle geantwortet.</translation>
    </message>
</context>
<context>
    <name>SsoJsonCall</name>
    <message>
        <source>IAM Identity Center answered HTTP %1 with %2 bytes that are not the expected JSON.</source>
        <translation>IAM Identity Center hat HTTP %1 mit %2 Bytes geantwortet, die nicht das erwartete JSON sind.</translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>SsoSession</name>
    <message>
        <source>&apos;%1&apos; cannot name an IAM Identity Center session: use 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>„%1“ kann keine Sitzung von IAM Identity Center benennen: Verwenden Sie 1 bis 64 Buchstaben, Ziffern, „.“, „_“ oder „-“.</translation>
    </message>
    <message>
        <source>An IAM Identity Center start URL is required.</source>
        <translation>Eine Start-URL von IAM Identity Center ist erforderlich.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not look like an IAM Identity Center start URL, such as https://d-1234567890.awsapps.com/start.</source>
        <translation>„%1“ sieht nicht wie eine Start-URL von IAM Identity Center aus, etwa https://d-1234567890.awsapps.com/start.</translation>
    </message>
    <message>
        <source>The region of the IAM Identity Center directory is required.</source>
        <translation>Die Region des Verzeichnisses von IAM Identity Center ist erforderlich.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; does not look like an AWS region, such as eu-west-1.</source>
        <translation>„%1“ sieht nicht wie eine AWS-Region aus, etwa eu-west-1.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot name an IAM Identity Center session.</source>
        <translation>„%1“ kann keine Sitzung von IAM Identity Center benennen.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an AWS account ID (12 digits).</source>
        <translation>„%1“ ist keine AWS-Account-ID (12 Ziffern).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a permission set (role) name.</source>
        <translation>„%1“ ist kein Name eines Berechtigungssatzes (einer Rolle).</translation>
    </message>
</context>
<context>
    <name>SsoSignIn</name>
    <message>
        <source>The browser sign-in was not completed within ten minutes. Sign in again.</source>
        <translation>Die Anmeldung im Browser wurde nicht innerhalb von zehn Minuten abgeschlossen. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>IAM Identity Center registered no client.</source>
        <translation>IAM Identity Center hat keinen Client registriert.</translation>
    </message>
    <message>
        <source>IAM Identity Center answered with no token.</source>
        <translation>IAM Identity Center hat ohne Token geantwortet.</translation>
    </message>
    <message>
        <source>No local port could be opened for the browser&apos;s answer: %1</source>
        <translation>Für die Antwort des Browsers konnte kein lokaler Port geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Only the sign-in&apos;s redirect is served here.</source>
        <translation>Hier wird nur die Weiterleitung der Anmeldung bedient.</translation>
    </message>
    <message>
        <source>This is not the sign-in Hookdesk is waiting for.</source>
        <translation>Dies ist nicht die Anmeldung, auf die Hookdesk wartet.</translation>
    </message>
    <message>
        <source>The sign-in was given up: too many unexpected requests reached its local port.</source>
        <translation>Die Anmeldung wurde aufgegeben: Zu viele unerwartete Anfragen haben ihren lokalen Port erreicht.</translation>
    </message>
    <message>
        <source>The sign-in did not complete. You can close this tab.</source>
        <translation>Die Anmeldung wurde nicht abgeschlossen. Sie können diesen Tab schließen.</translation>
    </message>
    <message>
        <source>The sign-in was denied in the browser.</source>
        <translation>Die Anmeldung wurde im Browser abgelehnt.</translation>
    </message>
    <message>
        <source>IAM Identity Center ended the sign-in with %1.</source>
        <translation>IAM Identity Center hat die Anmeldung mit %1 beendet.</translation>
    </message>
    <message>
        <source>Signed in to Hookdesk. You can close this tab.</source>
        <translation>Bei Hookdesk angemeldet. Sie können diesen Tab schließen.</translation>
    </message>
    <message>
        <source>IAM Identity Center started no device sign-in.</source>
        <translation>IAM Identity Center hat keine Geräteanmeldung gestartet.</translation>
    </message>
    <message>
        <source>The sign-in code expired before it was approved. Sign in again for a new code.</source>
        <translation>Der Anmeldecode ist abgelaufen, bevor er bestätigt wurde. Melden Sie sich erneut an, um einen neuen Code zu erhalten.</translation>
    </message>
    <message>
        <source>IAM Identity Center renewed no token.</source>
        <translation>IAM Identity Center hat kein Token erneuert.</translation>
    </message>
</context>
<context>
    <name>SsoSignInDialog</name>
    <message>
        <source>Sign in with IAM Identity Center</source>
        <translation>Mit IAM Identity Center anmelden</translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation>Anmeldestatus</translation>
    </message>
    <message>
        <source>optional: a VPC endpoint or a local simulator</source>
        <translation>optional: ein VPC-Endpunkt oder ein lokaler Simulator</translation>
    </message>
    <message>
        <source>Show a code to confirm on another device instead of opening the browser</source>
        <translation>Einen Code zum Bestätigen auf einem anderen Gerät anzeigen, statt den Browser zu öffnen</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Session name</source>
        <translation>Sitzungsname</translation>
    </message>
    <message>
        <source>Start URL</source>
        <translation>Start-URL</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <source>Session &amp;name:</source>
        <translation>Sitzungs&amp;name:</translation>
    </message>
    <message>
        <source>Start &amp;URL:</source>
        <translation>Start-&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>&amp;Region:</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>&amp;Endpunkt:</translation>
    </message>
    <message>
        <source>Filter accounts and roles</source>
        <translation>Accounts und Rollen filtern</translation>
    </message>
    <message>
        <source>Accounts and roles</source>
        <translation>Accounts und Rollen</translation>
    </message>
    <message>
        <source>&amp;Add ticked as profiles</source>
        <translation>Angehakte als Profile hin&amp;zufügen</translation>
    </message>
    <message>
        <source>Profiles are not available in this session.</source>
        <translation>Profile sind in dieser Sitzung nicht verfügbar.</translation>
    </message>
    <message>
        <source>the endpoint field</source>
        <translation>Endpunkt-Feld</translation>
    </message>
    <message>
        <source>Open %1 on any device and confirm the code %2.</source>
        <translation>Öffnen Sie %1 auf einem beliebigen Gerät und bestätigen Sie den Code %2.</translation>
    </message>
    <message>
        <source>Sign in in the browser. Waiting for its answer…</source>
        <translation>Melden Sie sich im Browser an. Warte auf seine Antwort…</translation>
    </message>
    <message>
        <source>No browser could be opened. Open %1</source>
        <translation>Es konnte kein Browser geöffnet werden. Öffnen Sie %1</translation>
    </message>
    <message>
        <source>Signed in. Listing the accounts and roles…</source>
        <translation>Angemeldet. Accounts und Rollen werden aufgelistet…</translation>
    </message>
    <message>
        <source>Signed in, but the sign-in could not be kept in the keychain: %1</source>
        <translation>Angemeldet, aber die Anmeldung konnte nicht im Schlüsselbund aufbewahrt werden: %1</translation>
    </message>
    <message>
        <source>%1 (%2) — %3</source>
        <translation>%1 (%2) — %3</translation>
    </message>
    <message numerus="yes">
        <source>%n role(s) in %1 account(s). Tick the ones to add as profiles.</source>
        <translation>
            <numerusform>%n Rolle in %1 Account. Haken Sie sie an, um sie als Profil hinzuzufügen.</numerusform>
            <numerusform>%n Rollen in %1 Account(s). Haken Sie die an, die als Profile hinzugefügt werden sollen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick at least one role.</source>
        <translation>Haken Sie mindestens eine Rolle an.</translation>
    </message>
    <message numerus="yes">
        <source>Added %n profile(s): %1</source>
        <translation>
            <numerusform>%n Profil hinzugefügt: %1</numerusform>
            <numerusform>%n Profile hinzugefügt: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 was not added: %2</source>
        <translation>%1 wurde nicht hinzugefügt: %2</translation>
    </message>
</context>
<context>
    <name>StandbyCommand</name>
    <message>
        <source>AWS takes at most %1 instances in one %2 call</source>
        <translation>AWS nimmt höchstens %1 Instanzen in einem %2-Aufruf</translation>
    </message>
    <message>
        <source>move instances to Standby</source>
        <translation>Instanzen auf Standby setzen</translation>
    </message>
    <message>
        <source>move instances out of Standby</source>
        <translation>Instanzen aus Standby zurückholen</translation>
    </message>
</context>
<context>
    <name>StsClient</name>
    <message>
        <source>Enter the role ARN (arn:aws:iam::&lt;account&gt;:role/&lt;name&gt;).</source>
        <translation>Geben Sie den Rollen-ARN ein (arn:aws:iam::&lt;account&gt;:role/&lt;name&gt;).</translation>
    </message>
    <message>
        <source>The session name has 2 to 64 characters: letters, digits and + = , . @ - _.</source>
        <translation>Der Sitzungsname hat 2 bis 64 Zeichen: Buchstaben, Ziffern und + = , . @ - _.</translation>
    </message>
    <message>
        <source>The session duration must be between 900 seconds (15 minutes) and 43200 seconds (12 hours).</source>
        <translation>Die Sitzungsdauer muss zwischen 900 Sekunden (15 Minuten) und 43200 Sekunden (12 Stunden) liegen.</translation>
    </message>
    <message>
        <source>The external ID has 2 to 1224 characters: letters, digits and + = , . @ : / - _.</source>
        <translation>Die externe ID hat 2 bis 1224 Zeichen: Buchstaben, Ziffern und + = , . @ : / - _.</translation>
    </message>
    <message>
        <source>An MFA device needs a code, and a code needs the MFA device.</source>
        <translation>Ein MFA-Gerät braucht einen Code, und ein Code braucht das MFA-Gerät.</translation>
    </message>
    <message>
        <source>The MFA device is its ARN or serial number (9 to 256 characters).</source>
        <translation>Das MFA-Gerät wird durch seinen ARN oder seine Seriennummer angegeben (9 bis 256 Zeichen).</translation>
    </message>
    <message>
        <source>The MFA code has exactly 6 digits.</source>
        <translation>Der MFA-Code hat genau 6 Ziffern.</translation>
    </message>
    <message>
        <source>A session token lasts between 900 seconds (15 minutes) and 129600 seconds (36 hours).</source>
        <translation>Ein Sitzungstoken gilt zwischen 900 Sekunden (15 Minuten) und 129600 Sekunden (36 Stunden).</translation>
    </message>
    <message>
        <source>The web identity token must have 4 to 20000 characters.</source>
        <translation>Das Web-Identitäts-Token muss 4 bis 20000 Zeichen haben.</translation>
    </message>
</context>
<context>
    <name>TerminateCommand</name>
    <message>
        <source>terminate instances</source>
        <translation>Instanzen beenden</translation>
    </message>
</context>
<context>
    <name>ThemeManager</name>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>Follow the desktop&apos;s light or dark preference</source>
        <translation>Der Hell- oder Dunkel-Einstellung des Desktops folgen</translation>
    </message>
    <message>
        <source>Use this theme whatever the desktop prefers</source>
        <translation>Dieses Design unabhängig von der Desktop-Einstellung verwenden</translation>
    </message>
</context>
<context>
    <name>TimeoutNotice</name>
    <message>
        <source>the termination goes on</source>
        <translation>die Beendigung läuft weiter</translation>
    </message>
    <message>
        <source>the launch is abandoned: the instance is terminated and replaced</source>
        <translation>der Start wird abgebrochen: Die Instanz wird beendet und ersetzt</translation>
    </message>
    <message>
        <source>the launch goes on: the instance enters service</source>
        <translation>der Start läuft weiter: Die Instanz geht in Betrieb</translation>
    </message>
    <message>
        <source>its deadline</source>
        <translation>Fristende</translation>
    </message>
    <message>
        <source>%1 (%2): hook %3 timed out at ≈ %4 and AWS applied its default result, %5 — %6.</source>
        <translation>%1 (%2): Hook %3 ist abgelaufen (≈ %4) und AWS hat sein Standardergebnis angewendet, %5 – %6.</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
</context>
<context>
    <name>WarmPoolHook</name>
    <message>
        <source>unknown: the scaling activity and the group&apos;s hooks disagree</source>
        <translation>unbekannt: Die Skalierungsaktivität und die Hooks der Gruppe widersprechen sich</translation>
    </message>
    <message>
        <source>launched into the warm pool (scaling activity): its launch hooks</source>
        <translation>in den Warm-Pool gestartet (Skalierungsaktivität): ihre Start-Hooks</translation>
    </message>
    <message>
        <source>returning to the warm pool on scale in (scaling activity): its terminate hooks</source>
        <translation>kehrt bei Scale-in in den Warm-Pool zurück (Skalierungsaktivität): ihre Beendigungs-Hooks</translation>
    </message>
    <message>
        <source>the group has only launch hooks</source>
        <translation>die Gruppe hat nur Start-Hooks</translation>
    </message>
    <message>
        <source>the group has only terminate hooks</source>
        <translation>die Gruppe hat nur Beendigungs-Hooks</translation>
    </message>
    <message>
        <source>unknown: neither the scaling activities nor the group&apos;s hooks tell whether it is launching into the warm pool or returning to it on scale in</source>
        <translation>unbekannt: Weder die Skalierungsaktivitäten noch die Hooks der Gruppe zeigen, ob sie in den Warm-Pool startet oder bei Scale-in in ihn zurückkehrt</translation>
    </message>
</context>
<context>
    <name>WarmPoolText</name>
    <message>
        <source>group max</source>
        <translation>Gruppen-Max.</translation>
    </message>
    <message numerus="yes">
        <source>warm pool: %n instance(s), min %1, max prepared %2, %3</source>
        <translation>
            <numerusform>Warm-Pool: %n Instanz, Min. %1, max. vorbereitet %2, %3</numerusform>
            <numerusform>Warm-Pool: %n Instanzen, Min. %1, max. vorbereitet %2, %3</numerusform>
        </translation>
    </message>
    <message>
        <source>, reuse on scale in</source>
        <translation>, Rückkehr bei Scale-in</translation>
    </message>
    <message>
        <source>, being deleted (%1)</source>
        <translation>, wird gelöscht (%1)</translation>
    </message>
</context>
<context>
    <name>WebIdentity</name>
    <message>
        <source>The web identity token file %1 does not exist.</source>
        <translation>Die Web-Identitäts-Tokendatei %1 existiert nicht.</translation>
    </message>
    <message>
        <source>The web identity token file %1 is larger than 16 KiB; a token never is.</source>
        <translation>Die Web-Identitäts-Tokendatei %1 ist größer als 16 KiB; ein Token ist das nie.</translation>
    </message>
    <message>
        <source>The web identity token file %1 cannot be read: %2</source>
        <translation>Die Web-Identitäts-Tokendatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>The web identity token file %1 is empty.</source>
        <translation>Die Web-Identitäts-Tokendatei %1 ist leer.</translation>
    </message>
    <message>
        <source>Role %1 (web identity) could not be assumed: %2</source>
        <translation>Rolle %1 (Web-Identität) konnte nicht übernommen werden: %2</translation>
    </message>
</context>
<context>
    <name>WindowController</name>
    <message>
        <source>Read-only mode is on: turn it off to act.</source>
        <translation>Der Nur-Lesen-Modus ist an: Schalten Sie ihn aus, um zu handeln.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Desktop console for EC2 Auto Scaling lifecycle hooks</source>
        <translation>Desktop-Konsole für EC2-Auto-Scaling-Lifecycle-Hooks</translation>
    </message>
    <message>
        <source>Run against the built-in simulator with demo data (no AWS account needed).</source>
        <translation>Gegen den eingebauten Simulator mit Demodaten laufen (kein AWS-Account nötig).</translation>
    </message>
    <message>
        <source>Profile to connect with.</source>
        <translation>Profil, mit dem verbunden wird.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Region to use instead of the profile&apos;s.</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>region</source>
        <translation>Region, die statt der des Profils verwendet wird.</translation>
    </message>
    <message>
        <source>Start in read-only mode: nothing can be changed.</source>
        <translation>Im Nur-Lesen-Modus starten: Nichts kann geändert werden.</translation>
    </message>
    <message>
        <source>cannot start the simulator: %1</source>
        <translation>Simulator kann nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Cannot connect</source>
        <translation>Verbindung nicht möglich</translation>
    </message>
    <message>
        <source>Cannot start the demo</source>
        <translation>Demo kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>The built-in simulator could not start.</source>
        <translation>Der eingebaute Simulator konnte nicht starten.</translation>
    </message>
    <message>
        <source>--%1 needs a non-negative number</source>
        <translation>--%1 braucht eine nicht negative Zahl</translation>
    </message>
    <message>
        <source>TCP port on 127.0.0.1 (0 = any free port).</source>
        <translation>TCP-Port auf 127.0.0.1 (0 = beliebiger freier Port).</translation>
    </message>
    <message>
        <source>Load a JSON scenario file.</source>
        <translation>Eine JSON-Szenariodatei laden.</translation>
    </message>
    <message>
        <source>Generate an inventory: groups=N,instances=M,hooks=K,waiting=F.</source>
        <translation>Ein Inventar erzeugen: groups=N,instances=M,hooks=K,waiting=F.</translation>
    </message>
    <message>
        <source>Load the built-in demo scenario (the default when no scenario is given).</source>
        <translation>Das eingebaute Demo-Szenario laden (Standard, wenn kein Szenario angegeben ist).</translation>
    </message>
    <message>
        <source>Start with no groups at all.</source>
        <translation>Ganz ohne Gruppen starten.</translation>
    </message>
    <message>
        <source>Accepted access key as AKID:SECRET (repeatable), or &apos;none&apos; to accept unsigned requests. Default: the demo key.</source>
        <translation>Akzeptierter Zugriffsschlüssel als AKID:SECRET (wiederholbar) oder „none“, um unsignierte Anfragen zu akzeptieren. Standard: der Demo-Schlüssel.</translation>
    </message>
    <message>
        <source>Simulated seconds per real second.</source>
        <translation>Simulierte Sekunden pro echter Sekunde.</translation>
    </message>
    <message>
        <source>Account ID reported by STS.</source>
        <translation>Von STS gemeldete Account-ID.</translation>
    </message>
    <message>
        <source>Region used in ARNs and zones.</source>
        <translation>In ARNs und Zonen verwendete Region.</translation>
    </message>
    <message>
        <source>Role ARN whose AssumeRole needs MFA (&apos;*&apos; = every role; repeatable).</source>
        <translation>Rollen-ARN, dessen AssumeRole MFA braucht („*“ = jede Rolle; wiederholbar).</translation>
    </message>
    <message>
        <source>The MFA code AssumeRole accepts.</source>
        <translation>Der MFA-Code, den AssumeRole akzeptiert.</translation>
    </message>
    <message>
        <source>Fault: milliseconds added to every answer.</source>
        <translation>Störung: Millisekunden, die jeder Antwort hinzugefügt werden.</translation>
    </message>
    <message>
        <source>Fault: share of requests answered 500 InternalFailure.</source>
        <translation>Störung: Anteil der Anfragen, die mit 500 InternalFailure beantwortet werden.</translation>
    </message>
    <message>
        <source>Fault: share of requests answered 503 ServiceUnavailable.</source>
        <translation>Störung: Anteil der Anfragen, die mit 503 ServiceUnavailable beantwortet werden.</translation>
    </message>
    <message>
        <source>Fault: answer Throttling above this many requests per second.</source>
        <translation>Störung: oberhalb dieser Anzahl Anfragen pro Sekunde mit Throttling antworten.</translation>
    </message>
    <message>
        <source>Fault: share of connections closed without an answer.</source>
        <translation>Störung: Anteil der Verbindungen, die ohne Antwort geschlossen werden.</translation>
    </message>
    <message>
        <source>Fault: share of answers cut in the middle of the body.</source>
        <translation>Störung: Anteil der Antworten, die mitten im Inhalt abgeschnitten werden.</translation>
    </message>
    <message>
        <source>Fault: share of requests applied, then their connection closed without an answer.</source>
        <translation>Störung: Anteil der Anfragen, die angewendet werden und deren Verbindung dann ohne Antwort geschlossen wird.</translation>
    </message>
    <message>
        <source>Fault: share of requests applied, then answered 500 InternalFailure.</source>
        <translation>Störung: Anteil der Anfragen, die angewendet und dann mit 500 InternalFailure beantwortet werden.</translation>
    </message>
    <message>
        <source>Fault: seconds the server clock runs ahead (negative: behind).</source>
        <translation>Störung: Sekunden, die die Serveruhr vorgeht (negativ: nachgeht).</translation>
    </message>
    <message>
        <source>Random seed for faults and scenarios.</source>
        <translation>Zufalls-Seed für Fehler und Szenarien.</translation>
    </message>
    <message>
        <source>--credentials needs AKID:SECRET or none</source>
        <translation>--credentials braucht AKID:SECRET oder none</translation>
    </message>
    <message>
        <source>--port needs a number between 0 and 65535</source>
        <translation>--port braucht eine Zahl zwischen 0 und 65535</translation>
    </message>
    <message>
        <source>--time-scale needs a non-negative number</source>
        <translation>--time-scale braucht eine nicht negative Zahl</translation>
    </message>
    <message>
        <source>Local EC2 Auto Scaling + STS simulator</source>
        <translation>Lokaler Simulator für EC2 Auto Scaling und STS</translation>
    </message>
    <message>
        <source>cannot listen on 127.0.0.1:%1: %2</source>
        <translation>kann nicht auf 127.0.0.1:%1 lauschen: %2</translation>
    </message>
    <message>
        <source>Fault: share of Auto Scaling requests refused with 500 ResourceContention, not applied.</source>
        <translation>Störung: Anteil der Auto-Scaling-Anfragen, die mit 500 ResourceContention abgelehnt und nicht angewendet werden.</translation>
    </message>
    <message>
        <source>Open the fleet board too: every waiting instance across several accounts and regions.</source>
        <translation>Auch das Flotten-Board öffnen: jede wartende Instanz über mehrere Accounts und Regionen.</translation>
    </message>
    <message>
        <source>demo-eu</source>
        <translation>Demo-EU</translation>
    </message>
    <message>
        <source>IAM Identity Center sign-ins: &apos;auto&apos; approves each at once, &apos;manual&apos; waits for POST /sso/approve (or the browser page).</source>
        <translation>Anmeldungen bei IAM Identity Center: „auto“ bestätigt jede sofort, „manual“ wartet auf POST /sso/approve (oder die Browserseite).</translation>
    </message>
    <message>
        <source>--sso-approve needs auto or manual</source>
        <translation>--sso-approve braucht auto oder manual</translation>
    </message>
</context>
</TS>
