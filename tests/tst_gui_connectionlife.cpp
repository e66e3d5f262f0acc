// The window's connection life (issue 17), against the in-process simulator: a profile switch or a close during a
// bulk action asks first and leaves every sent item with an outcome record; a cancelled MFA prompt does not come
// back at the next automatic refresh; a credential error at start is shown, not replaced by the demo; the demo
// writes to its own audit log.
#include "actioncontroller.h"
#include "auditlog.h"
#include "auditrecords.h"
#include "credentialprovider.h"
#include "mainwindow.h"
#include "mfapromptdialog.h"
#include "pendingactionmodel.h"
#include "refreshcontroller.h"
#include "simulatorfixture.h"

#include <QAction>
#include <QComboBox>
#include <QFrame>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Asks the prompter for a code at every fetch that finds no code yet (one prompt for concurrent fetches), like an
// AssumeRole provider whose role demands MFA.
class MfaGatedProvider : public CredentialProvider {
public:
    MfaGatedProvider(const Credentials& credentials, MfaPrompter* prompter)
        : m_credentials(credentials)
        , m_prompter(prompter)
    {
    }
    void fetchCredentials(const Callback& done) override
    {
        if (m_signedIn) {
            QTimer::singleShot(0, this, [this, done] { done(m_credentials, {}); });
            return;
        }
        m_waiting << done;
        if (m_waiting.size() > 1)
            return;
        m_prompter->requestCode(
            { u"prod"_s, u"arn:aws:iam::123456789012:role/ops"_s, u"mfa"_s }, [this](const QString& code) {
                m_signedIn = !code.isEmpty();
                const auto waiting = std::exchange(m_waiting, {});
                for (const Callback& callback : waiting)
                    callback(m_signedIn ? m_credentials : Credentials(),
                        m_signedIn ? AwsError() : AwsError::credentials(u"No MFA code was entered."_s));
            });
    }

private:
    Credentials m_credentials;
    MfaPrompter* m_prompter;
    QList<Callback> m_waiting;
    bool m_signedIn = false;
};

} // namespace

