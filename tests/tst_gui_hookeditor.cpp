// Removing a hook's notification target: the editor turns emptied target and role fields into
// NotificationTargetARN= (nothing for an untouched or new hook), and the request, sent through the ActionController
// and the Auto Scaling client, leaves the simulator's hook without target and role (read back with
// DescribeLifecycleHooks). Before, the emptied fields were left out of the request and the save "succeeded".
#include "actioncontroller.h"
#include "autoscalingclient.h"
#include "hookeditordialog.h"
#include "launchscenario.h"
#include "tst_models_simsession.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

using namespace Qt::StringLiterals;

namespace {

const QString TargetArn = u"arn:aws:sqs:us-east-1:123456789012:lifecycle"_s;
const QString RoleArn = u"arn:aws:iam::123456789012:role/asg-notify"_s;

bool waitFinished(BulkActionJob* job)
{
    QSignalSpy finished(job, &BulkActionJob::finished);
    return job->isFinished() || finished.wait(10000);
}

} // namespace

class TestGuiHookEditor : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimSession> m_sim;
    std::unique_ptr<ActionController> m_controller;

    // The hook as DescribeLifecycleHooks reports it now.
    LifecycleHook describe(const QString& group, const QString& name)
    {
        LifecycleHook found;
        ResultJob<QList<LifecycleHook>>* job = m_sim->session->autoScaling()->describeLifecycleHooks(group, { name });
        QSignalSpy finished(job, &AwsJob::finished);
        if (!job->isFinished() && !finished.wait(10000))
            return found;
        if (!job->result().isEmpty())
            found = job->result().constFirst();
        return found;
    }

    bool put(const PutLifecycleHookRequest& request, QString* message)
    {
        BulkActionJob* job = m_controller->putHook(request);
        if (!waitFinished(job))
            return false;
        *message = job->items().value(0).message;
        return job->succeeded();
    }

