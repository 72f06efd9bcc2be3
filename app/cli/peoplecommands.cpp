// facefolio-cli commands that list and edit people: people, rename, merge,
// move, reject, not-face, hide, birthdate, undo, redo, history. Each edit is recorded as the user's
// decision, which later clustering honours.

#include "catalog/catalog.h"
#include "cliutil.h"
#include "commands.h"
#include "people/clusterer.h"
#include "people/peopleservice.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace facefolio::cli {

namespace {

// Parses, opens the catalog and runs `edit` with the positional arguments;
// the shared frame of every editing command.
template <typename Edit>
int editCommand(const QStringList &args, const QString &syntax, const QString &description,
                int minArgs, Edit edit, const QList<QCommandLineOption> &extra = {})
{
    QCommandLineParser p;
    p.setApplicationDescription(description);
    p.addPositionalArgument(QStringLiteral("ARGS"), syntax);
    p.addOptions(extra);
    if (!parse(p, args))
        return 2;
    if (p.positionalArguments().size() < minArgs)
        return failWith(QStringLiteral("usage: facefolio-cli %1").arg(syntax), 2);
    Catalog catalog(p.value(catalogOption()));
    if (const int rc = openCatalog(catalog))
        return rc;
    PeopleService people(catalog);
    return edit(p, people);
}

int done(PeopleService &people, bool ok, const QString &what)
{
    if (!ok)
        return failWith(people.errorString());
    out(what.toUtf8());
    return 0;
}

} // namespace

int cmdPeople(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("List the persons, largest first."));
    const QCommandLineOption json({QStringLiteral("json")},
                                  QStringLiteral("One JSON object per line."));
    const QCommandLineOption hidden({QStringLiteral("hidden")},
                                    QStringLiteral("Include hidden persons."));
    p.addOptions({json, hidden});
    if (!parse(p, args))
        return 2;
    Catalog catalog(p.value(catalogOption()));
    if (const int rc = openCatalog(catalog))
        return rc;
    const std::vector<PersonInfo> persons = PeopleService(catalog).persons(p.isSet(hidden));
    // A hint on stderr, so that stdout stays the list: `scan` finds faces,
    // `cluster` groups them.
    if (const int ungrouped = catalog.ungroupedFaceCount(); ungrouped > 0)
        std::fprintf(stderr,
                     "facefolio-cli: %d faces are not grouped into people yet; run "
                     "`facefolio-cli cluster` to group them.\n",
                     ungrouped);
    else if (persons.empty())
        std::fprintf(stderr, "facefolio-cli: no people yet; `facefolio-cli scan FOLDER` finds "
                             "the faces in a folder and `facefolio-cli cluster` groups them.\n");
    for (const PersonInfo &person : persons) {
        if (p.isSet(json)) {
            out(QJsonDocument(
                    QJsonObject{{QStringLiteral("id"), person.id},
                                {QStringLiteral("name"),
                                 person.name.isEmpty() ? QJsonValue() : QJsonValue(person.name)},
                                {QStringLiteral("display_name"), person.displayName()},
                                {QStringLiteral("faces"), person.faces},
                                {QStringLiteral("photos"), person.photos},
                                {QStringLiteral("hidden"), person.hidden},
                                {QStringLiteral("birth_date"),
                                 person.birthDate.isValid()
                                     ? QJsonValue(person.birthDate.toString(Qt::ISODate))
                                     : QJsonValue()}})
                    .toJson(QJsonDocument::Compact));
        } else {
            out(QStringLiteral("%1  %2  %3 faces in %4 photos%5%6")
                    .arg(person.id, 6)
                    .arg(person.displayName(), -24)
                    .arg(person.faces, 5)
                    .arg(person.photos)
                    .arg(person.birthDate.isValid()
                             ? QStringLiteral("  born %1")
                                   .arg(person.birthDate.toString(Qt::ISODate))
                             : QString())
                    .arg(person.hidden ? QStringLiteral("  (hidden)") : QString())
                    .toUtf8());
        }
    }
    return 0;
}

int cmdRename(const QStringList &args)
{
    return editCommand(
        args, QStringLiteral("rename PERSON_ID NAME"), QStringLiteral("Name a person."), 2,
        [](QCommandLineParser &p, PeopleService &people) {
            QList<qint64> id;
            if (!parseIds({p.positionalArguments().first()}, id))
                return 2;
            const QString name = p.positionalArguments().mid(1).join(QLatin1Char(' '));
            return done(people, people.rename(id[0], name),
                        QStringLiteral("person %1 is now %2").arg(id[0]).arg(name));
        });
}

int cmdMerge(const QStringList &args)
{
    return editCommand(
        args, QStringLiteral("merge FROM_ID INTO_ID"),
        QStringLiteral("Merge one person into another; they stay together from then on."), 2,
        [](QCommandLineParser &p, PeopleService &people) {
            QList<qint64> ids;
            if (!parseIds(p.positionalArguments(), ids) || ids.size() != 2)
                return failWith(QStringLiteral("merge takes two person ids"), 2);
            return done(people, people.merge(ids[0], ids[1]),
                        QStringLiteral("merged person %1 into %2").arg(ids[0]).arg(ids[1]));
        });
}