class TestGuiConnectionLife : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<StaticCredentialProvider> m_credentials;
    std::unique_ptr<MainWindow> m_window;
    int m_completes = 0; // CompleteLifecycleAction requests the simulator answered

    ConnectionSettings settingsFor(const QString& profile) const
    {
        ConnectionSettings settings;
        settings.profileName = profile;
        settings.region = m_sim->simulator().options().region;
        settings.endpointUrl = m_sim->url();
        return settings;
    }

    QString auditPath() const
    {
        return m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + u".jsonl"_s);
    }

    void startSimulator(int waiting, int latencyMs)
    {
        SimulatorOptions options = SimulatorFixture::defaultOptions();
        options.faults.latencyMs = latencyMs;
        m_sim = std::make_unique<SimulatorFixture>(options);
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        QVERIFY2(succeeded(m_sim->simulator().createGroup(u"web"_s, 0, 20, 0), &error), qPrintable(error));
        QVERIFY2(succeeded(m_sim->simulator().putLifecycleHook(u"web"_s, u"warm-up"_s,
                               QString::fromLatin1(LifecycleTransition::Launching), 3600, u"ABANDON"_s),
                     &error),
            qPrintable(error));
        QVERIFY2(succeeded(m_sim->simulator().setDesiredCapacity(u"web"_s, waiting), &error), qPrintable(error));
        m_sim->simulator().advance(10);
        connect(&m_sim->simulator(), &Simulator::requestServed, this, [this](const QString& action, int) {
            if (action == u"CompleteLifecycleAction"_s)
                ++m_completes;
        });
    }

    void openWindow(CredentialProvider* credentials, int expectedPending)
    {
        m_window = std::make_unique<MainWindow>();
        m_window->setAuditLogPath(auditPath());
        m_window->connectTo(credentials, settingsFor(u"test"_s));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        if (expectedPending < 0)
            return;
        QTRY_VERIFY_WITH_TIMEOUT(m_window->store()->hasLoaded(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->pendingView()->model()->rowCount(), expectedPending, 20000);
    }

    // A CONTINUE for every waiting instance, two at a time, caught with some items sent and others queued.
    QPointer<BulkActionJob> startBulkAndCatchItInFlight()
    {
        ActionController* actions = m_window->actionController();
        actions->setMaxConcurrentRequests(2);
        QPointer<BulkActionJob> job = actions->complete(actions->allPendingTargets(), u"CONTINUE"_s);
        [&] {
            QTRY_VERIFY_WITH_TIMEOUT(job && job->countIn(BulkActionJob::ItemState::Running) > 0, 10000);
            QVERIFY(job->countIn(BulkActionJob::ItemState::Queued) > 0);
        }();
        return job;
    }

    QMessageBox* runningActionsBox() const
    {
        for (QMessageBox* box : m_window->findChildren<QMessageBox*>(u"runningActionsBox"_s)) {
            if (box->isVisible())
                return box; // an earlier one may still wait for its deleteLater()
        }
        return nullptr;
    }

    // Every intent in the audit log has an outcome for the same instance and attempt; returns the intents.
    int checkEveryIntentHasAnOutcome()
    {
        const QList<AuditRecord> records = AuditLog(auditPath()).readAll();
        QStringList intents;
        QStringList outcomes;
        for (const AuditRecord& record : records)
            (record.phase == u"intent"_s ? intents : outcomes) << record.instance;
        for (const QString& instance : std::as_const(intents))
            [&] { QVERIFY2(outcomes.contains(instance), qPrintable(u"no outcome for "_s + instance)); }();
        return int(intents.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void cleanup()
    {
        m_window.reset();
        m_credentials.reset();
        m_sim.reset();
        m_completes = 0;
    }

    void profileSwitchDuringBulkActionAsksAndRecordsEverySentItem()
    {
        startSimulator(8, 300);
        m_credentials = std::make_unique<StaticCredentialProvider>(m_sim->credentials());
        openWindow(m_credentials.get(), 8);
        QPointer<BulkActionJob> job = startBulkAndCatchItInFlight();
        QSignalSpy switched(m_window.get(), &MainWindow::connectionRequested);
        auto* region = m_window->findChild<QComboBox*>(u"regionCombo"_s);
        region->setCurrentText(u"eu-west-1"_s);
        Q_EMIT region->activated(region->currentIndex());
        QMessageBox* box = runningActionsBox();
        QVERIFY(box);
        QVERIFY(box->text().contains(u"still running"_s));
        QCOMPARE(switched.size(), 0);

        // Wait: nothing changes, the picker goes back to the connection in use.
        box->findChild<QPushButton*>(u"waitButton"_s)->click();
        QCOMPARE(switched.size(), 0);
        QCOMPARE(region->currentText(), m_sim->simulator().options().region);
        QVERIFY(job && !job->isFinished());

        Q_EMIT region->activated(region->currentIndex());
        box = runningActionsBox();
        QVERIFY(box);
        box->findChild<QPushButton*>(u"stopNowButton"_s)->click();
        QTRY_COMPARE(switched.size(), 1);
        QVERIFY(job && job->isFinished());
        QCOMPARE(job->countIn(BulkActionJob::ItemState::Queued) + job->countIn(BulkActionJob::ItemState::Running), 0);
        QVERIFY(job->countIn(BulkActionJob::ItemState::Refused) > 0); // the queued ones were not sent
        const int intents = checkEveryIntentHasAnOutcome();
        QVERIFY(intents > 0);
        QCOMPARE(intents + job->countIn(BulkActionJob::ItemState::Refused), 8);
        // The window moves on to a new connection (the controller and this job, not reparented here, go).
        m_window->connectTo(m_credentials.get(), settingsFor(u"test"_s));
        QTest::qWait(800); // answers still on their way are ignored, not written twice
        QCOMPARE(checkEveryIntentHasAnOutcome(), intents);
        QVERIFY(m_completes <= intents); // nothing queued went out
    }

    void closeDuringBulkActionAsksAndWaitsForTheAnswers()
    {
        startSimulator(6, 300);
        m_credentials = std::make_unique<StaticCredentialProvider>(m_sim->credentials());
        openWindow(m_credentials.get(), 6);
        QPointer<BulkActionJob> job = startBulkAndCatchItInFlight();
        QVERIFY(!m_window->close());
        QVERIFY(m_window->isVisible());
        QMessageBox* box = runningActionsBox();
        QVERIFY(box);
        box->findChild<QPushButton*>(u"stopAfterCurrentButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), 20000);
        QVERIFY(job && job->isFinished());
        // The requests sent were answered and checked: done, not unknown; the queued ones were not sent.
        QCOMPARE(job->countIn(BulkActionJob::ItemState::Unknown), 0);
        QVERIFY(job->countIn(BulkActionJob::ItemState::Done) > 0);
        QVERIFY(job->countIn(BulkActionJob::ItemState::Refused) > 0);
        QCOMPARE(checkEveryIntentHasAnOutcome(), job->countIn(BulkActionJob::ItemState::Done));
        QCOMPARE(m_completes, job->countIn(BulkActionJob::ItemState::Done));
    }

    // A run killed between sending and recording left an intent: the window checks it after its first load, writes
    // the reconciled record and says so in a banner above the lists.
    void interruptedRunIsReconciledWithABanner()
    {
        startSimulator(2, 0);
        QString waiting;
        for (const SimInstanceInfo& info : m_sim->simulator().instances(u"web"_s)) {
            if (info.lifecycleState == u"Pending:Wait"_s)
                waiting = info.instanceId;
        }
        QVERIFY(!waiting.isEmpty());
        const AuditRecord intent
            = AuditRecords::intent(m_sim->simulator().options().region, u"web"_s, u"warm-up"_s, waiting, u"CONTINUE"_s);
        QVERIFY(AuditLog(auditPath()).append(intent));

        m_credentials = std::make_unique<StaticCredentialProvider>(m_sim->credentials());
        openWindow(m_credentials.get(), 2);
        QLabel* banner = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (banner = m_window->findChild<QLabel*>(u"auditNotice"_s)) && banner->isVisible(), 20000);
        QVERIFY2(
            banner->text().contains(u"interrupted"_s) && banner->text().contains(waiting), qPrintable(banner->text()));
        QVERIFY2(banner->text().contains(u"not-applied"_s), qPrintable(banner->text())); // it still waits
        int reconciled = 0;
        for (const AuditRecord& record : AuditLog(auditPath()).readAll())
            reconciled += record.phase == u"reconciled"_s && record.id == intent.id ? 1 : 0;
        QCOMPARE(reconciled, 1);
        QCOMPARE(m_completes, 0); // reading back sends nothing
    }

    void cancelledMfaPromptWaitsForTheOperator()
    {
        startSimulator(0, 0);
        m_window = std::make_unique<MainWindow>();
        DialogMfaPrompter prompter(m_window.get());
        m_window->setMfaPrompter(&prompter);
        MfaGatedProvider provider(m_sim->credentials(), &prompter);
        m_window->setAuditLogPath(auditPath());
        m_window->connectTo(&provider, settingsFor(u"prod"_s));
        m_window->refreshController()->setIntervalSeconds(1);
        m_window->show();
        QTRY_VERIFY(m_window->findChild<MfaPromptDialog*>());
        QCOMPARE(prompter.promptsShown(), 1);
        m_window->findChild<MfaPromptDialog*>()->reject();
        // Several automatic refreshes later: no second prompt, and the window says why nothing loads.
        QTest::qWait(3500);
        QCOMPARE(prompter.promptsShown(), 1);
        QVERIFY(!m_window->findChild<MfaPromptDialog*>());
        auto* banner = m_window->findChild<QFrame*>(u"errorBanner"_s);
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->findChild<QLabel*>()->text().contains(u"Signed out"_s),
            qPrintable(banner->findChild<QLabel*>()->text()));
        // The operator asks: Refresh shows the prompt once more.
        m_window->findChild<QAction*>(u"refreshAction"_s)->trigger();
        QTRY_COMPARE(prompter.promptsShown(), 2);
        QTRY_VERIFY(m_window->findChild<MfaPromptDialog*>());
        m_window->findChild<MfaPromptDialog*>()->reject();
        QTRY_VERIFY(!m_window->findChild<MfaPromptDialog*>());
    }

    void startupCredentialErrorIsShownNotTheDemo()
    {
        m_window = std::make_unique<MainWindow>();
        m_window->setAuditLogPath(auditPath());
        m_window->showStartupError(u"Profile \"prdo\" not found."_s);
        m_window->show();
        QVERIFY(!m_window->isDemoMode());
        QVERIFY(m_window->session() == nullptr);
        auto* banner = m_window->findChild<QFrame*>(u"errorBanner"_s);
        QVERIFY(banner->isVisible());
        auto* label = banner->findChild<QLabel*>();
        QVERIFY(label->text().contains(u"prdo"_s));
        QVERIFY(label->text().contains(u"hookdesk:demo"_s));
        QSignalSpy demo(m_window.get(), &MainWindow::demoRequested);
        Q_EMIT label->linkActivated(u"hookdesk:demo"_s); // the operator's explicit choice
        QCOMPARE(demo.size(), 1);
    }

    void demoActionsGoToTheirOwnAuditLog()
    {
        startSimulator(0, 0);
        m_credentials = std::make_unique<StaticCredentialProvider>(m_sim->credentials());
        m_window = std::make_unique<MainWindow>();
        m_window->setAuditLogPath(auditPath());
        m_window->setDemoMode(true, m_sim->url().toString());
        m_window->connectTo(m_credentials.get(), settingsFor(u"demo"_s));
        QVERIFY(m_window->auditLogPathInUse().endsWith(u"/audit-demo.jsonl"_s));
        m_window->setDemoMode(false);
        m_window->connectTo(m_credentials.get(), settingsFor(u"test"_s));
        QCOMPARE(m_window->auditLogPathInUse(), auditPath());
    }
};

QTEST_MAIN(TestGuiConnectionLife)
#include "tst_gui_connectionlife.moc"