private Q_SLOTS:
    void init()
    {
        m_sim = std::make_unique<SimSession>();
        QString error;
        QVERIFY2(m_sim->start(LaunchScenario::Json, &error), qPrintable(error));
        m_controller = std::make_unique<ActionController>(m_sim->session.get(), m_sim->store.get(), m_sim->audit.get());
        PutLifecycleHookRequest withTarget { u"web"_s, u"warm-up"_s, {}, {}, {}, {}, TargetArn, RoleArn };
        QString message;
        QVERIFY2(put(withTarget, &message), qPrintable(message));
        QCOMPARE(describe(u"web"_s, u"warm-up"_s).notificationTargetArn, TargetArn);
    }

    void cleanup()
    {
        m_controller.reset();
        m_sim.reset();
    }

    void emptiedFieldsRemoveTheTarget()
    {
        const LifecycleHook hook = describe(u"web"_s, u"warm-up"_s);
        HookEditorDialog dialog(hook);
        QCOMPARE(dialog.request().notificationTargetArn, std::optional<QString>(TargetArn)); // untouched: resent
        dialog.findChild<QLineEdit*>(u"targetEdit"_s)->clear();
        QVERIFY(!dialog.isValid()); // a role without its target is refused in the editor already
        dialog.findChild<QLineEdit*>(u"roleEdit"_s)->clear();
        QVERIFY(dialog.isValid());
        QVERIFY(dialog.saveButton()->isEnabled());
        const PutLifecycleHookRequest request = dialog.request();
        QCOMPARE(request.notificationTargetArn, std::optional<QString>(QString()));
        QVERIFY(request.notificationTargetArn->isEmpty());
        QVERIFY(!request.roleArn.has_value()); // AWS takes no empty RoleARN; the empty target removes the role

        QString message;
        QVERIFY2(put(request, &message), qPrintable(message));
        const LifecycleHook after = describe(u"web"_s, u"warm-up"_s);
        QCOMPARE(after.name, u"warm-up"_s);
        QVERIFY2(after.notificationTargetArn.isEmpty(), qPrintable(after.notificationTargetArn));
        QVERIFY2(after.roleArn.isEmpty(), qPrintable(after.roleArn));
        QCOMPARE(after.heartbeatTimeout, 600); // the rest of the hook is as it was
    }

    void untouchedOrNewHooksSendNoTarget()
    {
        LifecycleHook plain = describe(u"web"_s, u"register"_s);
        QVERIFY(plain.notificationTargetArn.isEmpty());
        HookEditorDialog edit(plain);
        QVERIFY(!edit.request().notificationTargetArn.has_value());
        QVERIFY(!edit.request().roleArn.has_value());

        HookEditorDialog create({ u"web"_s, u"api"_s }, u"api"_s);
        create.setHookName(u"drain"_s);
        QVERIFY(create.isValid());
        QVERIFY(!create.request().notificationTargetArn.has_value());
        QVERIFY(!create.request().roleArn.has_value());
    }

    // Issue 18.2: out-of-range input stays as typed, flagged with the allowed range, Save disabled until fixed.
    // Before, the spin box clamped to 30…7200: "10" turned back into 3600 on leaving the field and "691200" was cut
    // to 6912 ("1 h 55 min") while typing, and Save stayed enabled for the silently changed value.
    void outOfRangeHeartbeatIsShownNotChanged()
    {
        HookEditorDialog dialog({ u"web"_s }, u"web"_s);
        dialog.setHookName(u"drain"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* spin = dialog.findChild<QSpinBox*>(u"heartbeatSpin"_s);
        QVERIFY(spin);
        const auto type = [&](const QString& text) {
            spin->setFocus();
            spin->selectAll();
            QTest::keyClick(spin, Qt::Key_Delete);
            QTest::keyClicks(spin, text);
            dialog.findChild<QLineEdit*>(u"targetEdit"_s)->setFocus(); // leave the field
            QCoreApplication::processEvents();
        };

        type(u"10"_s);
        QCOMPARE(spin->value(), 10);
        QVERIFY2(spin->text().startsWith(u"10"_s), qPrintable(spin->text()));
        QVERIFY(!dialog.isValid());
        QVERIFY(!dialog.saveButton()->isEnabled());
        QVERIFY2(dialog.fieldError(u"heartbeat"_s).contains(u"30 s to 2 h"_s),
            qPrintable(dialog.fieldError(u"heartbeat"_s)));
        const QString hint = dialog.findChild<QLabel*>(u"heartbeatHint"_s)->text();
        QVERIFY2(hint.contains(u"30 s–2 h"_s), qPrintable(hint));

        type(u"691200"_s);
        QCOMPARE(spin->value(), 691200);
        QVERIFY(!dialog.saveButton()->isEnabled());
        QVERIFY(!dialog.fieldError(u"heartbeat"_s).isEmpty());

        type(u"600"_s);
        QCOMPARE(spin->value(), 600);
        QVERIFY(dialog.fieldError(u"heartbeat"_s).isEmpty());
        QVERIFY(dialog.saveButton()->isEnabled());
        QCOMPARE(dialog.request().heartbeatTimeout, std::optional<int>(600));
    }

    // Issue 18.2: the dialog fits 800×500 logical pixels (at 2× its buttons stayed off screen) by scrolling its form,
    // and the GlobalTimeout sentence is shown whole, not cut to one line.
    void fitsAndShowsTheGlobalTimeoutWhole()
    {
        HookEditorDialog dialog({ u"web"_s }, u"web"_s);
        dialog.setHeartbeatTimeout(3000); // 100 × 3000 s is capped at 48 h: the longest sentence
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY2(dialog.height() <= 500 && dialog.width() <= 800,
            qPrintable(u"%1×%2"_s.arg(dialog.width()).arg(dialog.height())));
        QVERIFY(dialog.saveButton()->isVisible());
        const QPushButton* save = dialog.saveButton();
        QVERIFY(dialog.rect().contains(QRect(save->mapTo(&dialog, QPoint(0, 0)), save->size())));
        const auto* global = dialog.findChild<QLabel*>(u"globalValue"_s);
        QVERIFY(global);
        QVERIFY2(global->text().contains(u"capped at 48 h"_s), qPrintable(global->text()));
        QVERIFY2(global->height() >= global->heightForWidth(global->width()),
            qPrintable(u"%1 < %2"_s.arg(global->height()).arg(global->heightForWidth(global->width()))));
    }
};

QTEST_MAIN(TestGuiHookEditor)
#include "tst_gui_hookeditor.moc"
