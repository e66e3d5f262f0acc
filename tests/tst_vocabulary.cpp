#include "enumnames.h"
#include "lifecycle.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using Lifecycle::HookTransition;
using Lifecycle::Phase;
using Lifecycle::State;
using Lifecycle::Transition;

// The lifecycle vocabulary (aws/lifecycle.h) against the service model, the enum-name helper (aws/enumnames.h),
// and a grep of the product sources that keeps the vocabulary spelled in one file.
namespace {
enum class Colour { Unknown, Red, DarkBlue };
constexpr EnumName<Colour> kColours[] = { { Colour::Red, "red"_L1 }, { Colour::DarkBlue, "dark-blue"_L1 } };
constexpr EnumLabel<Colour> kColourLabels[] = { { Colour::Red, QT_TRANSLATE_NOOP("TestVocabulary", "Red") } };

QStringList modelStates()
{
    QFile file(QStringLiteral(HOOKDESK_TEST_DATA_DIR "/models/autoscaling-2011-01-01.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonArray values = QJsonDocument::fromJson(file.readAll())
                                  .object()
                                  .value(u"shapes"_s)
                                  .toObject()
                                  .value(u"LifecycleState"_s)
                                  .toObject()
                                  .value(u"enum"_s)
                                  .toArray();
    QStringList states;
    for (const QJsonValue& value : values)
        states.append(value.toString());
    return states;
}

// Product sources under the layer folders: the tracked ones when git knows the tree, else every file there.
QStringList productSources(const QString& root)
{
    const QStringList folders { u"aws"_s, u"models"_s, u"ui"_s, u"app"_s, u"simulator"_s };
    QStringList files;
    QProcess git;
    git.setWorkingDirectory(root);
    git.start(u"git"_s, QStringList { u"ls-files"_s, u"--"_s } + folders);
    if (git.waitForFinished(30000) && git.exitStatus() == QProcess::NormalExit && git.exitCode() == 0) {
        for (const QString& line : QString::fromUtf8(git.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts))
            files.append(line);
    } else {
        for (const QString& folder : folders) {
            QDirIterator it(root + u'/' + folder, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                files.append(QDir(root).relativeFilePath(it.next()));
        }
    }
    files.removeIf([](const QString& f) { return !f.endsWith(u".cpp"_s) && !f.endsWith(u".h"_s); });
    return files;
}

// The line without its // comment (a // inside a string literal is kept).
QString withoutComment(const QString& line)
{
    bool inString = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c == u'\\') {
            ++i;
        } else if (c == u'"') {
            inString = !inString;
        } else if (!inString && c == u'/' && i + 1 < line.size() && line.at(i + 1) == u'/') {
            return line.left(i);
        }
    }
    return line;
}

// A string literal (the quote not escaped) that is a state or transition name, begins with a transition prefix
// ("Pending:…") or is a phase suffix (":Wait"): each is a spelling that belongs in aws/lifecycle.cpp.
QRegularExpression strayLiteral()
{
    QStringList names;
    for (const Lifecycle::StateInfo& state : Lifecycle::enumNames(State {}))
        names.append(QRegularExpression::escape(state.name));
    // An unescaped quote, then: a whole name, a transition prefix, a phase suffix or a hook transition.
    const QString pattern = u"(?<!\\\\)\"(?:(?:%1)\"|(?:Pending|Terminating|Warmed|ReplacingRootVolume):"
                            "|:(?:Wait|Proceed|Retained)\"|autoscaling:EC2_INSTANCE_)"_s;
    return QRegularExpression(pattern.arg(names.join(u'|')));
}
} // namespace

class TestVocabulary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyStateOfTheServiceModelRoundTrips()
    {
        const QStringList states = modelStates();
        QCOMPARE(states.size(), 30);
        QCOMPARE(Lifecycle::enumNames(State {}).size(), std::size_t(states.size()));
        for (const QString& text : states) {
            const Lifecycle::StateValue state = Lifecycle::parseState(text);
            QVERIFY2(state.isKnown(), qPrintable(text));
            QCOMPARE(state.toString(), text);
            QCOMPARE(nameOf(state.value()), text);
            QCOMPARE(enumFromName<State>(text), std::optional<State>(state.value()));
        }
    }

