// facefolio-cli: scan folders into a catalog, group faces into people and
// edit them, without a GUI. Exit codes: 0 ok, 1 the work could not be done
// (missing models, unreadable folder, catalog error), 2 usage error,
// 130 interrupted.

#include "cliutil.h"
#include "commands.h"

#include <QCoreApplication>
#include <QHash>
#include <cstdio>

using namespace facefolio;

namespace {

void usage(FILE *to)
{
    std::fputs("usage: facefolio-cli COMMAND [options]\n"
               "\n"
               "commands:\n"
               "  scan FOLDER...   find, align and encode every face into the catalog\n"
               "  reencode         re-encode every face with another model (--encoder arcface)\n"
               "  faces --json     print every face (box, person, optional embedding)\n"
               "  photos           list every photo with its number of faces\n"
               "  stats            summarise the catalog\n"
               "  cluster          group faces into persons (--full to redo all)\n"
               "  people           list the persons\n"
               "  rename ID NAME   name a person\n"
               "  merge FROM INTO  merge one person into another\n"
               "  move FACE... --to ID|new   move faces to a person (confirmed)\n"
               "  reject FACE...   take faces out of their person for good\n"
               "  not-face FACE... mark detections that are not faces\n"
               "  hide ID          hide a person (a stranger)\n"
               "  birthdate ID YYYY-MM-DD|none   a person's birth date, for ages\n"
               "  suggest          the review questions, best first (--json, --limit N)\n"
               "  answer same-person A B yes|no, answer face F P yes|no\n"
               "                   answer one question (remembered; undo takes it back)\n"
               "  add-face PHOTO --box X,Y,W,H [--person ID|NAME|new]\n"
               "                   add a face the detector missed; prints its id\n"
               "  tag, untag PHOTO --person ID|NAME\n"
               "                   a person on a photo without a usable face\n"
               "  export OUT       one folder per person, with a manifest and XMP sidecars\n"
               "  undo, redo       undo or redo the last edit of people (shared with the app)\n"
               "  history          list the edits of people that can be undone\n"
               "\n"
               "Every command takes --catalog FILE and --help.\n",
               to);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("facefolio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FACEFOLIO_VERSION));
    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        usage(stderr);
        return 2;
    }
    const QString command = args.takeAt(1);
    using Command = int (*)(const QStringList &);
    static const QHash<QString, Command> commands = {
        {QStringLiteral("scan"), cli::cmdScan},
        {QStringLiteral("faces"), cli::cmdFaces},
        {QStringLiteral("photos"), cli::cmdPhotos},
        {QStringLiteral("stats"), cli::cmdStats},
        {QStringLiteral("people"), cli::cmdPeople},
        {QStringLiteral("rename"), cli::cmdRename},
        {QStringLiteral("merge"), cli::cmdMerge},
        {QStringLiteral("move"), cli::cmdMove},
        {QStringLiteral("reject"), cli::cmdReject},
        {QStringLiteral("not-face"), cli::cmdNotFace},
        {QStringLiteral("hide"), cli::cmdHide},
        {QStringLiteral("birthdate"), cli::cmdBirthDate},
        {QStringLiteral("cluster"), cli::cmdCluster},
        {QStringLiteral("export"), cli::cmdExport},
        {QStringLiteral("undo"), cli::cmdUndo},
        {QStringLiteral("redo"), cli::cmdRedo},
        {QStringLiteral("history"), cli::cmdHistory},
        {QStringLiteral("reencode"), cli::cmdReencode},
        {QStringLiteral("suggest"), cli::cmdSuggest},
        {QStringLiteral("answer"), cli::cmdAnswer},
        {QStringLiteral("add-face"), cli::cmdAddFace},
        {QStringLiteral("tag"), cli::cmdTag},
        {QStringLiteral("untag"), cli::cmdUntag},
    };
    if (const Command run = commands.value(command))
        return run(args);
    if (command == QLatin1String("--help") || command == QLatin1String("-h") ||
        command == QLatin1String("help")) {
        usage(stdout);
        return 0;
    }
    if (command == QLatin1String("--version")) {
        cli::out(QByteArray("facefolio-cli ") + FACEFOLIO_VERSION);
        return 0;
    }
    usage(stderr);
    return cli::failWith(QStringLiteral("unknown command '%1'").arg(command), 2);
}
