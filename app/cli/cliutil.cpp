#include "cliutil.h"

#include "catalog/catalog.h"
#include "people/peopleservice.h"

#include <atomic>
#include <csignal>
#include <cstdio>

namespace facefolio::cli {

namespace {
std::atomic<bool> g_interrupted{false};
void onSignal(int)
{
    g_interrupted = true;
}
} // namespace

int failWith(const QString &message, int code)
{
    std::fprintf(stderr, "facefolio-cli: %s\n", message.toLocal8Bit().constData());
    return code;
}

void out(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
}

const QCommandLineOption &catalogOption()
{
    static const QCommandLineOption option(
        {QStringLiteral("catalog")},
        QStringLiteral("Catalog file (default: %1).").arg(Catalog::defaultPath()),
        QStringLiteral("FILE"), Catalog::defaultPath());
    return option;
}

bool parse(QCommandLineParser &parser, const QStringList &args)
{
    parser.addOption(catalogOption());
    parser.addHelpOption();
    if (!parser.parse(args)) {
        failWith(parser.errorText() + QStringLiteral(" (see --help)"));
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(parser.helpText().toLocal8Bit().constData(), stdout);
        std::exit(0);
    }
    return true;
}

int openCatalog(Catalog &catalog)
{
    return catalog.open() ? 0 : failWith(catalog.errorString());
}

bool parseIds(const QStringList &words, QList<qint64> &ids)
{
    for (const QString &w : words) {
        bool ok = false;
        const qint64 id = w.toLongLong(&ok);
        if (!ok || id <= 0) {
            failWith(QStringLiteral("'%1' is not an id").arg(w), 2);
            return false;
        }
        ids << id;
    }
    return true;
}

bool interrupted()
{
    return g_interrupted.load();
}

void installInterruptHandler()
{
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

qint64 personOf(PeopleService &people, const QString &word)
{
    bool isId = false;
    const qint64 id = word.toLongLong(&isId);
    if (isId && people.person(id))
        return id;
    qint64 found = 0;
    int matches = 0;
    for (const PersonInfo &p : people.persons())
        if (p.name.compare(word.simplified(), Qt::CaseInsensitive) == 0) {
            found = p.id;
            ++matches;
        }
    if (matches == 1)
        return found;
    failWith(matches ? QStringLiteral("%1 persons are named %2; give the id").arg(matches).arg(word)
                     : QStringLiteral("there is no person %1").arg(word));
    return 0;
}

} // namespace facefolio::cli
