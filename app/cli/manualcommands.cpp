// facefolio-cli add-face, tag and untag: what the detector missed (issue 18).
// add-face analyses a face from a box the user gives, as a detected face is
// analysed; tag names a person on a photo that shows no usable face.

#include "analysis/faceanalyzer.h"
#include "analysis/facemodels.h"
#include "analysis/modelerror.h"
#include "catalog/catalog.h"
#include "cliutil.h"
#include "commands.h"
#include "people/peopleservice.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

namespace facefolio::cli {

namespace {

// The photo's id in the catalog, by its path; 0 (message printed) when it
// was never scanned.
qint64 photoOf(Catalog &catalog, const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QSqlQuery q(catalog.database());
    q.prepare(QStringLiteral("SELECT id FROM photos WHERE path = ? OR path = ?"));
    q.addBindValue(absolute);
    q.addBindValue(QFileInfo(path).canonicalFilePath());
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    failWith(QStringLiteral("%1 is not in the catalog; scan its folder first").arg(path));
    return 0;
}

} // namespace

int cmdAddFace(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Add a face the detector missed: its box in the photo's displayed pixels "
                       "(EXIF orientation applied). The face is analysed like a detected one "
                       "(landmarks, chip, embedding) and kept by every rescan. Prints its id."));
    p.addPositionalArgument(QStringLiteral("PHOTO"), QStringLiteral("A scanned photo."));
    const QCommandLineOption box({QStringLiteral("box")}, QStringLiteral("The face's box."),
                                 QStringLiteral("X,Y,W,H"));
    const QCommandLineOption person({QStringLiteral("person")},
                                    QStringLiteral("Put the face into this person (confirmed), "
                                                   "or a new one."),
                                    QStringLiteral("ID|NAME|new"));
    p.addOptions({box, person});
    if (!parse(p, args))
        return 2;
    const QStringList parts = p.value(box).split(u',');
    QList<int> v;
    for (const QString &part : parts) {
        bool ok = false;
        v << part.trimmed().toInt(&ok);
        if (!ok)
            v.clear();
    }
    if (p.positionalArguments().size() != 1 || v.size() != 4 || v[2] <= 0 || v[3] <= 0)
        return failWith(
            QStringLiteral(
                "usage: facefolio-cli add-face PHOTO --box X,Y,W,H [--person ID|NAME|new]"),
            2);
    const QString path = p.positionalArguments().first();
    Catalog catalog(p.value(catalogOption()));
    if (const int rc = openCatalog(catalog))
        return rc;
    const qint64 photo = photoOf(catalog, path);
    if (!photo)
        return 1;
    PeopleService people(catalog);
    qint64 target = 0;
    const bool newPerson = p.isSet(person) && p.value(person) == QLatin1String("new");
    if (p.isSet(person) && !newPerson && !(target = personOf(people, p.value(person))))
        return 1;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failWith(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    std::shared_ptr<const FaceModels> models;
    try {
        models = FaceModels::load();
    } catch (const ModelError &e) {
        return failWith(QString::fromUtf8(e.what()));
    }
    AnalyzerOptions options;
    options.encoder = catalog.encoder().value_or(EncoderModel::ArcFace);
    if (options.encoder == EncoderModel::ArcFace && !models->hasArcFace())
        return failWith(models->arcFaceError());
    useSingleThreadedBlas();
    FaceAnalyzer analyzer(models, options);
    QString why;
    const auto face = analyzer.analyzeBox(file.readAll(), QRect(v[0], v[1], v[2], v[3]), &why);
    if (!face)
        return failWith(QStringLiteral("cannot analyse that face: %1").arg(why));
    // One undoable step, as drawing it in the viewer is.
    const qint64 id =
        people.addDrawnFace(photo, *face, newPerson ? PeopleService::kNewPerson : target);
    if (!id)
        return failWith(people.errorString());
    out(QByteArray::number(id));
    return 0;
}

namespace {

int tagCommand(const QStringList &args, bool tag)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        tag ? QStringLiteral("Tag a person on a photo without a usable face (a back, a far "
                             "profile). Such tags never take part in clustering.")
            : QStringLiteral("Take a person's tag off a photo."));
    p.addPositionalArgument(QStringLiteral("PHOTO"), QStringLiteral("A scanned photo."));
    const QCommandLineOption person({QStringLiteral("person")}, QStringLiteral("The person."),
                                    QStringLiteral("ID|NAME"));
    p.addOption(person);
    if (!parse(p, args))
        return 2;
    if (p.positionalArguments().size() != 1 || !p.isSet(person))
        return failWith(QStringLiteral("usage: facefolio-cli %1 PHOTO --person ID|NAME")
                            .arg(tag ? QStringLiteral("tag") : QStringLiteral("untag")),
                        2);
    Catalog catalog(p.value(catalogOption()));
    if (const int rc = openCatalog(catalog))
        return rc;
    const qint64 photo = photoOf(catalog, p.positionalArguments().first());
    if (!photo)
        return 1;
    PeopleService people(catalog);
    const qint64 id = personOf(people, p.value(person));
    if (!id)
        return 1;
    if (!(tag ? people.tagPerson(photo, id) : people.untagPerson(photo, id)))
        return failWith(people.errorString());
    out((tag ? QStringLiteral("tagged %1 on %2") : QStringLiteral("untagged %1 from %2"))
            .arg(people.person(id)->displayName(), p.positionalArguments().first())
            .toUtf8());
    return 0;
}

} // namespace

int cmdTag(const QStringList &args)
{
    return tagCommand(args, true);
}

int cmdUntag(const QStringList &args)
{
    return tagCommand(args, false);
}

} // namespace facefolio::cli
