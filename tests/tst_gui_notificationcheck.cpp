// Issue 18 item 5, "Complete from notification" checks what it is given: a second paste replaces every field of the
// first (a notification without a token or instance leaves those empty, not the old ones); the dialog says how old
// the notification is and whether the instance still waits on that hook now ("checking…" until a fresh read of
// its group answers, then "waiting" or "not waiting"); a notification of another account or region is refused
// with the reason and Complete/Heartbeat disabled.
#include "credentialprovider.h"
#include "inventorystore.h"
#include "mainwindow.h"
#include "notificationdialog.h"
#include "screenshot.h"
#include "simengine.h"
#include "simulatorfixture.h"
#include "tst_gui_simwindow.h"

#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QByteArray Scenario = R"({ "groups": [
  { "name": "web", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "warm-up", "transition": "launching", "heartbeatTimeout": 600, "defaultResult": "ABANDON" } ],
    "instances": [ { "state": "InService", "count": 1 }, { "state": "Pending:Wait", "count": 1, "elapsed": 20 } ] }
] })";

// A notification as Auto Scaling sends it to SQS, `ageSeconds` old; empty arguments leave the field out.
QString notification(const QString& account, const QString& instance, const QString& token, qint64 ageSeconds,
    const QString& hook = u"warm-up"_s)
{
    QStringList fields { uR"("Origin":"EC2")"_s, uR"("Destination":"AutoScalingGroup")"_s,
        uR"("LifecycleTransition":"autoscaling:EC2_INSTANCE_LAUNCHING")"_s, uR"("AutoScalingGroupName":"web")"_s,
        uR"("LifecycleHookName":"%1")"_s.arg(hook),
        uR"("Time":"%1")"_s.arg(QDateTime::currentDateTimeUtc().addSecs(-ageSeconds).toString(Qt::ISODateWithMs)) };
    if (!account.isEmpty())
        fields << uR"("AccountId":"%1")"_s.arg(account);
    if (!instance.isEmpty())
        fields << uR"("EC2InstanceId":"%1")"_s.arg(instance);
    if (!token.isEmpty())
        fields << uR"("LifecycleActionToken":"%1")"_s.arg(token);
    return u"{"_s + fields.join(u',') + u"}"_s;
}

} // namespace

class TestGuiNotificationCheck : public QObject {
    Q_OBJECT

private:
    SimWindow m_fx;
    SimPendingAction m_action;

    NotificationDialog* openNotificationDialog()
    {
        m_fx.window->completeFromNotification();
        return visibleDialog<NotificationDialog>(m_fx.window.get());
    }

private Q_SLOTS:
    void init()
    {
        m_fx.open(Scenario, 1);
        if (QTest::currentTestFailed())
            return;
        m_action = m_fx.sim->simulator().pendingActions(u"web"_s).value(0);
        QVERIFY(!m_action.instanceId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!m_fx.window->session()->account().isEmpty(), 10000);
    }

    void cleanup() { m_fx.close(); }

    // Before: a second paste that could not be read (or named less) kept the first one's instance and token.
    void secondPasteReplacesEveryField()
    {
        NotificationDialog* dialog = openNotificationDialog();
        QVERIFY(dialog);
        const QString account = m_fx.window->session()->account();
        dialog->setJson(notification(account, m_action.instanceId, m_action.token, 60));
        QCOMPARE(dialog->instanceId(), m_action.instanceId);
        QCOMPARE(dialog->token(), m_action.token);
        // Another notification: every field is its own.
        const QString otherToken = u"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"_s;
        dialog->setJson(notification(account, u"i-0123456789abcdef0"_s, otherToken, 60, u"drain"_s));
        QCOMPARE(dialog->hookName(), u"drain"_s);
        QCOMPARE(dialog->instanceId(), u"i-0123456789abcdef0"_s);
        QCOMPARE(dialog->token(), otherToken);
        // One without instance and token: refused with what it lacks, and nothing of the earlier paste is left.
        dialog->setJson(notification(account, m_action.instanceId, m_action.token, 60));
        dialog->setJson(notification(account, {}, {}, 60));
        QVERIFY2(dialog->statusText().contains(u"EC2InstanceId"_s), qPrintable(dialog->statusText()));
        QCOMPARE(dialog->groupName(), QString());
        QCOMPARE(dialog->instanceId(), QString());
        QCOMPARE(dialog->token(), QString());
        QVERIFY(!dialog->completeButton()->isEnabled());
        // Not a notification at all: the same.
        dialog->setJson(notification(account, m_action.instanceId, m_action.token, 60));
        dialog->setJson(u"{\"not\": \"a notification\"}"_s);
        QCOMPARE(dialog->instanceId(), QString());
        QCOMPARE(dialog->token(), QString());
    }