int cmdMove(const QStringList &args)
{
    const QCommandLineOption to({QStringLiteral("to")},
                                QStringLiteral("The person to move the faces to, or 'new'."),
                                QStringLiteral("PERSON_ID"));
    return editCommand(
        args, QStringLiteral("move FACE_ID... --to PERSON_ID|new"),
        QStringLiteral(
            "Move faces to a person (confirmed by you); they are not put back where they were."),
        1,
        [to](QCommandLineParser &p, PeopleService &people) {
            QList<qint64> faces;
            if (!p.isSet(to))
                return failWith(QStringLiteral("move needs --to PERSON_ID or --to new"), 2);
            if (!parseIds(p.positionalArguments(), faces))
                return 2;
            if (p.value(to) == QLatin1String("new")) {
                const qint64 id = people.splitToNewPerson(faces);
                return done(
                    people, id > 0,
                    QStringLiteral("moved %1 faces to new person %2").arg(faces.size()).arg(id));
            }
            QList<qint64> target;
            if (!parseIds({p.value(to)}, target))
                return 2;
            return done(
                people, people.moveFaces(faces, target[0]),
                QStringLiteral("moved %1 faces to person %2").arg(faces.size()).arg(target[0]));
        },
        {to});
}

int cmdReject(const QStringList &args)
{
    return editCommand(
        args, QStringLiteral("reject FACE_ID..."),
        QStringLiteral("Take faces out of their person; clustering never puts them back into it."),
        1, [](QCommandLineParser &p, PeopleService &people) {
            QList<qint64> faces;
            if (!parseIds(p.positionalArguments(), faces))
                return 2;
            return done(people, people.removeFromPerson(faces),
                        QStringLiteral("took %1 faces out of their person").arg(faces.size()));
        });
}

int cmdNotFace(const QStringList &args)
{
    const QCommandLineOption undo({QStringLiteral("undo")},
                                  QStringLiteral("Mark them as faces again."));
    return editCommand(
        args, QStringLiteral("not-face FACE_ID... [--undo]"),
        QStringLiteral("Mark detections that are not faces; they are left out of people."), 1,
        [undo](QCommandLineParser &p, PeopleService &people) {
            QList<qint64> faces;
            if (!parseIds(p.positionalArguments(), faces))
                return 2;
            return done(people, people.setNotFace(faces, !p.isSet(undo)),
                        QStringLiteral("marked %1 detections as %2")
                            .arg(faces.size())
                            .arg(p.isSet(undo) ? "faces" : "not faces"));
        },
        {undo});
}

int cmdHide(const QStringList &args)
{
    const QCommandLineOption undo({QStringLiteral("undo")},
                                  QStringLiteral("Show the person again."));
    return editCommand(
        args, QStringLiteral("hide PERSON_ID [--undo]"),
        QStringLiteral("Hide a person (a stranger); their faces are left out of clustering."), 1,
        [undo](QCommandLineParser &p, PeopleService &people) {
            QList<qint64> id;
            if (!parseIds(p.positionalArguments(), id))
                return 2;
            return done(
                people, people.setHidden(id[0], !p.isSet(undo)),
                QStringLiteral("person %1 %2").arg(id[0]).arg(p.isSet(undo) ? "shown" : "hidden"));
        },
        {undo});
}

int cmdBirthDate(const QStringList &args)
{
    return editCommand(
        args, QStringLiteral("birthdate PERSON_ID|NAME YYYY-MM-DD|none"),
        QStringLiteral("Give a person a birth date (for their age on each photo), or remove it."),
        2, [](QCommandLineParser &p, PeopleService &people) {
            const QStringList words = p.positionalArguments();
            const qint64 id = personOf(people, words[0]);
            if (!id)
                return 1;
            const QString word = words[1].trimmed();
            QDate date;
            if (word.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0) {
                date = QDate::fromString(word, QStringLiteral("yyyy-MM-dd"));
                if (!date.isValid())
                    return failWith(
                        QStringLiteral("'%1' is not a date; give it as YYYY-MM-DD, or none")
                            .arg(word),
                        2);
            }
            return done(people, people.setBirthDate(id, date),
                        date.isValid() ? QStringLiteral("person %1 was born on %2")
                                             .arg(id)
                                             .arg(date.toString(Qt::ISODate))
                                       : QStringLiteral("person %1 has no birth date").arg(id));
        });
}

int cmdUndoRedo(const QStringList &args, bool undo)
{
    return editCommand(
        args, undo ? QStringLiteral("undo") : QStringLiteral("redo"),
        undo ? QStringLiteral("Undo the last edit of people (the app's Edit > Undo).")
             : QStringLiteral("Redo the last undone edit of people."),
        0, [undo](QCommandLineParser &, PeopleService &people) {
            QString label;
            for (const EditEntry &e : people.history())
                if (e.undone != undo && (undo || label.isEmpty()))
                    label = e.label;
            const bool ok = undo ? people.undo() : people.redo();
            return done(
                people, ok,
                (undo ? QStringLiteral("undid: %1") : QStringLiteral("redid: %1")).arg(label));
        });
}

