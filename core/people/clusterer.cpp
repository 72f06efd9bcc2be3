#include "people/clusterer.h"

#include "catalog/catalog.h"
#include "people/clusterlabels_p.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <map>
#include <set>

namespace facefolio {

namespace {

struct FaceRow
{
    qint64 id = 0;
    qint64 photo = 0;
    qint64 person = 0; ///< 0: none
    bool confirmed = false;
    bool clustered = false;
    bool wholeImage = false;
    Embedding e{};
};

struct Data
{
    std::vector<FaceRow> faces;             ///< the faces this run may place
    QHash<qint64, QString> personNames;     ///< every visible person
    QSet<QPair<qint64, qint64>> rejections; ///< (face, person)
    QMultiHash<qint64, qint64> distinct;    ///< face -> faces the user said are someone else
};

bool load(Catalog &catalog, EncoderModel model, Data &d, QString &error)
{
    QSqlQuery q(catalog.database());
    q.setForwardOnly(true);
    // Not-faces and the faces of hidden persons are left exactly as they are,
    // and so are faces of another model than the catalog's (not re-encoded
    // yet): their distances to the others mean nothing.
    q.prepare(QStringLiteral("SELECT f.id, f.photo_id, coalesce(f.person_id, 0), f.confirmed, "
                             "f.clustered, v.embedding, f.whole_image FROM faces f "
                             "JOIN face_vectors v ON v.face_id = f.id "
                             "LEFT JOIN persons p ON p.id = f.person_id "
                             "WHERE f.not_face = 0 AND coalesce(p.hidden, 0) = 0 "
                             "AND f.encoder = ? ORDER BY f.id"));
    q.addBindValue(int(model));
    if (!q.exec()) {
        error = q.lastError().text();
        return false;
    }
    while (q.next()) {
        FaceRow f;
        f.id = q.value(0).toLongLong();
        f.photo = q.value(1).toLongLong();
        f.person = q.value(2).toLongLong();
        f.confirmed = q.value(3).toBool();
        f.clustered = q.value(4).toBool();
        f.wholeImage = q.value(6).toBool();
        if (embeddingFromBlob(q.value(5).toByteArray(), model, &f.e))
            d.faces.push_back(f);
    }
    q.exec(QStringLiteral("SELECT id, coalesce(name, '') FROM persons WHERE hidden = 0"));
    while (q.next())
        d.personNames.insert(q.value(0).toLongLong(), q.value(1).toString());
    q.exec(QStringLiteral("SELECT face_id, person_id FROM face_rejections"));
    while (q.next())
        d.rejections.insert({q.value(0).toLongLong(), q.value(1).toLongLong()});
    q.exec(QStringLiteral("SELECT a, b FROM face_distinct"));
    while (q.next()) {
        d.distinct.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
        d.distinct.insert(q.value(1).toLongLong(), q.value(0).toLongLong());
    }
    return true;
}

// Clusters `idx` (indices into d.faces) with the chosen method, honouring
// confirmed groups and same-photo and rejection constraints. Returns one
// label per index, -1 for noise.
std::vector<int> clusterSubset(const Data &d, const std::vector<size_t> &idx,
                               const ClusterOptions &o, const std::function<bool()> &cancelled)
{
    detail::LabelInput in;
    in.embeddings.reserve(idx.size());
    QHash<qint64, int> groupOf;
    std::vector<qint64> photos;
    photos.reserve(idx.size());
    for (size_t k = 0; k < idx.size(); ++k) {
        const FaceRow &f = d.faces[idx[k]];
        in.embeddings.push_back(f.e);
        int g = -1;
        if (f.confirmed && f.person) {
            auto it = groupOf.find(f.person);
            if (it == groupOf.end())
                it = groupOf.insert(f.person, int(groupOf.size()));
            g = *it;
        }
        in.group.push_back(g);
        in.loose.push_back(f.wholeImage);
        photos.push_back(f.photo);
    }
    if (o.samePhotoRule)
        in.cannotLink = detail::samePhotoPairs(photos);
    // A face the user took out of a person never joins that person's confirmed faces.
    QHash<qint64, std::vector<int>> confirmedOf;
    for (size_t k = 0; k < idx.size(); ++k)
        if (in.group[k] >= 0)
            confirmedOf[d.faces[idx[k]].person].push_back(int(k));
    for (size_t k = 0; k < idx.size(); ++k)
        for (auto it = confirmedOf.cbegin(); it != confirmedOf.cend(); ++it)
            if (d.rejections.contains({d.faces[idx[k]].id, it.key()}))
                for (int c : it.value())
                    in.cannotLink.emplace_back(int(k), c);
    // Faces the user said are different people ("Same person?" answered no).
    if (!d.distinct.isEmpty()) {
        QHash<qint64, int> at;
        for (size_t k = 0; k < idx.size(); ++k)
            at.insert(d.faces[idx[k]].id, int(k));
        for (size_t k = 0; k < idx.size(); ++k)
            for (auto it = d.distinct.constFind(d.faces[idx[k]].id);
                 it != d.distinct.cend() && it.key() == d.faces[idx[k]].id; ++it)
                if (const auto other = at.constFind(it.value());
                    other != at.cend() && *other > int(k))
                    in.cannotLink.emplace_back(int(k), *other);
    }
    std::vector<int> labels = detail::computeLabels(in, o, cancelled);
    detail::enforceConstraints(in, labels);
    return labels;
}

// The person each label becomes: the old person sharing the most faces with
// it (greedily, largest overlap first; a confirmed face counts for the person
// the user put it in), else a new person when the cluster has at least two
// faces. A confirmed face itself always stays in its person (see run()), so a
// face the user moved against its looks does not drag its look-alikes, or
// the person's name, along: they stay with the person most of them were in.
std::map<int, qint64> mapToPersons(const Data &d, const std::vector<size_t> &idx,
                                   const std::vector<int> &labels, QSet<qint64> &used)
{
    std::map<int, qint64> out;
    std::map<std::pair<int, qint64>, int> overlap;
    for (size_t k = 0; k < idx.size(); ++k) {
        const FaceRow &f = d.faces[idx[k]];
        if (labels[k] >= 0 && f.person)
            ++overlap[{labels[k], f.person}];
    }
    std::vector<std::tuple<int, int, qint64>> pairs; // count, label, person
    for (const auto &[key, count] : overlap)
        pairs.emplace_back(count, key.first, key.second);
    std::sort(pairs.begin(), pairs.end(), [](const auto &a, const auto &b) {
        return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) > std::get<0>(b)
                                                : std::tie(std::get<1>(a), std::get<2>(a)) <
                                                      std::tie(std::get<1>(b), std::get<2>(b));
    });
    for (const auto &[count, label, person] : pairs) {
        if (out.count(label) || used.contains(person) || !d.personNames.contains(person))
            continue;
        out[label] = person;
        used.insert(person);
    }
    return out;
}

// What moving every face to newPerson changes against the persons it is in.
void changesOf(const Data &d, const std::vector<qint64> &newPerson, ClusterSummary &s)
{
    std::map<qint64, std::set<qint64>> oldOfNew, newOfOld;
    for (size_t i = 0; i < d.faces.size(); ++i) {
        const qint64 before = d.faces[i].person, after = newPerson[i];
        s.movedFaces += before != after;
        if (before && after) {
            oldOfNew[after].insert(before);
            newOfOld[before].insert(after);
        }
    }
    for (const auto &[p, olds] : oldOfNew)
        s.joinedPersons += int(olds.size()) - 1;
    for (const auto &[p, news] : newOfOld)
        s.splitPersons += int(news.size()) - 1;
}

} // namespace