    void showsTheAgeAndWhetherTheInstanceStillWaits()
    {
        NotificationDialog* dialog = openNotificationDialog();
        QVERIFY(dialog);
        dialog->setJson(notification(m_fx.window->session()->account(), m_action.instanceId, m_action.token, 180));
        QVERIFY2(dialog->ageText().contains(u"3 min ago"_s), qPrintable(dialog->ageText()));
        QCOMPARE(dialog->waitStatus().text, u"checking…"_s);
        QTRY_COMPARE_WITH_TIMEOUT(int(dialog->waitStatus().state), int(NotificationWaitStatus::State::Waiting), 10000);
        QVERIFY2(dialog->waitStatus().text.startsWith(u"waiting"_s), qPrintable(dialog->waitStatus().text));
        QVERIFY(dialog->completeButton()->isEnabled());
        TestSupport::screenshot(dialog, u"18-5-notification-waiting"_s);

        // An instance that is not in the group (a notification for one long gone): "not waiting", said why.
        dialog->setJson(notification(m_fx.window->session()->account(), u"i-0123456789abcdef0"_s,
            u"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"_s, 7200));
        QVERIFY2(dialog->ageText().contains(u"2 h ago"_s), qPrintable(dialog->ageText()));
        QTRY_COMPARE_WITH_TIMEOUT(
            int(dialog->waitStatus().state), int(NotificationWaitStatus::State::NotWaiting), 10000);
        QVERIFY2(
            dialog->waitStatus().text.contains(u"no longer in group web"_s), qPrintable(dialog->waitStatus().text));

        // The hook is completed meanwhile (by someone else): the same paste now reads "not waiting".
        QString error;
        QVERIFY2(succeeded(m_fx.sim->simulator().engine().completeAction(
                               u"web"_s, u"warm-up"_s, {}, m_action.instanceId, u"CONTINUE"_s),
                     &error),
            qPrintable(error));
        dialog->setJson(notification(m_fx.window->session()->account(), m_action.instanceId, m_action.token, 60));
        QTRY_COMPARE_WITH_TIMEOUT(
            int(dialog->waitStatus().state), int(NotificationWaitStatus::State::NotWaiting), 10000);
        QVERIFY2(dialog->waitStatus().text.startsWith(u"not waiting"_s), qPrintable(dialog->waitStatus().text));
    }

    void anotherAccountOrRegionIsRefusedWithTheReason()
    {
        NotificationDialog* dialog = openNotificationDialog();
        QVERIFY(dialog);
        dialog->setJson(notification(u"999999999999"_s, m_action.instanceId, m_action.token, 60));
        QVERIFY(!dialog->completeButton()->isEnabled());
        QVERIFY(!dialog->heartbeatButton()->isEnabled());
        QVERIFY2(dialog->statusText().contains(u"account 999999999999"_s), qPrintable(dialog->statusText()));
        TestSupport::screenshot(dialog, u"18-5-notification-other-account"_s);
        QVERIFY(dialog->completeButton()->toolTip().contains(u"999999999999"_s));

        // Another region: an EventBridge event names it.
        const QString event = uR"({"version":"0","id":"1","detail-type":"EC2 Instance-launch Lifecycle Action",)"
                              uR"("source":"aws.autoscaling","account":"%1","region":"eu-central-1",)"
                              uR"("time":"%4","detail":{"LifecycleActionToken":"%3",)"
                              uR"("AutoScalingGroupName":"web","LifecycleHookName":"warm-up","EC2InstanceId":"%2",)"
                              uR"("LifecycleTransition":"autoscaling:EC2_INSTANCE_LAUNCHING"}})"_s.arg(
                                  m_fx.window->session()->account(), m_action.instanceId, m_action.token,
                                  QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        dialog->setJson(event);
        QCOMPARE(dialog->instanceId(), m_action.instanceId);
        QVERIFY(!dialog->completeButton()->isEnabled());
        QVERIFY2(dialog->statusText().contains(u"region eu-central-1"_s), qPrintable(dialog->statusText()));
    }
};

QTEST_MAIN(TestGuiNotificationCheck)
#include "tst_gui_notificationcheck.moc"