    void bothHookTransitionsRoundTrip()
    {
        for (const char* name : { LifecycleTransition::Launching, LifecycleTransition::Terminating }) {
            const QString text = QString::fromLatin1(name);
            const Lifecycle::HookTransitionValue transition = Lifecycle::parseHookTransition(text);
            QVERIFY(transition.isKnown());
            QCOMPARE(transition.toString(), text);
        }
        QCOMPARE(Lifecycle::parseHookTransition(QString::fromLatin1(LifecycleTransition::Launching)),
            HookTransition::Launching);
        QCOMPARE(nameOf(HookTransition::Terminating), QString::fromLatin1(LifecycleTransition::Terminating));
        QCOMPARE(nameOf(HookTransition::Unknown), QString());
    }

    void unknownNamesAreKept()
    {
        const QString future = u"Warmed:Pending:Paused"_s;
        const Lifecycle::StateValue state = Lifecycle::parseState(future);
        QVERIFY(!state.isKnown());
        QCOMPARE(state.value(), State::Unknown);
        QCOMPARE(state.toString(), future);
        QCOMPARE(Lifecycle::parseState(state.toString()), state);
        QVERIFY(Lifecycle::parseState(u"Something:Else"_s) != state);
        // What AWS's naming says about it: a warm-pool launch, phase unknown; a future "…:Wait" still waits.
        QCOMPARE(Lifecycle::transitionOf(state), Transition::WarmPoolLaunch);
        QCOMPARE(Lifecycle::phaseOf(state), Phase::Steady);
        QCOMPARE(Lifecycle::phaseOf(Lifecycle::parseState(u"Hibernating:Wait"_s)), Phase::Wait);
        QCOMPARE(Lifecycle::transitionOf(Lifecycle::parseState(u"Hibernating:Wait"_s)), Transition::None);

        const Lifecycle::HookTransitionValue transition
            = Lifecycle::parseHookTransition(u"autoscaling:EC2_INSTANCE_HIBERNATING"_s);
        QVERIFY(!transition.isKnown());
        QCOMPARE(transition.toString(), u"autoscaling:EC2_INSTANCE_HIBERNATING"_s);
        // Names are case-sensitive, as the service compares them.
        QVERIFY(!Lifecycle::parseState(u"inservice"_s).isKnown());
    }

    void statesKnowTheirTransitionAndPhase()
    {
        QCOMPARE(Lifecycle::transitionOf(State::WarmedPendingWait), Transition::WarmPoolLaunch);
        QCOMPARE(Lifecycle::phaseOf(State::WarmedPendingWait), Phase::Wait);
        QCOMPARE(Lifecycle::transitionOf(State::TerminatingRetained), Transition::Terminate);
        QCOMPARE(Lifecycle::phaseOf(State::TerminatingRetained), Phase::Retained);
        QCOMPARE(Lifecycle::transitionOf(State::InService), Transition::None);
        QCOMPARE(Lifecycle::phaseOf(State::Standby), Phase::Steady);
        QCOMPARE(Lifecycle::phaseOf(State::Pending), Phase::Entering);
        QCOMPARE(Lifecycle::phaseOf(State::Terminated), Phase::Ended);
        QCOMPARE(Lifecycle::waitStateOf(Transition::Launch), State::PendingWait);
        QCOMPARE(Lifecycle::waitStateOf(Transition::RootVolumeReplacement), State::ReplacingRootVolumeWait);
        QCOMPARE(Lifecycle::proceedStateOf(Transition::Terminate), State::TerminatingProceed);
        QCOMPARE(Lifecycle::waitStateOf(Transition::None), State::Unknown);
        QCOMPARE(Lifecycle::hookTransitionOf(Transition::RootVolumeReplacement), HookTransition::Launching);
        QCOMPARE(Lifecycle::hookTransitionOf(Transition::WarmPoolTerminate), HookTransition::Terminating);
        QCOMPARE(Lifecycle::hookTransitionOf(Transition::None), HookTransition::Unknown);
        // Every transition that has hooks has a wait state, and its stable identifier is unique.
        QStringList ids;
        for (const auto& entry : Lifecycle::enumNames(Transition {})) {
            QVERIFY(Lifecycle::waitStateOf(entry.value) != State::Unknown);
            QVERIFY2(!ids.contains(entry.name), qPrintable(QString(entry.name)));
            ids.append(entry.name);
        }
        QCOMPARE(nameOf(Transition::WarmPoolLaunch), u"warm-pool-launch"_s);
        QCOMPARE(nameOf(Transition::None), QString());
    }