ClusterSummary Clusterer::run(Catalog &catalog, const ClusterOptions &given,
                              const std::function<bool()> &cancelled)
{
    QElapsedTimer clock;
    clock.start();
    ClusterSummary s;
    Data d;
    const EncoderModel model = catalog.encoder().value_or(EncoderModel::Dlib);
    const ClusterOptions options = withDefaults(given, model);
    if (!load(catalog, model, d, s.error))
        return s;

    // Which faces this run places: all of them for a full run (or the first
    // one), else the faces no clustering has seen plus the earlier noise.
    const bool anyPerson =
        std::any_of(d.faces.begin(), d.faces.end(), [](const FaceRow &f) { return f.person != 0; });
    const bool full = options.full || !anyPerson;
    s.full = full;
    std::vector<qint64> newPerson(d.faces.size(), 0);
    std::vector<size_t> todo;
    QSet<qint64> used;
    if (full) {
        for (size_t i = 0; i < d.faces.size(); ++i)
            todo.push_back(i);
    } else {
        detail::JoinResult joined = detail::joinExisting(
            [&] {
                detail::JoinInput in;
                for (const FaceRow &f : d.faces) {
                    in.embeddings.push_back(f.e);
                    in.person.push_back(f.person);
                    in.photo.push_back(f.photo);
                    in.isNew.push_back(!f.clustered && !f.person);
                }
                in.rejections = d.rejections;
                in.faceIds.reserve(d.faces.size());
                for (const FaceRow &f : d.faces)
                    in.faceIds.push_back(f.id);
                return in;
            }(),
            options.joinDistance);
        // A face never joins a person holding a face the user said is someone else.
        if (!d.distinct.isEmpty()) {
            QHash<qint64, qint64> personOf;
            for (const FaceRow &f : d.faces)
                personOf.insert(f.id, f.person);
            for (size_t i = 0; i < d.faces.size(); ++i)
                if (joined.person[i])
                    for (auto it = d.distinct.constFind(d.faces[i].id);
                         it != d.distinct.cend() && it.key() == d.faces[i].id; ++it)
                        if (personOf.value(it.value()) == joined.person[i])
                            joined.person[i] = 0;
        }
        for (size_t i = 0; i < d.faces.size(); ++i) {
            const FaceRow &f = d.faces[i];
            if (joined.person[i]) {
                newPerson[i] = joined.person[i];
                ++s.joined;
            } else if (!f.person) {
                todo.push_back(i);
            } else {
                newPerson[i] = f.person; // untouched
                used.insert(f.person);
            }
        }
        for (qint64 p : joined.person)
            if (p)
                used.insert(p);
    }
    s.considered = int(full ? d.faces.size() : todo.size() + size_t(s.joined));

    const std::vector<int> labels = clusterSubset(d, todo, options, cancelled);
    if (cancelled && cancelled()) {
        s.cancelled = true;
        s.error = QStringLiteral("clustering was cancelled; nothing was changed");
        return s;
    }
    const std::map<int, qint64> mapped = mapToPersons(d, todo, labels, used);

    // Write everything in one transaction: a killed run changes nothing. A
    // dry run writes nothing and numbers its new persons below 0.
    const bool dry = options.dryRun;
    if (!dry && !catalog.transaction()) {
        s.error = catalog.errorString();
        return s;
    }
    QSqlQuery q(catalog.database());
    // Faces each label would bring to a new person: confirmed ones stay put.
    std::map<int, int> labelSize;
    for (size_t k = 0; k < todo.size(); ++k)
        if (labels[k] >= 0 && !(d.faces[todo[k]].confirmed && d.faces[todo[k]].person))
            ++labelSize[labels[k]];
    // A DBSCAN cluster is a person whatever its size, as DBSCAN defines it;
    // the other methods leave lone faces among the unknown faces.
    const int minSize = options.method == ClusterOptions::Method::Dbscan ? 1 : 2;
    std::map<int, qint64> created;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (size_t k = 0; k < todo.size(); ++k) {
        const int l = labels[k];
        const FaceRow &face = d.faces[todo[k]];
        // A face the user confirmed stays where the user put it.
        if (face.confirmed && face.person) {
            newPerson[todo[k]] = face.person;
            continue;
        }
        if (l < 0)
            continue;
        auto m = mapped.find(l);
        qint64 person = m != mapped.end() ? m->second : 0;
        if (!person && labelSize[l] >= minSize) {
            auto c = created.find(l);
            if (c == created.end() && dry)
                c = created.emplace(l, -qint64(created.size()) - 1).first;
            if (c == created.end()) {
                q.prepare(
                    QStringLiteral("INSERT INTO persons(created_at) VALUES (?) RETURNING id"));
                q.addBindValue(now);
                if (!q.exec() || !q.next()) {
                    s.error = q.lastError().text();
                    catalog.rollback();
                    return s;
                }
                c = created.emplace(l, q.value(0).toLongLong()).first;
                q.finish();
            }
            person = c->second;
        }
        // A face never goes back to a person the user took it out of.
        if (person && d.rejections.contains({face.id, person}))
            person = 0;
        newPerson[todo[k]] = person;
    }
    s.newPersons = int(created.size());
    changesOf(d, newPerson, s);
    if (dry) {
        s.assigned =
            int(std::count_if(newPerson.begin(), newPerson.end(), [](qint64 p) { return p != 0; }));
        s.unassigned = int(newPerson.size()) - s.assigned;
        s.seconds = clock.elapsed() / 1000.0;
        s.ok = true;
        return s;
    }

    q.prepare(QStringLiteral("UPDATE faces SET person_id = ?, clustered = 1 WHERE id = ?"));
    for (size_t i = 0; i < d.faces.size(); ++i) {
        q.addBindValue(newPerson[i] ? QVariant(newPerson[i]) : QVariant());
        q.addBindValue(d.faces[i].id);
        if (!q.exec()) {
            s.error = q.lastError().text();
            catalog.rollback();
            return s;
        }
        (newPerson[i] ? s.assigned : s.unassigned)++;
    }
    // Unnamed persons the clustering emptied go; named ones stay, even empty,
    // and so do persons the user tagged on a photo or gave a birth date.
    q.exec(QStringLiteral(
        "DELETE FROM persons WHERE (name IS NULL OR name = '') AND hidden = 0 AND "
        "birth_date IS NULL AND "
        "NOT EXISTS (SELECT 1 FROM faces f WHERE f.person_id = persons.id) AND "
        "NOT EXISTS (SELECT 1 FROM photo_persons t WHERE t.person_id = persons.id)"));
    s.removedPersons = q.numRowsAffected();
    // A cover that left its person is replaced by the person's strongest detection.
    q.exec(QStringLiteral(
        "UPDATE persons SET cover_face_id = (SELECT f.id FROM faces f WHERE "
        "f.person_id = persons.id ORDER BY f.confirmed DESC, f.score DESC, f.id LIMIT 1) "
        "WHERE cover_face_id IS NULL OR NOT EXISTS (SELECT 1 FROM faces f WHERE "
        "f.id = persons.cover_face_id AND f.person_id = persons.id)"));
    if (!catalog.commit()) {
        s.error = catalog.errorString();
        return s;
    }
    if (q.exec(QStringLiteral("SELECT count(*) FROM persons WHERE EXISTS (SELECT 1 FROM faces f "
                              "WHERE f.person_id = persons.id)")) &&
        q.next())
        s.persons = q.value(0).toInt();
    s.seconds = clock.elapsed() / 1000.0;
    s.ok = true;
    return s;
}

