#include "people/reviewquestions.h"

#include "catalog/catalog.h"
#include "clustering/neighboursearch.h"
#include "clustering/partitionedknn.h"
#include "people/clusterer.h"
#include "people/reviewranking_p.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace facefolio {

namespace {

/// Up to this many faces the neighbour graph is exact (NeighbourSearch's own limit).
constexpr size_t kExactUpTo = 20000;

} // namespace

ReviewQuestions::ReviewQuestions()
    : ReviewQuestions(Options{})
{}

ReviewQuestions::ReviewQuestions(Options options)
    : m_options(options)
{}

ReviewQuestions::~ReviewQuestions() = default;
ReviewQuestions::ReviewQuestions(const ReviewQuestions &) = default;
ReviewQuestions &ReviewQuestions::operator=(const ReviewQuestions &) = default;
ReviewQuestions::ReviewQuestions(ReviewQuestions &&) noexcept = default;
ReviewQuestions &ReviewQuestions::operator=(ReviewQuestions &&) noexcept = default;

bool ReviewQuestions::load(Catalog &catalog, const std::function<bool()> &cancelled)
{
    m_error.clear();
    m_model = catalog.encoder().value_or(EncoderModel::Dlib);
    m_cut = Clusterer::withDefaults({}, m_model).threshold;
    m_radius = m_options.radius > 0 ? m_options.radius : 1.25 * m_cut;

    QSqlQuery q(catalog.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT f.id, v.embedding, coalesce(ph.taken_ms, ph.mtime_ms) "
                             "FROM faces f JOIN photos ph ON ph.id = f.photo_id "
                             "JOIN face_vectors v ON v.face_id = f.id "
                             "WHERE f.encoder = ? ORDER BY f.id"));
    q.addBindValue(int(m_model));
    if (!q.exec()) {
        m_error = q.lastError().text();
        return false;
    }
    std::vector<Embedding> points;
    m_faceIds.clear();
    m_taken.clear();
    m_index.clear();
    while (q.next()) {
        Embedding e{};
        if (!embeddingFromBlob(q.value(1).toByteArray(), m_model, &e))
            continue; // a damaged blob takes no part, as in clustering
        m_index.insert(q.value(0).toLongLong(), int(m_faceIds.size()));
        m_faceIds.push_back(q.value(0).toLongLong());
        m_taken.push_back(q.value(2).toLongLong());
        points.push_back(e);
    }
    ClusterControl control;
    control.cancelled = cancelled;
    std::optional<KnnGraph> graph;
    if (points.size() < 2)
        graph = KnnGraph{int(points.size()), 0, {}, {}};
    else if (points.size() <= kExactUpTo)
        graph = NeighbourSearch(points).knn(std::min(m_options.neighbours, int(points.size()) - 1),
                                            control);
    else
        // Questions need the faces close to another person, which the
        // partitioned search finds with fewer probes than clustering uses.
        graph = PartitionedKnn::search(points, m_options.neighbours,
                                       {QThread::idealThreadCount(), 0, 4, 5}, control);
    if (!graph) {
        m_error = QStringLiteral("cancelled");
        return false;
    }
    m_graph = std::make_shared<const KnnGraph>(std::move(*graph));
    bool same = true;
    if (!readState(catalog, same))
        return false;
    rerank();
    return true;
}

bool ReviewQuestions::refresh(Catalog &catalog)
{
    if (!m_graph)
        return load(catalog);
    bool same = true;
    if (!readState(catalog, same))
        return false;
    if (!same)
        return load(catalog);
    rerank();
    return true;
}