    void enumNameHelper()
    {
        QCOMPARE(nameOf(kColours, Colour::DarkBlue), u"dark-blue"_s);
        QCOMPARE(nameOf(kColours, Colour::Unknown), QString());
        QCOMPARE(enumFromName(kColours, u"red"), std::optional<Colour>(Colour::Red));
        QCOMPARE(enumFromName(kColours, u"RED"), std::optional<Colour>());
        QCOMPARE(enumFromName(kColours, u"RED", Qt::CaseInsensitive), std::optional<Colour>(Colour::Red));
        QCOMPARE(enumFromName(kColours, u"green"), std::optional<Colour>());
        // Labels are translated at the moment of use; without a translator they are the source text.
        QCOMPARE(labelOf(kColourLabels, "TestVocabulary", Colour::Red), u"Red"_s);
        QCOMPARE(labelOf(kColourLabels, "TestVocabulary", Colour::DarkBlue), QString());
    }

    void strayLiteralPatternCatchesSpellings()
    {
        const QRegularExpression pattern = strayLiteral();
        QVERIFY(pattern.isValid());
        const QStringList spelled { u"x == u\"InService\""_s, u"s.endsWith(\":Wait\"_L1)"_s,
            u"startsWith(\"Pending:\"_L1)"_s, u"u\"Warmed:Pending:Wait\"_s"_s,
            u"QString kLaunching = u\"autoscaling:EC2_INSTANCE_LAUNCHING\"_s;"_s };
        for (const QString& line : spelled)
            QVERIFY2(pattern.match(withoutComment(line)).hasMatch(), qPrintable(line));
        const QStringList fine { u"// \"Pending:Wait\" in a comment"_s, u"u\"InServiceSince\"_s"_s,
            u"\"  \\\"LifecycleTransition\\\": \\\"autoscaling:EC2_INSTANCE_LAUNCHING\\\"\""_s,
            u"u\"http://example\" // \"InService\""_s };
        for (const QString& line : fine)
            QVERIFY2(!pattern.match(withoutComment(line)).hasMatch(), qPrintable(line));
    }

    void noLifecycleLiteralOutsideTheVocabulary()
    {
        const QString root = QStringLiteral(HOOKDESK_SOURCE_DIR);
        const QStringList files = productSources(root);
        QVERIFY2(
            files.size() > 50, qPrintable(u"only %1 product sources found under %2"_s.arg(files.size()).arg(root)));
        const QRegularExpression pattern = strayLiteral();
        QStringList stray;
        for (const QString& path : files) {
            if (path == u"aws/lifecycle.h" || path == u"aws/lifecycle.cpp")
                continue;
            QFile file(root + u'/' + path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
            const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
            for (qsizetype i = 0; i < lines.size(); ++i) {
                const QRegularExpressionMatch match = pattern.match(withoutComment(lines.at(i)));
                if (match.hasMatch())
                    stray.append(u"%1:%2: %3"_s.arg(path).arg(i + 1).arg(match.captured(0)));
            }
        }
        QVERIFY2(stray.isEmpty(),
            qPrintable(u"lifecycle names spelled outside aws/lifecycle.cpp (parse or format them through "
                       "aws/lifecycle.h):\n"_s
                + stray.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestVocabulary)
#include "tst_vocabulary.moc"
