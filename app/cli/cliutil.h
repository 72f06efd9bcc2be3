#pragma once

// Helpers shared by facefolio-cli's commands.

#include <QByteArray>
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace facefolio {

class Catalog;
class PeopleService;

namespace cli {

/// Prints "facefolio-cli: message" on stderr and returns `code`.
int failWith(const QString &message, int code = 1);
/// Writes one line to stdout.
void out(const QByteArray &line);
/// The --catalog option every command takes.
const QCommandLineOption &catalogOption();
/// Parses a command's arguments, adding --catalog and --help. On a usage
/// error prints it and returns false; --help prints the help and exits.
bool parse(QCommandLineParser &parser, const QStringList &args);
/// Opens the catalog; 0, or the exit code after printing why not.
int openCatalog(Catalog &catalog);
/// Parses a list of ids; false (message printed) when one is not a number.
bool parseIds(const QStringList &words, QList<qint64> &ids);
/// A person by id or by name (exactly one person of that name); 0 with a
/// message when there is none or the name is ambiguous.
qint64 personOf(PeopleService &people, const QString &word);
/// Set by SIGINT/SIGTERM once installInterruptHandler() ran.
bool interrupted();
void installInterruptHandler();

} // namespace cli
} // namespace facefolio