QFuture<ClusterSummary> Clusterer::start(const QString &catalogPath, ClusterOptions options)
{
    return QtConcurrent::run([catalogPath, options](QPromise<ClusterSummary> &promise) {
        Catalog catalog(catalogPath);
        ClusterSummary s;
        if (!catalog.open())
            s.error = catalog.errorString();
        else
            s = run(catalog, options, [&promise] { return promise.isCanceled(); });
        promise.addResult(s);
    });
}

ClusterOptions Clusterer::withDefaults(ClusterOptions o, EncoderModel model)
{
    // dlib: tuned on lfw-dev and the synthetic albums (issue 3). ArcFace's
    // vectors are L2-normalised (distances 0 to 2): bench/clustering/suite.sh
    // over lfw-dev, album-friends and kpop-dev put the precision-first cut at
    // 1.04 (BCubed P 0.996 on lfw-dev and the album, 0.84 on kpop-dev's faces
    // over 80 px, where no cut with any recall reaches 0.97), with bridges
    // only below 0.84: longer ones cost kpop-dev precision (issue 15).
    const bool arc = model == EncoderModel::ArcFace;
    const bool whispers = o.method == ClusterOptions::Method::ChineseWhispers;
    if (o.threshold < 0)
        o.threshold = whispers ? (arc ? 1.0 : 0.5) : (arc ? 1.04 : 0.52);
    // Issue 16: after average linkage, fragments join the person that
    // clearly surrounds them (FragmentJoin). dlib's bridges chained look-alike
    // strangers (lfw-dev worst purity 0.217) and are gone; ArcFace's, below
    // 0.84, change nothing on the dev sets and keep drifting persons whole.
    if (o.bridgeMargin < 0 && arc)
        o.bridgeMargin = 0.2;
    if (o.eps < 0)
        o.eps = arc ? 1.0 : 0.5;
    if (o.joinDistance < 0)
        o.joinDistance = arc ? 1.0 : 0.5;
    return o;
}

QString Clusterer::methodName(ClusterOptions::Method m)
{
    switch (m) {
    case ClusterOptions::Method::Dbscan:
        return QStringLiteral("dbscan");
    case ClusterOptions::Method::AverageLinkage:
        return QStringLiteral("hac");
    case ClusterOptions::Method::ChineseWhispers:
        return QStringLiteral("cw");
    case ClusterOptions::Method::Auto:
        break;
    }
    return QStringLiteral("auto");
}

bool Clusterer::parseMethod(const QString &name, ClusterOptions::Method &m)
{
    for (auto candidate :
         {ClusterOptions::Method::Auto, ClusterOptions::Method::Dbscan,
          ClusterOptions::Method::AverageLinkage, ClusterOptions::Method::ChineseWhispers})
        if (methodName(candidate) == name) {
            m = candidate;
            return true;
        }
    return false;
}

} // namespace facefolio