bool ReviewQuestions::readState(Catalog &catalog, bool &sameFaces)
{
    State s;
    s.faceIds = m_faceIds;
    const size_t n = m_faceIds.size();
    s.photo.assign(n, 0);
    s.person.assign(n, 0);
    s.active.assign(n, false);
    QSqlQuery q(catalog.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT f.id, f.photo_id, coalesce(f.person_id, 0), f.not_face, "
                             "coalesce(p.hidden, 0) FROM faces f "
                             "LEFT JOIN persons p ON p.id = f.person_id WHERE f.encoder = ?"));
    q.addBindValue(int(m_model));
    if (!q.exec()) {
        m_error = q.lastError().text();
        return false;
    }
    size_t seen = 0;
    sameFaces = true;
    while (q.next()) {
        const auto it = m_index.constFind(q.value(0).toLongLong());
        if (it == m_index.cend()) {
            sameFaces = false; // a face the graph does not know (a scan since)
            continue;
        }
        ++seen;
        const size_t i = size_t(*it);
        s.photo[i] = q.value(1).toLongLong();
        s.person[i] = q.value(2).toLongLong();
        s.active[i] = !q.value(3).toBool() && !q.value(4).toBool();
    }
    if (seen != n)
        sameFaces = false;
    if (!q.exec(QStringLiteral("SELECT id, coalesce(name, '') FROM persons WHERE hidden = 0"))) {
        m_error = q.lastError().text();
        return false;
    }
    while (q.next())
        s.names.insert(q.value(0).toLongLong(), q.value(1).toString());
    if (!q.exec(QStringLiteral("SELECT face_id, person_id FROM face_rejections"))) {
        m_error = q.lastError().text();
        return false;
    }
    while (q.next())
        s.rejections.insert({q.value(0).toLongLong(), q.value(1).toLongLong()});
    if (!q.exec(QStringLiteral("SELECT a, b FROM face_distinct"))) {
        m_error = q.lastError().text();
        return false;
    }
    while (q.next()) {
        const auto a = m_index.constFind(q.value(0).toLongLong());
        const auto b = m_index.constFind(q.value(1).toLongLong());
        if (a != m_index.cend() && b != m_index.cend())
            s.distinct.emplace_back(*a, *b);
    }
    m_state = std::move(s);
    return true;
}

void ReviewQuestions::rerank()
{
    m_questions = rank(m_state, *m_graph, m_radius, m_cut, m_options.minLikelihood);
}

QFuture<std::shared_ptr<ReviewQuestions>> ReviewQuestions::start(const QString &catalogPath,
                                                                 Options options)
{
    return QtConcurrent::run(
        [catalogPath, options](QPromise<std::shared_ptr<ReviewQuestions>> &promise) {
            auto questions = std::make_shared<ReviewQuestions>(options);
            Catalog catalog(catalogPath);
            if (!catalog.open())
                questions->m_error = catalog.errorString();
            else
                questions->load(catalog, [&promise] { return promise.isCanceled(); });
            promise.addResult(questions);
        });
}

QFuture<std::shared_ptr<ReviewQuestions>> ReviewQuestions::start(const QString &catalogPath)
{
    return start(catalogPath, Options{});
}

std::vector<std::pair<qint64, double>> ReviewQuestions::likeliestPersons(qint64 faceId, int n) const
{
    const auto it = m_index.constFind(faceId);
    if (!m_graph || it == m_index.cend())
        return {};
    std::vector<std::pair<qint64, double>> out =
        detail::NearPersons(m_state, *m_graph, m_radius).ranked(*it);
    if (int(out.size()) > n)
        out.resize(size_t(n));
    return out;
}

QList<qint64> ReviewQuestions::spreadFaces(qint64 personId, int n) const
{
    std::vector<std::pair<qint64, qint64>> faces; // taken, id
    for (size_t i = 0; i < m_state.person.size(); ++i)
        if (m_state.person[i] == personId && m_state.active[i])
            faces.emplace_back(m_taken[i], m_faceIds[i]);
    std::sort(faces.begin(), faces.end());
    QList<qint64> out;
    if (faces.empty() || n <= 0)
        return out;
    const int take = std::min(n, int(faces.size()));
    for (int k = 0; k < take; ++k) {
        // Evenly over the person's faces in date order, first and last included.
        const size_t at = take == 1 ? 0 : size_t(k) * (faces.size() - 1) / size_t(take - 1);
        if (!out.contains(faces[at].second))
            out.append(faces[at].second);
    }
    return out;
}

QList<qint64> ReviewQuestions::facesToSetApart(qint64 a, qint64 b) const
{
    QList<qint64> out;
    for (const ReviewQuestion &q : m_questions)
        if (q.kind == ReviewQuestion::Kind::SamePerson &&
            ((q.personA == a && q.personB == b) || (q.personA == b && q.personB == a))) {
            out = q.personA == a ? q.evidenceA : q.evidenceB;
            break;
        }
    for (qint64 f : spreadFaces(a, kShownFaces))
        if (!out.contains(f))
            out.append(f);
    return out;
}

qint64 ReviewQuestions::takenMs(qint64 faceId) const
{
    const auto it = m_index.constFind(faceId);
    return it == m_index.cend() ? 0 : m_taken[size_t(*it)];
}

} // namespace facefolio
