// facefolio-cli commands that fill and read the catalog: scan, faces, photos, stats.

#include "analysis/facemodels.h"
#include "analysis/modelerror.h"
#include "catalog/catalog.h"
#include "cliutil.h"
#include "commands.h"
#include "people/peopleservice.h"
#include "people/personage.h"
#include "scan/reencoder.h"
#include "scan/scanner.h"
#include "terminalprogress.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace facefolio::cli {

int cmdScan(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Find, align and encode every face under the folders."));
    p.addPositionalArgument(QStringLiteral("FOLDER"), QStringLiteral("Folders to scan."),
                            QStringLiteral("FOLDER..."));
    const QCommandLineOption threads({QStringLiteral("threads")},
                                     QStringLiteral("Worker threads (default: one per core)."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption noWhole(
        {QStringLiteral("no-whole-image")},
        QStringLiteral("Do not take small images without a detected face as one cropped face."));
    const QCommandLineOption detector(
        {QStringLiteral("detector")},
        QStringLiteral("Face detector: hog, ssd or both (default: %1).")
            .arg(faceDetectorName(AnalyzerOptions{}.detector)),
        QStringLiteral("NAME"), faceDetectorName(AnalyzerOptions{}.detector));
    const QCommandLineOption minFace(
        {QStringLiteral("min-face-size")},
        QStringLiteral("Keep no detected face smaller than this, in photo pixels (default: %1).")
            .arg(AnalyzerOptions{}.minFaceSize),
        QStringLiteral("PX"), QString::number(AnalyzerOptions{}.minFaceSize));
    const QCommandLineOption minScore(
        {QStringLiteral("min-score")},
        QStringLiteral("Keep no SSD face whose probability is not above this (default: %1).")
            .arg(double(AnalyzerOptions{}.ssdMinScore)),
        QStringLiteral("P"), QString::number(double(AnalyzerOptions{}.ssdMinScore)));
    const QCommandLineOption encoder(
        {QStringLiteral("encoder")},
        QStringLiteral("Face-recognition model: arcface or dlib (default: the catalog's, "
                       "arcface for a new catalog)."),
        QStringLiteral("NAME"));
    p.addOption(threads);
    p.addOption(noWhole);
    p.addOption(detector);
    p.addOption(encoder);
    p.addOption(minFace);
    p.addOption(minScore);
    if (!parse(p, args))
        return 2;
    if (p.positionalArguments().isEmpty())
        return failWith(QStringLiteral("scan needs at least one FOLDER"), 2);
    bool ok = false;
    const int n = p.value(threads).toInt(&ok);
    if (!ok || n < 0 || n > 256)
        return failWith(QStringLiteral("--threads takes a number from 0 to 256"), 2);
    AnalyzerOptions analyzer;
    analyzer.wholeImageFallback = !p.isSet(noWhole);
    if (!parseFaceDetector(p.value(detector), &analyzer.detector))
        return failWith(QStringLiteral("--detector takes hog, ssd or both"), 2);
    analyzer.minFaceSize = p.value(minFace).toInt(&ok);
    if (!ok || analyzer.minFaceSize < 0 || analyzer.minFaceSize > 100000)
        return failWith(QStringLiteral("--min-face-size takes a number of pixels"), 2);
    const double score = p.value(minScore).toDouble(&ok);
    if (!ok || !(score >= 0 && score < 1))
        return failWith(QStringLiteral("--min-score takes a number from 0 up to (not including) 1"),
                        2);
    analyzer.ssdMinScore = float(score);
    if (p.isSet(encoder) && !parseEncoder(p.value(encoder), &analyzer.encoder))
        return failWith(QStringLiteral("--encoder takes arcface or dlib"), 2);

    std::shared_ptr<const FaceModels> models;
    try {
        models = FaceModels::load();
    } catch (const ModelError &e) {
        return failWith(QString::fromUtf8(e.what()));
    }
    // Without --encoder, the catalog's model (the models are checked first,
    // so that a failed set-up leaves no catalog behind).
    if (!p.isSet(encoder)) {
        Catalog catalog(p.value(catalogOption()));
        if (!catalog.open())
            return failWith(catalog.errorString());
        analyzer.encoder = catalog.encoder().value_or(analyzer.encoder);
    }
    if (analyzer.detector != FaceDetector::Hog && !models->hasSsd())
        return failWith(QStringLiteral("--detector %1 needs the SSD face detector: %2 (or scan "
                                       "with --detector hog)")
                            .arg(faceDetectorName(analyzer.detector), models->ssdError()));
    if (analyzer.encoder == EncoderModel::ArcFace && !models->hasArcFace())
        return failWith(models->arcFaceError());
    TerminalProgress bar;
    ScanOptions opts;
    opts.folders = p.positionalArguments();
    opts.catalogPath = p.value(catalogOption());
    opts.threads = n;
    opts.analyzer = analyzer;
    opts.onProgress = [&bar](const ScanProgress &pr) { bar.update(pr); };
    installInterruptHandler();
    const ScanSummary s = Scanner::run(opts, models, [] { return interrupted(); });
    bar.finish();
    if (!s.ok && s.error.size())
        return failWith(s.error);
    const int shown = 20;
    for (int i = 0; i < s.failureReasons.size() && i < shown; ++i)
        std::fprintf(stderr, "skipped %s\n", s.failureReasons[i].toLocal8Bit().constData());
    if (s.failureReasons.size() > shown)
        std::fprintf(stderr, "... and %d more skipped files\n",
                     int(s.failureReasons.size()) - shown);
    out(QStringLiteral(
            "%1: %2 photos (%3 analysed, %4 unchanged, %5 moved, %6 duplicates, %7 vanished), "
            "%8 faces, %9 failures, %10 s")
            .arg(s.cancelled ? QStringLiteral("interrupted") : QStringLiteral("scanned"))
            .arg(s.seen)
            .arg(s.analysed)
            .arg(s.unchanged)
            .arg(s.moved)
            .arg(s.duplicates)
            .arg(s.vanished)
            .arg(s.faces)
            .arg(s.failures)
            .arg(s.seconds, 0, 'f', 1)
            .toUtf8());
    return s.cancelled ? 130 : 0;
}

int cmdReencode(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Give every face an embedding of another face-recognition model, from its photo and "
        "stored landmarks. Persons, names, decisions and the undo history are kept; a stopped "
        "run goes on where it stopped."));
    const QCommandLineOption encoder({QStringLiteral("encoder")},
                                     QStringLiteral("The model: arcface (default) or dlib."),
                                     QStringLiteral("NAME"), QStringLiteral("arcface"));
    const QCommandLineOption threads({QStringLiteral("threads")},
                                     QStringLiteral("Worker threads (default: one per core)."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    p.addOption(encoder);
    p.addOption(threads);
    if (!parse(p, args))
        return 2;
    ReencodeOptions opts;
    if (!parseEncoder(p.value(encoder), &opts.encoder))
        return failWith(QStringLiteral("--encoder takes arcface or dlib"), 2);
    bool ok = false;
    opts.threads = p.value(threads).toInt(&ok);
    if (!ok || opts.threads < 0 || opts.threads > 256)
        return failWith(QStringLiteral("--threads takes a number from 0 to 256"), 2);
    opts.catalogPath = p.value(catalogOption());
    std::shared_ptr<const FaceModels> models;
    try {
        models = FaceModels::load();
    } catch (const ModelError &e) {
        return failWith(QString::fromUtf8(e.what()));
    }
    TerminalProgress bar;
    opts.onProgress = [&bar](const ReencodeProgress &r) { bar.update(r); };
    installInterruptHandler();
    const ReencodeSummary s = Reencoder::run(opts, models, [] { return interrupted(); });
    bar.finish();
    if (!s.ok)
        return failWith(s.error);
    for (const QString &reason : s.failureReasons)
        std::fprintf(stderr, "skipped %s\n", reason.toLocal8Bit().constData());
    out(QStringLiteral("%1: %2 faces of %3 photos re-encoded with %4, %5 faces left, %6 s%7")
            .arg(s.cancelled ? QStringLiteral("interrupted") : QStringLiteral("re-encoded"))
            .arg(s.faces)
            .arg(s.photos)
            .arg(encoderName(opts.encoder))
            .arg(s.left)
            .arg(s.seconds, 0, 'f', 1)
            .arg(s.faces > 0 ? QStringLiteral("; run `facefolio-cli cluster --full` to regroup "
                                              "with the new model (your decisions are kept)")
                             : QString())
            .toUtf8());
    return s.cancelled ? 130 : 0;
}

int cmdFaces(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Print every face as one JSON object per line."));
    const QCommandLineOption json({QStringLiteral("json")},
                                  QStringLiteral("JSON output (the only format)."));
    const QCommandLineOption emb(
        {QStringLiteral("with-embeddings")},
        QStringLiteral("Include the embedding (dlib: 128 floats, arcface: 512)."));
    const QCommandLineOption array(
        {QStringLiteral("array")},
        QStringLiteral("Print one JSON array instead of one object per line."));
    p.addOption(json);
    p.addOption(emb);
    p.addOption(array);
    if (!parse(p, args))
        return 2;
    Catalog catalog(p.value(catalogOption()));
    if (const int rc = openCatalog(catalog))
        return rc;
    const bool withEmb = p.isSet(emb);
    QJsonArray all;
    for (const FaceRecord &f : catalog.faces(withEmb)) {
        QJsonObject o;
        o.insert(QStringLiteral("face_id"), f.id);
        o.insert(QStringLiteral("photo"), f.photoPath);
        o.insert(QStringLiteral("box"),
                 QJsonArray{f.box.x(), f.box.y(), f.box.width(), f.box.height()});
        o.insert(QStringLiteral("person_id"), f.personId ? QJsonValue(*f.personId) : QJsonValue());
        o.insert(QStringLiteral("person_name"),
                 f.personName.isEmpty() ? QJsonValue() : QJsonValue(f.personName));
        o.insert(QStringLiteral("score"), double(f.score));
        o.insert(QStringLiteral("whole_image"), f.wholeImage);
        o.insert(QStringLiteral("manual"), f.manual);
        o.insert(QStringLiteral("encoder"), encoderName(f.encoder));
        if (withEmb) {
            QJsonArray e;
            for (int k = 0; k < embeddingDims(f.encoder); ++k)
                e.append(double(f.embedding[size_t(k)]));
            o.insert(QStringLiteral("embedding"), e);
        }
        if (p.isSet(array))
            all.append(o);
        else
            out(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    if (p.isSet(array))
        out(QJsonDocument(all).toJson(QJsonDocument::Compact));
    return 0;
}

int cmdStats(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Summarise the catalog."));
    const QCommandLineOption json({QStringLiteral("json")}, QStringLiteral("Print JSON."));
    const QCommandLineOption failures(
        {QStringLiteral("failures")},
        QStringLiteral("List files that could not be read, with the reason."));
    p.addOption(json);
    p.addOption(failures);
    if (!parse(p, args))
        return 2;
    Catalog catalog(p.value(catalogOption()));
    if (const int rc = openCatalog(catalog))
        return rc;
    const CatalogStats s = catalog.stats();
    if (p.isSet(json)) {
        QJsonObject o{{QStringLiteral("catalog"), catalog.path()},
                      {QStringLiteral("schema_version"), catalog.schemaVersion()},
                      {QStringLiteral("photos"), s.photos},
                      {QStringLiteral("photos_with_faces"), s.photosWithFaces},
                      {QStringLiteral("failed"), s.failed},
                      {QStringLiteral("missing"), s.missing},
                      {QStringLiteral("faces"), s.faces},
                      {QStringLiteral("whole_image_faces"), s.wholeImageFaces},
                      {QStringLiteral("persons"), s.persons},
                      {QStringLiteral("named_persons"), s.namedPersons},
                      {QStringLiteral("assigned_faces"), s.assignedFaces}};
        if (p.isSet(failures)) {
            QJsonArray list;
            for (const PhotoRecord &f : catalog.failedPhotos())
                list.append(QJsonObject{{QStringLiteral("photo"), f.path},
                                        {QStringLiteral("reason"), f.error}});
            o.insert(QStringLiteral("failures"), list);
        }
        out(QJsonDocument(o).toJson(QJsonDocument::Indented).trimmed());
        return 0;
    }
    out(QStringLiteral("catalog   %1").arg(catalog.path()).toUtf8());
    out(QStringLiteral("photos    %1 (%2 with faces, %3 failed, %4 missing)")
            .arg(s.photos)
            .arg(s.photosWithFaces)
            .arg(s.failed)
            .arg(s.missing)
            .toUtf8());
    out(QStringLiteral("faces     %1 (%2 taken as whole-image crops, %3 assigned to a person)")
            .arg(s.faces)
            .arg(s.wholeImageFaces)
            .arg(s.assignedFaces)
            .toUtf8());
    out(QStringLiteral("persons   %1 (%2 named)").arg(s.persons).arg(s.namedPersons).toUtf8());
    if (p.isSet(failures))
        for (const PhotoRecord &f : catalog.failedPhotos())
            out(QStringLiteral("failed    %1: %2").arg(f.path, f.error).toUtf8());
    return 0;
}

int cmdPhotos(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("List every photo with its size and number of faces; with --with, the "
                       "photos where all of these persons appear (a face or a tag), newest "
                       "first."));
    const QCommandLineOption json({QStringLiteral("json")},
                                  QStringLiteral("One JSON object per line."));
    const QCommandLineOption with({QStringLiteral("with")},
                                  QStringLiteral("Photos showing all of these persons."),
                                  QStringLiteral("ID|NAME,..."));
    const QCommandLineOption only(
        {QStringLiteral("only")},
        QStringLiteral("With --with: no other named person appears (unnamed and hidden persons, "
                       "strangers in the background, do not count)."));
    p.addOptions({json, with, only});
    if (!parse(p, args))
        return 2;
    if (p.isSet(only) && !p.isSet(with))
        return failWith(QStringLiteral("--only needs --with ID|NAME,..."), 2);
    Catalog catalog(p.value(catalogOption()));
    if (const int rc = openCatalog(catalog))
        return rc;
    if (p.isSet(with)) {
        PeopleService people(catalog);
        QList<qint64> ids;
        for (const QString &word : p.value(with).split(u',', Qt::SkipEmptyParts)) {
            const qint64 id = personOf(people, word.trimmed());
            if (!id)
                return 1;
            ids << id;
        }
        if (ids.isEmpty())
            return failWith(QStringLiteral("--with needs at least one person"), 2);
        const std::vector<PhotoRecord> photos = catalog.photosWith(ids, p.isSet(only));
        if (!catalog.errorString().isEmpty() && photos.empty())
            return failWith(catalog.errorString());
        std::vector<std::pair<qint64, QDate>> born;
        for (qint64 id : ids)
            if (const auto person = people.person(id); person && person->birthDate.isValid())
                born.emplace_back(id, person->birthDate);
        for (const PhotoRecord &photo : photos) {
            if (!p.isSet(json)) {
                out(photo.path.toUtf8());
                continue;
            }
            QJsonObject o{{QStringLiteral("photo"), photo.path},
                          {QStringLiteral("width"), photo.width},
                          {QStringLiteral("height"), photo.height}};
            // As the photo grids show it.
            if (photo.takenMs)
                o.insert(QStringLiteral("taken"),
                         QDateTime::fromMSecsSinceEpoch(photo.takenMs).toString(Qt::ISODate));
            // The age of each person with a birth date, as the grids label it.
            QJsonObject ages;
            const QDate on = QDateTime::fromMSecsSinceEpoch(photo.shownMs()).date();
            for (const auto &[id, birth] : born)
                if (const std::optional<Age> age = ageOn(birth, on))
                    ages.insert(QString::number(id), ageText(*age));
            if (!ages.isEmpty())
                o.insert(QStringLiteral("ages"), ages);
            out(QJsonDocument(o).toJson(QJsonDocument::Compact));
        }
        return 0;
    }
    for (const auto &[photo, faces] : catalog.photosWithFaceCounts()) {
        const QString state = photo.state == PhotoState::Failed ? QStringLiteral("failed")
                              : photo.missing                   ? QStringLiteral("missing")
                                                                : QStringLiteral("ok");
        if (p.isSet(json)) {
            QJsonObject o{{QStringLiteral("photo"), photo.path},
                          {QStringLiteral("width"), photo.width},
                          {QStringLiteral("height"), photo.height},
                          {QStringLiteral("faces"), faces},
                          {QStringLiteral("state"), state}};
            if (!photo.error.isEmpty())
                o.insert(QStringLiteral("reason"), photo.error);
            out(QJsonDocument(o).toJson(QJsonDocument::Compact));
        } else {
            QString line = QStringLiteral("%1 faces  %2×%3  %4")
                               .arg(faces, 3)
                               .arg(photo.width)
                               .arg(photo.height)
                               .arg(photo.path);
            if (state != QLatin1String("ok"))
                line += QStringLiteral("  [%1%2]")
                            .arg(state, photo.error.isEmpty() ? QString()
                                                              : QStringLiteral(": ") + photo.error);
            out(line.toUtf8());
        }
    }
    return 0;
}

} // namespace facefolio::cli