int cmdUndo(const QStringList &args)
{
    return cmdUndoRedo(args, true);
}

int cmdRedo(const QStringList &args)
{
    return cmdUndoRedo(args, false);
}

int cmdHistory(const QStringList &args)
{
    return editCommand(
        args, QStringLiteral("history"),
        QStringLiteral("List the edits of people, oldest first; undone ones are "
                       "marked."),
        0, [](QCommandLineParser &, PeopleService &people) {
            for (const EditEntry &e : people.history())
                out(QStringLiteral("%1\t%2%3")
                        .arg(e.id)
                        .arg(e.undone ? QStringLiteral("(undone) ") : QString(), e.label)
                        .toUtf8());
            return 0;
        });
}

} // namespace facefolio::cli

namespace facefolio::cli {

int cmdCluster(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Group faces into persons. By default only faces no clustering has placed yet are "
        "grouped: they join an existing person when close enough, the rest form new "
        "persons. --full re-clusters everything. Your merges, moves, rejections, "
        "not-faces and hidden persons are always kept."));
    const QCommandLineOption method(
        {QStringLiteral("method")},
        QStringLiteral("auto (average linkage, then joining groups that several close faces "
                       "bridge), hac (the same), cw (Chinese whispers) or dbscan."),
        QStringLiteral("NAME"), QStringLiteral("auto"));
    const QCommandLineOption eps(
        {QStringLiteral("eps")},
        QStringLiteral("DBSCAN radius (default: the model's; dlib 0.5, arcface 1.0)."),
        QStringLiteral("X"));
    const QCommandLineOption minSamples(
        {QStringLiteral("min-samples")},
        QStringLiteral("DBSCAN density, counting the face itself (default 5)."),
        QStringLiteral("N"));
    const QCommandLineOption threshold(
        {QStringLiteral("threshold")},
        QStringLiteral("Distance cut for hac / edge limit for cw (default: the model's)."),
        QStringLiteral("X"));
    const QCommandLineOption full({QStringLiteral("full")},
                                  QStringLiteral("Re-cluster every face."));
    const QCommandLineOption json({QStringLiteral("json")},
                                  QStringLiteral("Print the summary as JSON."));
    p.addOptions({method, eps, minSamples, threshold, full, json});
    if (!parse(p, args))
        return 2;
    ClusterOptions o;
    if (!Clusterer::parseMethod(p.value(method), o.method))
        return failWith(
            QStringLiteral("unknown method '%1' (auto, hac, cw, dbscan)").arg(p.value(method)), 2);
    bool ok = true;
    if (p.isSet(eps) && (!(o.eps = p.value(eps).toDouble(&ok), ok) || o.eps <= 0))
        return failWith(QStringLiteral("--eps takes a positive number"), 2);
    if (p.isSet(minSamples) &&
        (!(o.minSamples = p.value(minSamples).toInt(&ok), ok) || o.minSamples < 1))
        return failWith(QStringLiteral("--min-samples takes a whole number of at least 1"), 2);
    if (p.isSet(threshold) &&
        (!(o.threshold = p.value(threshold).toDouble(&ok), ok) || o.threshold <= 0))
        return failWith(QStringLiteral("--threshold takes a positive number"), 2);
    o.full = p.isSet(full);
    Catalog catalog(p.value(catalogOption()));
    if (const int rc = openCatalog(catalog))
        return rc;
    installInterruptHandler();
    const ClusterSummary s = Clusterer::run(catalog, o, [] { return interrupted(); });
    if (!s.ok)
        return failWith(s.error, s.cancelled ? 130 : 1);
    if (p.isSet(json)) {
        out(QJsonDocument(QJsonObject{{QStringLiteral("method"), Clusterer::methodName(o.method)},
                                      {QStringLiteral("full"), o.full},
                                      {QStringLiteral("faces_considered"), s.considered},
                                      {QStringLiteral("joined_existing"), s.joined},
                                      {QStringLiteral("persons"), s.persons},
                                      {QStringLiteral("new_persons"), s.newPersons},
                                      {QStringLiteral("removed_persons"), s.removedPersons},
                                      {QStringLiteral("faces_assigned"), s.assigned},
                                      {QStringLiteral("noise"), s.unassigned},
                                      {QStringLiteral("seconds"), s.seconds}})
                .toJson(QJsonDocument::Compact));
    } else {
        out(QStringLiteral(
                "%1 persons (%2 new, %3 removed), %4 faces assigned, %5 noise, %6 joined "
                "existing persons; %7 s")
                .arg(s.persons)
                .arg(s.newPersons)
                .arg(s.removedPersons)
                .arg(s.assigned)
                .arg(s.unassigned)
                .arg(s.joined)
                .arg(s.seconds, 0, 'f', 1)
                .toUtf8());
    }
    return 0;
}

} // namespace facefolio::cli
