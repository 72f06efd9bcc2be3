// bench_cluster review: the review questions answered in the app's order
// with the truth of a dev set, as a user who knows everyone would answer
// them: a copy of each cached catalog is clustered with the defaults (as
// `facefolio-cli cluster` does), then the best question is answered, the
// questions are refreshed, and so on. Prints BCubed F (and P) of one face per
// photo every 5 answers, the answers needed to reach BCubed F 0.97, the
// share of yes among the first 50, and the time to compute the questions and
// to refresh them after an answer. --list prints every question with its
// answer, the sizes of both sides, the evidence distance and the likelihood.

#include "analysis/faceanalyzer.h"
#include "benchcommon.h"
#include "catalog/catalog.h"
#include "catalog/detectedface.h"
#include "catalogfaces.h"
#include "clustering/unionfind.h"
#include "familyalbum.h"
#include "people/clusterer.h"
#include "people/peopleservice.h"
#include "people/reviewquestions.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>
#include <algorithm>
#include <cstdio>
#include <map>

namespace facefolio::bench {

namespace {

struct Truth
{
    QHash<qint64, int> identityOfFace; ///< scored faces only
    std::vector<qint64> scored;        ///< face ids, one per photo
    std::vector<int> truth;
};

// The truth of a catalog: its scored faces (central or largest of each
// photo) by the folder of their photo. Face ids are read in the catalog's
// order, which CatalogFaces keeps.
bool readTruth(const QString &path, FacePick pick, Truth &out)
{
    CatalogFaces faces;
    if (!faces.load(path)) {
        std::fprintf(stderr, "bench_cluster review: %s\n", qPrintable(faces.errorString()));
        return false;
    }
    Catalog catalog(path);
    if (!catalog.open())
        return false;
    // CatalogFaces orders by photo, then face id; so does this query.
    QSqlQuery q(catalog.database());
    q.exec(QStringLiteral("SELECT f.id FROM faces f JOIN photos p ON p.id = f.photo_id "
                          "WHERE f.not_face = 0 AND p.missing = 0 ORDER BY f.photo_id, f.id"));
    std::vector<qint64> ids;
    while (q.next())
        ids.push_back(q.value(0).toLongLong());
    if (ids.size() != faces.faces().size()) {
        std::fprintf(stderr, "bench_cluster review: face lists differ\n");
        return false;
    }
    QHash<QString, int> folders;
    for (size_t i : faces.pick(pick)) {
        const QString &folder = faces.faces()[i].folder;
        const auto it = folders.constFind(folder);
        const int id = it != folders.cend() ? *it : *folders.insert(folder, folders.size());
        out.scored.push_back(ids[i]);
        out.truth.push_back(id);
        out.identityOfFace.insert(ids[i], id);
    }
    return true;
}

ClusterScores score(Catalog &catalog, const Truth &t)
{
    QHash<qint64, qint64> person;
    QSqlQuery q(catalog.database());
    q.exec(QStringLiteral("SELECT id, coalesce(person_id, 0) FROM faces"));
    while (q.next())
        person.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    std::vector<int> labels;
    QHash<qint64, int> labelOf;
    for (qint64 f : t.scored) {
        const qint64 p = person.value(f);
        labels.push_back(p ? *labelOf.insert(p, labelOf.value(p, labelOf.size())) : -1);
    }
    return ClusterMetrics::evaluate(labels, t.truth);
}

// The identity most of a person's scored faces have, with its share; -1 when none is scored.
std::pair<int, double> majority(Catalog &catalog, const Truth &t, qint64 person)
{
    QSqlQuery q(catalog.database());
    q.prepare(QStringLiteral("SELECT id FROM faces WHERE person_id = ?"));
    q.addBindValue(person);
    q.exec();
    std::map<int, int> count;
    int total = 0;
    while (q.next())
        if (const auto it = t.identityOfFace.constFind(q.value(0).toLongLong());
            it != t.identityOfFace.cend()) {
            ++count[*it];
            ++total;
        }
    std::pair<int, double> best{-1, 0};
    for (const auto &[id, c] : count)
        if (double(c) / total > best.second)
            best = {id, double(c) / total};
    return best;
}

int personSize(Catalog &catalog, qint64 person)
{
    QSqlQuery q(catalog.database());
    q.prepare(QStringLiteral("SELECT count(*) FROM faces WHERE person_id = ?"));
    q.addBindValue(person);
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

struct Outcome
{
    double start = 0, end = 0;
    int reached = -1; ///< answers to BCubed F 0.97, -1: not reached
    int answers = 0, yesFirst50 = 0;
    double minPrecision = 1, startPrecision = 1;
};

Outcome runCatalog(const QString &name, const QString &path, const Truth &t, int maxAnswers,
                   bool list, bool table = true)
{
    Outcome o;
    Catalog catalog(path);
    if (!catalog.open())
        return o;
    const ClusterSummary clustered = Clusterer::run(catalog, {});
    if (!clustered.ok) {
        std::fprintf(stderr, "bench_cluster review: %s\n", qPrintable(clustered.error));
        return o;
    }
    PeopleService people(catalog);
    ReviewQuestions questions;
    QElapsedTimer clock;
    clock.start();
    if (!questions.load(catalog)) {
        std::fprintf(stderr, "bench_cluster review: %s\n", qPrintable(questions.errorString()));
        return o;
    }
    const double loadMs = clock.nsecsElapsed() / 1e6;
    const ClusterScores start = score(catalog, t);
    if (table)
        std::printf("\n%s (%d faces, %d scored): BCubed F %.3f (P %.3f) after clustering; %zu "
                    "questions in %.0f ms\n",
                    qPrintable(name), questions.faceCount(), int(t.scored.size()), start.bcubedF,
                    start.bcubedPrecision, questions.questions().size(), loadMs);
    if (table)
        std::printf("%8s %8s %7s %7s %6s %8s\n", "answers", "yes", "BC-F", "BC-P", "pairF",
                    "persons");
    int answers = 0, yesCount = 0, yesFirst50 = 0, reached = -1;
    double minPrecision = start.bcubedPrecision, refreshMs = 0, refreshMax = 0;
    const auto row = [&] {
        const ClusterScores s = score(catalog, t);
        if (table)
            std::printf("%8d %8d %7.3f %7.3f %6.3f %8d\n", answers, yesCount, s.bcubedF,
                        s.bcubedPrecision, s.pairwiseF, s.clusters);
        return s;
    };
    if (start.bcubedF >= 0.97)
        reached = 0;
    while (answers < maxAnswers && !questions.questions().empty()) {
        const ReviewQuestion q = questions.questions().front();
        bool yes = false, ok = false;
        if (q.kind == ReviewQuestion::Kind::SamePerson) {
            const auto a = majority(catalog, t, q.personA), b = majority(catalog, t, q.personB);
            yes = a.first >= 0 && a.first == b.first && a.second > 0.5 && b.second > 0.5;
            ok = yes ? people.merge(q.personB, q.personA)
                     : people.markDifferent(questions.facesToSetApart(q.personA, q.personB),
                                            questions.facesToSetApart(q.personB, q.personA));
        } else {
            const auto a = majority(catalog, t, q.personA);
            const auto it = t.identityOfFace.constFind(q.face);
            // A face nobody scored (a second face of a photo) is judged a
            // stranger: the truth does not know it.
            yes = it != t.identityOfFace.cend() && *it == a.first && a.second > 0.5;
            ok = people.reviewFaces(q.personA, yes ? QList<qint64>{q.face} : QList<qint64>{},
                                    yes ? QList<qint64>{} : QList<qint64>{q.face});
        }
        if (list)
            std::printf(
                "  %3d %-5s %s %5d %5d  d %.3f  likely %.2f  score %.3f\n", answers + 1,
                yes ? "yes" : "no", q.kind == ReviewQuestion::Kind::SamePerson ? "same" : "face",
                q.kind == ReviewQuestion::Kind::SamePerson ? personSize(catalog, q.personA) : 1,
                q.kind == ReviewQuestion::Kind::SamePerson ? personSize(catalog, q.personB)
                                                           : personSize(catalog, q.personA),
                q.distance, q.likelihood, q.score);
        if (!ok) {
            std::fprintf(stderr, "bench_cluster review: %s\n", qPrintable(people.errorString()));
            return o;
        }
        ++answers;
        yesCount += yes;
        if (answers <= 50)
            yesFirst50 += yes;
        clock.restart();
        questions.refresh(catalog);
        const double ms = clock.nsecsElapsed() / 1e6;
        refreshMs += ms;
        refreshMax = std::max(refreshMax, ms);
        if (answers % 5 == 0 || answers == maxAnswers || questions.questions().empty()) {
            const ClusterScores s = row();
            minPrecision = std::min(minPrecision, s.bcubedPrecision);
            if (reached < 0 && s.bcubedF >= 0.97)
                reached = answers;
        }
    }
    const ClusterScores end = score(catalog, t);
    o = {start.bcubedF, end.bcubedF,          reached, answers, yesFirst50,
         minPrecision,  start.bcubedPrecision};
    if (!table)
        return o;
    std::printf("%s: BCubed F %.3f -> %.3f (%+.3f) in %d answers; F 0.97 %s; yes among the "
                "first 50: %d of %d (%.0f%%); lowest BCubed P %.3f (start %.3f); refresh after "
                "an answer: mean %.1f ms, max %.1f ms\n",
                qPrintable(name), start.bcubedF, end.bcubedF, end.bcubedF - start.bcubedF, answers,
                reached >= 0 ? qPrintable(QStringLiteral("reached after %1 answers").arg(reached))
                             : "not reached",
                yesFirst50, std::min(answers, 50),
                100.0 * yesFirst50 / std::max(1, std::min(answers, 50)), minPrecision,
                start.bcubedPrecision, answers ? refreshMs / answers : 0.0, refreshMax);
    return o;
}

void runSet(const QString &name, const QString &cached, FacePick pick, int maxAnswers, bool list)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("catalog.sqlite"));
    Truth t;
    if (QFile::copy(cached, path) && readTruth(path, pick, t))
        runCatalog(name, path, t, maxAnswers, list);
}

// A synthetic family album (familyalbum.h) written into a catalog: photos
// are the groups of faces cannot-linked together; every face is scored.
bool writeAlbum(const FamilyAlbum &album, const QString &path, Truth &t)
{
    Catalog catalog(path);
    if (!catalog.open())
        return false;
    const int n = int(album.points.size());
    std::vector<int> photoOf(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        photoOf[size_t(i)] = i;
    for (const auto &[a, b] : album.constraints.cannotLink)
        photoOf[size_t(findRoot(photoOf, a))] = findRoot(photoOf, b);
    std::map<int, std::vector<int>> photos;
    for (int i = 0; i < n; ++i)
        photos[findRoot(photoOf, i)].push_back(i);
    catalog.transaction();
    int number = 0;
    for (const auto &[key, faces] : photos) {
        PhotoRecord p;
        p.path = QStringLiteral("/album/%1.jpg").arg(++number);
        p.size = number;
        p.width = 1000;
        p.height = 800;
        p.hash = QByteArray::number(number);
        const qint64 id = catalog.putPhoto(p);
        std::vector<DetectedFace> detected;
        for (size_t k = 0; k < faces.size(); ++k) {
            DetectedFace f;
            f.box = QRect(int(10 + 120 * k), 10, 100, 100);
            f.embedding = album.points[size_t(faces[k])];
            f.score = 1;
            detected.push_back(f);
        }
        catalog.replaceFaces(id, detected);
        QSqlQuery q(catalog.database());
        q.prepare(QStringLiteral("SELECT id FROM faces WHERE photo_id = ? ORDER BY x"));
        q.addBindValue(id);
        q.exec();
        for (size_t k = 0; q.next() && k < faces.size(); ++k) {
            const qint64 face = q.value(0).toLongLong();
            const int truth = album.truth[size_t(faces[k])];
            t.scored.push_back(face);
            t.truth.push_back(truth);
            t.identityOfFace.insert(face, truth);
        }
    }
    return catalog.commit();
}

void runAlbums(int seeds, int maxAnswers, bool list)
{
    std::printf("\nsynthetic family albums (5 people over 45 years, 300 photos; %d seeds each, "
                "dlib's scale): mean BCubed F after clustering and after answering\n",
                seeds);
    std::printf("%-9s %7s %7s %7s %14s %8s %8s\n", "drift", "start", "end", "P drop", "to F 0.97",
                "yes/50", "answers");
    struct Drift
    {
        const char *name;
        double child, adult;
    };
    for (const Drift drift :
         {Drift{"mild", 0.15, 0.06}, Drift{"moderate", 0.22, 0.09}, Drift{"strong", 0.30, 0.12}}) {
        double start = 0, end = 0, drop = 0, yes = 0, answers = 0;
        std::vector<int> toReach;
        for (int seed = 1; seed <= seeds; ++seed) {
            FamilyAlbumOptions options;
            options.childDrift = drift.child;
            options.adultDrift = drift.adult;
            const FamilyAlbum album = makeFamilyAlbum(options, unsigned(seed));
            QTemporaryDir dir;
            const QString path = dir.filePath(QStringLiteral("album.sqlite"));
            Truth t;
            if (!writeAlbum(album, path, t))
                return;
            const Outcome o = runCatalog(QStringLiteral("album"), path, t, maxAnswers, list, false);
            start += o.start / seeds;
            end += o.end / seeds;
            drop = std::max(drop, o.startPrecision - o.minPrecision);
            yes += double(o.yesFirst50) / std::max(1, std::min(50, o.answers)) / seeds;
            answers += double(o.answers) / seeds;
            if (o.reached >= 0)
                toReach.push_back(o.reached);
        }
        std::sort(toReach.begin(), toReach.end());
        const QString reach = toReach.empty() ? QStringLiteral("never")
                                              : QStringLiteral("%1/%2, med %3")
                                                    .arg(toReach.size())
                                                    .arg(seeds)
                                                    .arg(toReach[toReach.size() / 2]);
        std::printf("%-9s %7.3f %7.3f %7.3f %14s %7.0f%% %8.0f\n", drift.name, start, end, drop,
                    qPrintable(reach), 100 * yes, answers);
    }
}

} // namespace

int reviewBenchmark(const QStringList &args)
{
    const QString cache = optionValue(args, QStringLiteral("--cache"));
    const int maxAnswers =
        optionValue(args, QStringLiteral("--answers"), QStringLiteral("200")).toInt();
    if (cache.isEmpty() && !args.contains(QStringLiteral("--albums-only"))) {
        std::fprintf(stderr, "usage: bench_cluster review --cache DIR [--answers N] "
                             "[--encoder arcface|dlib] [--list] [--seeds N] [--no-albums]\n");
        return 2;
    }
    const QString encoder =
        optionValue(args, QStringLiteral("--encoder"), QStringLiteral("arcface"));
    const std::pair<const char *, FacePick> sets[] = {{"album-friends", FacePick::Largest},
                                                      {"lfw-dev", FacePick::Central},
                                                      {"kpop-dev", FacePick::Largest}};
    if (!args.contains(QStringLiteral("--no-albums")))
        runAlbums(optionValue(args, QStringLiteral("--seeds"), QStringLiteral("5")).toInt(),
                  maxAnswers, args.contains(QStringLiteral("--list")));
    for (const auto &[set, pick] : sets) {
        const QString file =
            QDir(cache).filePath(encoder + u'/' + QLatin1String(set) + QStringLiteral(".sqlite"));
        if (!QFileInfo::exists(file)) {
            std::printf("%s: no catalog %s (bench/clustering/suite.sh --cache makes it)\n", set,
                        qPrintable(QFileInfo(file).fileName()));
            continue;
        }
        runSet(QStringLiteral("%1 %2").arg(QLatin1String(set), encoder), file, pick, maxAnswers,
               args.contains(QStringLiteral("--list")));
    }
    return 0;
}

} // namespace facefolio::bench
