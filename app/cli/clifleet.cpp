#include "clifleet.h"

#include "awssession.h"
#include "clicontext.h"
#include "connection.h"
#include "profilestore.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <memory>

using namespace Qt::StringLiterals;

QString CliFleet::Member::profileLabel() const
{
    return profile.isEmpty() ? QCoreApplication::translate("CliCommands", "(environment)") : profile;
}

QString CliFleet::Member::regionLabel() const
{
    if (connection)
        return connection->session()->region();
    return region.isEmpty() ? u"-"_s : region;
}

QString CliFleet::Member::account() const
{
    return connection ? connection->session()->account() : QString();
}

CliFleet::CliFleet(CliContext* context, QObject* parent)
    : QObject(parent)
    , m_context(context)
{
}

bool CliFleet::plan(QString* problem)
{
    const CliGlobalOptions& options = m_context->options();
    QStringList profiles = options.profiles;
    if (options.allProfiles) {
        profiles = m_context->profileStore()->profileNames();
        if (profiles.isEmpty()) {
            *problem = QCoreApplication::translate(
                "CliCommands", "--all-profiles: there are no saved profiles (add one with 'hookdesk-cli profile add')");
            return false;
        }
    }
    if (profiles.isEmpty())
        profiles.append(QString()); // AWS_PROFILE, else the environment's keys
    const QStringList regions = options.regions.isEmpty() ? QStringList { QString() } : options.regions;
    m_members.clear();
    for (const QString& profile : std::as_const(profiles)) {
        for (const QString& region : regions) {
            const bool seen = std::any_of(m_members.cbegin(), m_members.cend(),
                [&](const Member& member) { return member.profile == profile && member.region == region; });
            if (!seen)
                m_members.append(Member { profile, region, nullptr, {} });
        }
    }
    return true;
}

void CliFleet::run(const Loader& load, const std::function<void()>& done)
{
    m_done = done;
    m_outstanding = int(m_members.size());
    for (int i = 0; i < m_members.size(); ++i) {
        const Member& member = m_members.at(i);
        m_context->openConnection(
            member.profile, member.region, [this, i, load](Connection* connection, const AwsError& error) {
                if (!connection) {
                    memberDone(i, error);
                    return;
                }
                m_members[i].connection = connection;
                // The account for the ACCOUNT column: asked beside the load, and waited for, so every row has it.
                auto pending = std::make_shared<int>(2);
                auto result = std::make_shared<AwsError>();
                auto step = [this, i, pending, result](const AwsError& stepError) {
                    if (stepError.isError() && !result->isError())
                        *result = stepError;
                    if (--*pending == 0)
                        memberDone(i, *result);
                };
                AwsSession* session = connection->session();
                connect(
                    session, &AwsSession::identityChanged, this, [step] { step({}); }, Qt::SingleShotConnection);
                // No account is not a failure of the listing: the rows are there, the column reads "-".
                connect(
                    session, &AwsSession::identityFailed, this, [step] { step({}); }, Qt::SingleShotConnection);
                session->fetchIdentity();
                load(i, connection, step);
            });
    }
    if (m_members.isEmpty() && m_done)
        std::exchange(m_done, nullptr)();
}

void CliFleet::memberDone(int index, const AwsError& error)
{
    m_members[index].error = error;
    if (--m_outstanding == 0 && m_done)
        std::exchange(m_done, nullptr)();
}

int CliFleet::answered() const
{
    return int(std::count_if(m_members.cbegin(), m_members.cend(), [](const Member& member) { return member.ok(); }));
}

QJsonObject CliFleet::tagged(QJsonObject item, const Member& member)
{
    const QString account = member.account();
    item.insert(u"account"_s, account.isEmpty() ? QJsonValue() : QJsonValue(account));
    item.insert(u"region"_s, member.regionLabel());
    item.insert(u"profile"_s, member.profile.isEmpty() ? QJsonValue() : QJsonValue(member.profile));
    return item;
}

QString CliFleet::accountCell(const Member& member)
{
    const QString account = member.account();
    return account.isEmpty() ? u"-"_s : account;
}

QJsonArray CliFleet::errorsJson() const
{
    QJsonArray errors;
    for (const Member& member : m_members) {
        if (member.ok())
            continue;
        const QString account = member.account();
        errors.append(QJsonObject { { u"profile"_s, member.profile.isEmpty() ? QJsonValue() : member.profile },
            { u"region"_s, member.regionLabel() }, { u"account"_s, account.isEmpty() ? QJsonValue() : account },
            { u"code"_s, member.error.code.isEmpty() ? QJsonValue() : member.error.code },
            { u"message"_s, member.error.toString() } });
    }
    return errors;
}

void CliFleet::printErrors() const
{
    for (const Member& member : m_members) {
        if (member.ok())
            continue;
        m_context->printNote(u"hookdesk-cli: "_s
            + QCoreApplication::translate("CliCommands", "warning: %1 in %2: %3")
                  .arg(member.profileLabel(), member.regionLabel(), member.error.toString()));
    }
}

CliExit CliFleet::exitCode() const
{
    const int ok = answered();
    if (ok == m_members.size())
        return CliExit::Ok;
    if (ok > 0)
        return CliExit::PartialFailure;
    for (const Member& member : m_members) {
        if (!member.ok())
            return exitCodeFor(member.error);
    }
    return CliExit::AwsError;
}
